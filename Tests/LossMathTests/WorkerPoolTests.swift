import CKernels
import Dispatch
import Foundation
import Testing

@testable import LossMath

/// `Parallel.forEachRange` on the spinning worker pool: every index exactly once, in bursts (the
/// workers still spinning), after pauses (the workers asleep), from several threads at once (all
/// but one fall back to Dispatch), and nested (inner calls stay on their thread).
@Suite("Worker pool")
struct WorkerPoolTests {
    /// Calls `forEachRange` and counts how often each index was visited, and on how many threads.
    static func visits(count: Int) -> (counts: [Int], threads: Int) {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: count)
        counts.initialize(repeating: 0, count: count)
        defer { counts.deallocate() }
        let lock = NSLock()
        var threads = Set<pthread_t>()
        let shared = UncheckedSendable(value: counts)
        Parallel.forEachRange(count: count, work: 1 << 20) { range in
            // Ranges are disjoint, so plain increments would do; a duplicate range shows as a 2.
            for i in range { shared.value[i] += 1 }
            lock.withLock { _ = threads.insert(pthread_self()) }
        }
        return (Array(UnsafeBufferPointer(start: counts, count: count)), threads.count)
    }

    @Test func everyIndexOnceInABurstAndAfterPauses() async throws {
        for round in 0..<600 {
            let count = [2, 3, 7, 8, 9, 64, 1000, 1023][round % 8]
            let (counts, _) = Self.visits(count: count)
            #expect(counts == [Int](repeating: 1, count: count), "round \(round), \(count) indices")
            // Now and then a pause longer than the workers spin: the next call must wake them.
            if round % 150 == 149 { try await Task.sleep(for: .milliseconds(5)) }
        }
    }

    @Test func theWorkersTakePartWhereThereAreSeveralCores() {
        let workers = Int(ck_pool_workers())
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #expect(workers == cores - 1)
        guard workers > 0 else { return }
        // Ranges that take a while, so the caller cannot finish them all before a worker claims one.
        var sawSeveral = false
        for _ in 0..<50 where !sawSeveral {
            let lock = NSLock()
            var threads = Set<pthread_t>()
            Parallel.forEachRange(count: 8, work: 1 << 20) { _ in
                usleep(2000)
                lock.withLock { _ = threads.insert(pthread_self()) }
            }
            sawSeveral = threads.count > 1
        }
        #expect(sawSeveral)
    }

    @Test func callersOnSeveralThreadsAtOnceEachGetEveryIndexOnce() {
        let results = UnsafeMutablePointer<Bool>.allocate(capacity: 8 * 40)
        results.initialize(repeating: false, count: 8 * 40)
        defer { results.deallocate() }
        let shared = UncheckedSendable(value: results)
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            for round in 0..<40 {
                let count = 50 + caller * 7 + round
                let (counts, _) = Self.visits(count: count)
                shared.value[caller * 40 + round] = counts == [Int](repeating: 1, count: count)
            }
        }
        #expect(UnsafeBufferPointer(start: results, count: 8 * 40).allSatisfy { $0 })
    }

    @Test func nestedCallsStayOnTheirThreadAndCoverTheirRange() {
        let outer = 16, inner = 100
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: outer * inner)
        counts.initialize(repeating: 0, count: outer * inner)
        defer { counts.deallocate() }
        let shared = UncheckedSendable(value: counts)
        Parallel.forEachRange(count: outer, work: 1 << 20) { rows in
            for row in rows {
                let me = pthread_self()
                Parallel.forEachRange(count: inner, work: 1 << 20) { columns in
                    // Inside a range the limit is 1: the inner ranges run here, on the same thread.
                    if pthread_equal(pthread_self(), me) == 0 { shared.value[row * inner] = -1000 }
                    for column in columns { shared.value[row * inner + column] += 1 }
                }
            }
        }
        #expect(UnsafeBufferPointer(start: counts, count: outer * inner).allSatisfy { $0 == 1 })
    }
}
