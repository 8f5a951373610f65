#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process-wide store of large gradient buffers that have already been touched.
///
/// A fresh B×C gradient is new memory: the operating system maps it on first touch, one zeroed
/// page at a time, and at 1024×5994 (49 MB) that costs as much as the loss itself. When a
/// `GradientMatrix` from a pool is released (its last copy goes away), its block returns here
/// instead of to the system, and the next gradient of a similar size is written into it: a
/// training loop that drops each batch's gradient before the next one pays first touch once.
///
/// Blocks are 2 MiB-aligned multiples of 2 MiB, and on Linux marked `MADV_HUGEPAGE`, so the
/// first touch too is cheaper where transparent huge pages are enabled. The pool is bounded:
/// it keeps at most `blockLimit` idle blocks totalling at most `byteLimit` bytes (the oldest
/// are freed first); memory in use by live matrices is not counted, since it is the caller's.
/// Gradients under `minimumPooledBytes` are ordinary allocations (the allocator reuses those).
/// Everything here is thread-safe; contents are never relied on (every element is rewritten).
public final class GradientPool: @unchecked Sendable {
    /// The pool `BatchLoss` takes its gradients from.
    ///
    /// At most 2 idle blocks and 1 GiB (or an eighth of physical memory if that is less).
    public static let shared = GradientPool()

    /// What a pool has done since it was made; for tests and diagnostics.
    public struct Statistics: Equatable, Sendable {
        /// Blocks obtained from the system.
        public var blocksAllocated = 0
        /// Requests served by an idle block.
        public var reuses = 0
        /// Blocks given back to the system (over a limit, or `drain()`).
        public var blocksFreed = 0
        /// Idle blocks held now.
        public var idleBlocks = 0
        /// Bytes in idle blocks now.
        public var idleBytes = 0
    }

    /// The block size and alignment: one x86-64 huge page.
    static let blockGranularity = 1 << 21

    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private var idle: [(base: UnsafeMutableRawPointer, bytes: Int)] = []
    private var counts = Statistics()
    private var blocks: Int
    private var bytes: Int
    /// Smaller gradients are plain allocations, not pooled.
    let minimumPooledBytes: Int

    /// A pool keeping at most `blockLimit` idle blocks of at most `byteLimit` bytes in all.
    public convenience init(blockLimit: Int = 2, byteLimit: Int = GradientPool.defaultByteLimit) {
        self.init(blockLimit: blockLimit, byteLimit: byteLimit, minimumPooledBytes: 1 << 20)
    }

    init(blockLimit: Int, byteLimit: Int, minimumPooledBytes: Int) {
        blocks = max(0, blockLimit)
        bytes = max(0, byteLimit)
        self.minimumPooledBytes = minimumPooledBytes
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        for block in idle { free(block.base) }
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// 1 GiB, or an eighth of physical memory if that is less.
    public static var defaultByteLimit: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 1 << 30 }
        return min(1 << 30, pages / 8 * pageSize)
    }

    /// The most idle blocks kept; lowering it frees the oldest at once.
    public var blockLimit: Int {
        get { locked { blocks } }
        set {
            release(
                locked {
                    blocks = max(0, newValue); return trimmed()
                })
        }
    }

    /// The most bytes kept in idle blocks; lowering it frees the oldest at once.
    public var byteLimit: Int {
        get { locked { bytes } }
        set {
            release(
                locked {
                    bytes = max(0, newValue); return trimmed()
                })
        }
    }

    public var statistics: Statistics {
        locked {
            var now = counts
            now.idleBlocks = idle.count
            now.idleBytes = idleBytes
            return now
        }
    }

    /// The bytes the idle blocks hold (at most `blockLimit` of them); the lock must be held.
    private var idleBytes: Int { idle.reduce(0) { $0 + $1.bytes } }

    /// Frees every idle block (live matrices are not affected).
    public func drain() {
        release(
            locked { () -> [UnsafeMutableRawPointer] in
                let all = idle.map(\.base)
                idle.removeAll()
                counts.blocksFreed += all.count
                return all
            })
    }

    /// Storage for `count` doubles, uninitialised: an idle block that fits (the smallest that
    /// is at most twice the size asked for; among equals the last returned, whose pages are the
    /// most likely still cached), else a new one.
    func storage(count: Int) -> GradientStorage {
        let needed = count * MemoryLayout<Double>.stride
        guard needed >= minimumPooledBytes, needed > 0 else {
            return GradientStorage(base: .allocate(capacity: max(count, 1)), count: count, blockBytes: 0, pool: nil)
        }
        let granularity = Self.blockGranularity
        let rounded = (needed + granularity - 1) / granularity * granularity
        let reused = locked { () -> (base: UnsafeMutableRawPointer, bytes: Int)? in
            var best: Int?
            for (index, block) in idle.enumerated() where block.bytes >= rounded && block.bytes <= 2 * rounded {
                if best.map({ block.bytes <= idle[$0].bytes }) ?? true { best = index }
            }
            guard let best else { return nil }
            counts.reuses += 1
            return idle.remove(at: best)
        }
        if let reused {
            return GradientStorage(
                base: reused.base.assumingMemoryBound(to: Double.self), count: count, blockBytes: reused.bytes, pool: self)
        }
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, granularity, rounded) == 0, let raw else {
            fatalError("GradientPool: cannot allocate \(rounded) bytes for a gradient")
        }
        #if os(Linux)
            _ = madvise(raw, rounded, MADV_HUGEPAGE)
        #endif
        locked { counts.blocksAllocated += 1 }
        return GradientStorage(base: raw.bindMemory(to: Double.self, capacity: rounded / 8), count: count, blockBytes: rounded, pool: self)
    }

    /// Takes a block back from a released matrix: kept if the limits allow, oldest blocks freed to make room.
    func recycle(_ base: UnsafeMutableRawPointer, bytes blockBytes: Int) {
        release(
            locked { () -> [UnsafeMutableRawPointer] in
                guard blockBytes <= bytes, blocks > 0 else {
                    counts.blocksFreed += 1
                    return [base]
                }
                idle.append((base, blockBytes))
                return trimmed()
            })
    }

    /// Removes the oldest idle blocks until the limits hold; called with the lock held.
    private func trimmed() -> [UnsafeMutableRawPointer] {
        var freed: [UnsafeMutableRawPointer] = []
        while !idle.isEmpty, idle.count > blocks || idleBytes > bytes {
            let oldest = idle.removeFirst()
            counts.blocksFreed += 1
            freed.append(oldest.base)
        }
        return freed
    }

    /// Gives blocks back to the system, outside the lock.
    private func release(_ blocks: [UnsafeMutableRawPointer]) {
        for block in blocks { free(block) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }
}

/// The memory of one `GradientMatrix`: a pool block or a plain allocation, returned when the
/// last matrix sharing it goes away. Written only while uniquely referenced (copy on write).
final class GradientStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int
    /// The pool block's size in bytes (0: a plain allocation).
    let blockBytes: Int
    let pool: GradientPool?

    init(base: UnsafeMutablePointer<Double>, count: Int, blockBytes: Int, pool: GradientPool?) {
        self.base = base
        self.count = count
        self.blockBytes = blockBytes
        self.pool = pool
    }

    deinit {
        if let pool {
            pool.recycle(UnsafeMutableRawPointer(base), bytes: blockBytes)
        } else {
            base.deallocate()
        }
    }
}
