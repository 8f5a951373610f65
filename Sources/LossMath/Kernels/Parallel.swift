import CKernels
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits row-independent batch work over the available cores.
///
/// Each row is computed by exactly the same code whichever thread runs it, and
/// every reduction across rows happens afterwards in row order, so the results do
/// not depend on the number of threads. Work started from inside a range runs on
/// that range's thread: a parallel caller is never oversubscribed.
enum Parallel {
    /// The most threads a batch may use here (nil: one per core). Bound to 1 inside
    /// every range, so nested batch work stays on its thread.
    @TaskLocal static var threadLimit: Int?

    /// The cores online when first asked. Read once: glibc answers `sysconf(_SC_NPROCESSORS_ONLN)`
    /// by opening and reading a file under /sys each time, a few microseconds per batch call.
    static let onlineCores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Below this many cosines a batch is computed on the calling thread: dispatch
    /// costs more than it saves.
    static var minimumParallelElements: Int { 1 << 16 }

    /// Calls `body` on disjoint ranges covering `0..<count`, concurrently when `work`
    /// (the number of elements touched) is large enough. Returns when all are done.
    ///
    /// The ranges run on the calling thread and the threads of `CKernels`' pool (`ck_pool_run`),
    /// which spin for a little while after each job: a burst of short jobs (a key held down on the
    /// batch screen, a benchmark loop) does not pay a thread wake-up for each, which at 256×1000
    /// cost as much as the second core saved. When the pool is busy with another thread's job,
    /// Dispatch runs the ranges instead. Which thread runs a range never changes its results.
    static func forEachRange(count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let cores = min(threadLimit ?? .max, onlineCores)
        guard cores > 1, work >= minimumParallelElements, count > 1 else {
            body(0..<count)
            return
        }
        // A few ranges per core, taken one at a time, so a core that is busy with something
        // else does not hold everyone up.
        let chunks = min(count, cores * 4)
        withoutActuallyEscaping(body) { body in
            var job = PoolJob(count: count, chunks: chunks, body: body)
            let ran = withUnsafeMutablePointer(to: &job) { pointer in
                ck_pool_run(
                    chunks, Int32(cores - 1),
                    { context, chunk in
                        context!.assumingMemoryBound(to: PoolJob.self).pointee.run(chunk: chunk)
                    }, pointer) != 0
            }
            guard !ran else { return }
            let task = UncheckedSendable(value: job)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in task.value.run(chunk: chunk) }
        }
    }

    /// One `forEachRange` call as the pool's threads see it.
    private struct PoolJob {
        let count: Int
        let chunks: Int
        let body: (Range<Int>) -> Void

        /// Range `chunk` of `chunks` equal parts of `0..<count`, with nested batch work kept on this thread.
        func run(chunk: Int) {
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            $threadLimit.withValue(1) { body(start..<end) }
        }
    }
}

/// A fresh array of `count` doubles, filled by `body`, which must initialise every element.
///
/// On Linux a large fresh array is new memory from `mmap`, and faulting it in 4 KiB
/// pages costs more than the loss itself (≈ 30 ms for the 49 MB gradient of a
/// 1024×5994 batch); asking for transparent huge pages first cuts that to a third.
/// This is a hint only: the contents and the results are the same without it.
func makeLargeArray(count: Int, _ body: (UnsafeMutablePointer<Double>) -> Void) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        guard let base = buffer.baseAddress else { initialized = 0; return }
        #if os(Linux)
            let hugePage: UInt = 1 << 21
            let start = UInt(bitPattern: base)
            let end = start + UInt(count * MemoryLayout<Double>.stride)
            let alignedStart = (start + hugePage - 1) & ~(hugePage - 1)
            let alignedEnd = end & ~(hugePage - 1)
            if count * MemoryLayout<Double>.stride >= 8 << 20, alignedEnd > alignedStart {
                _ = madvise(
                    UnsafeMutableRawPointer(bitPattern: alignedStart), Int(alignedEnd - alignedStart),
                    MADV_HUGEPAGE)
            }
        #endif
        body(base)
        initialized = count
    }
}

/// A value handed to worker threads that only touch disjoint parts of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
