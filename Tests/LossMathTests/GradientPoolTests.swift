import Dispatch
import Testing

@testable import LossMath

/// The pooled gradient (`GradientMatrix`, `GradientPool`): the same bits as the kept-array path,
/// memory actually reused, never shared between live results, thread-safe, and bounded.
///
/// Each test makes its own pool, so the other suites running at the same time (which use
/// `GradientPool.shared`) cannot disturb its statistics.
@Suite("Pooled gradients")
struct GradientPoolTests {
    /// A pool that pools even the small test gradients (each rounded up to one 2 MiB block).
    static func pool(blocks: Int = 2, bytes: Int = 1 << 30) -> GradientPool {
        GradientPool(blockLimit: blocks, byteLimit: bytes, minimumPooledBytes: 0)
    }

    static let rule = BoundaryRule(scale: 30, margin: 0.35, topK: 2, unselected: .excluded)

    static func fresh(_ batch: CosineBatch, scale: Double = 30, pool: GradientPool) -> BatchResult {
        BatchLoss.evaluate(batch, scale: scale, policy: .everySample(.additiveCosine(margin: 0.35)), gradient: true, pool: pool)
    }

    static func kept(_ batch: CosineBatch, scale: Double = 30) -> [Double] {
        var kept: [Double] = []
        _ = BatchLoss.lmcl(batch, scale: scale, margin: 0.35, into: &kept)
        return kept
    }

    /// Equal bit for bit (so −0 ≠ +0 and NaN = NaN of the same payload).
    static func sameBits(_ a: GradientMatrix?, _ b: [Double]) -> Bool {
        guard let a else { return false }
        return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test func aReusedBlockIsFullyOverwrittenAndGivesTheKeptBits() {
        var rng = SeededGenerator(seed: 91)
        let pool = Self.pool()
        for round in 0..<4 {
            let batch = randomBatch(samples: rng.integer(1...40), classes: rng.integer(1...300), using: &rng)
            let expected = Self.kept(batch)
            // Poison the block the next result will get: every element must be written again.
            var poison = GradientMatrix(rows: batch.sampleCount, columns: batch.classCount, pool: pool) { base in
                base.initialize(repeating: .nan, count: batch.sampleCount * batch.classCount)
            }
            poison.withUnsafeMutableBufferPointer { $0.update(repeating: .signalingNaN) }
            let poisoned = poison.baseAddress
            poison = GradientMatrix(rows: 0, columns: 0, repeating: 0)
            let result = Self.fresh(batch, pool: pool)
            #expect(result.gradient?.baseAddress == poisoned, "round \(round): the idle block is reused")
            #expect(Self.sameBits(result.gradient, expected), "round \(round)")
            #expect(result.gradient?.rows == batch.sampleCount && result.gradient?.columns == batch.classCount)
            // BD-LMCL too, against its kept path.
            var boundaryKept: [Double] = []
            _ = BatchLoss.bdlmcl(batch, rule: Self.rule, into: &boundaryKept)
            let boundary = BatchLoss.evaluate(batch, scale: 30, policy: .boundary(Self.rule), gradient: true, pool: pool)
            #expect(Self.sameBits(boundary.gradient, boundaryKept), "round \(round)")
        }
    }

    @Test func theSharedPoolGivesTheKeptBitsAtAPooledSize() {
        // 64×3000 doubles = 1.5 MB: above the shared pool's 1 MiB threshold.
        var rng = SeededGenerator(seed: 92)
        let batch = randomBatch(samples: 64, classes: 3000, using: &rng)
        let expected = Self.kept(batch)
        for _ in 0..<3 {
            #expect(Self.sameBits(BatchLoss.lmcl(batch, scale: 30, margin: 0.35, gradient: true).gradient, expected))
        }
    }

    @Test func aReleasedBlockIsReused() {
        var rng = SeededGenerator(seed: 93)
        let batch = randomBatch(samples: 20, classes: 100, using: &rng)
        let pool = Self.pool()
        var first: BatchResult? = Self.fresh(batch, pool: pool)
        let address = first!.gradient!.baseAddress
        #expect(pool.statistics == GradientPool.Statistics(blocksAllocated: 1, reuses: 0, blocksFreed: 0, idleBlocks: 0, idleBytes: 0))
        first = nil
        #expect(pool.statistics.idleBlocks == 1 && pool.statistics.idleBytes == 1 << 21)
        let second = Self.fresh(batch, pool: pool)
        #expect(second.gradient!.baseAddress == address)
        #expect(pool.statistics == GradientPool.Statistics(blocksAllocated: 1, reuses: 1, blocksFreed: 0, idleBlocks: 0, idleBytes: 0))
        #expect(first == nil)
    }

    @Test func twoLiveResultsNeverShareMemory() {
        var rng = SeededGenerator(seed: 94)
        let batch = randomBatch(samples: 30, classes: 70, using: &rng)
        let pool = Self.pool()
        let a = Self.fresh(batch, scale: 30, pool: pool)
        let b = Self.fresh(batch, scale: 12, pool: pool)
        #expect(a.gradient!.baseAddress != b.gradient!.baseAddress)
        // The first result still holds its own numbers after the second was written.
        #expect(Self.sameBits(a.gradient, Self.kept(batch, scale: 30)))
        #expect(Self.sameBits(b.gradient, Self.kept(batch, scale: 12)))
        #expect(a.gradient != b.gradient)
        #expect(pool.statistics.blocksAllocated == 2 && pool.statistics.reuses == 0)
    }

    @Test func copiesAreValuesCopiedOnWrite() {
        let pool = Self.pool()
        let original = GradientMatrix(rows: 2, columns: 3, pool: pool) { base in
            for k in 0..<6 { (base + k).initialize(to: Double(k)) }
        }
        var copy = original
        #expect(copy.baseAddress == original.baseAddress)  // shared until written
        copy[1, 2] = -1
        copy[0] = 10
        #expect(copy.baseAddress != original.baseAddress)
        #expect(Array(original) == [0, 1, 2, 3, 4, 5])
        #expect(Array(copy) == [10, 1, 2, 3, 4, -1])
        #expect(pool.statistics.blocksAllocated == 2)
        // A unique matrix is written in place.
        let address = copy.baseAddress
        copy[0, 0] = 7
        #expect(copy.baseAddress == address && copy[0] == 7)
    }

    @Test func rowsColumnsAndFlatIndicesAgree() {
        let m = GradientMatrix(rows: 3, columns: 4, elements: (0..<12).map { Double($0) / 8 })
        #expect(m.count == 12 && m.rows == 3 && m.columns == 4)
        for i in 0..<3 {
            #expect(Array(m.row(i)) == (0..<4).map { Double(i * 4 + $0) / 8 })
            for j in 0..<4 { #expect(m[i, j] == m[i * 4 + j] && m[i, j] == Double(i * 4 + j) / 8) }
        }
        #expect([Double](m) == (0..<12).map { Double($0) / 8 })
        #expect(m.withUnsafeBufferPointer { $0.reduce(0, +) } == 66.0 / 8)
        #expect(m == GradientMatrix(rows: 3, columns: 4, elements: Array(m)))
        #expect(m != GradientMatrix(rows: 4, columns: 3, elements: Array(m)))  // same elements, other shape
        #expect(GradientMatrix(rows: 2, columns: 2, repeating: 0.5).allSatisfy { $0 == 0.5 })
        #expect(GradientMatrix(rows: 1, columns: 2, elements: [1, 2]).description == "GradientMatrix(1×2: [1.0, 2.0])")
    }

    @Test func smallGradientsOfTheSharedKindAreNotPooled() {
        // The public initialiser's threshold: 1 MiB; 100×100 doubles are 80 kB.
        let pool = GradientPool(blockLimit: 2, byteLimit: 1 << 30)
        var rng = SeededGenerator(seed: 95)
        let batch = randomBatch(samples: 100, classes: 100, using: &rng)
        for _ in 0..<3 { _ = Self.fresh(batch, pool: pool) }
        #expect(pool.statistics == GradientPool.Statistics())
    }

    @Test func twoThreadsEachGetTheirOwnBlocks() {
        var rng = SeededGenerator(seed: 96)
        let batches = [randomBatch(samples: 16, classes: 90, using: &rng), randomBatch(samples: 24, classes: 40, using: &rng)]
        let expected = batches.map { Self.kept($0) }
        let pool = Self.pool()
        let rounds = 25
        let failures = UncheckedSendable(value: UnsafeMutablePointer<Int>.allocate(capacity: 2))
        failures.value.initialize(repeating: 0, count: 2)
        defer { failures.value.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for _ in 0..<rounds {
                let result = Self.fresh(batches[thread], pool: pool)
                if !Self.sameBits(result.gradient, expected[thread]) { failures.value[thread] += 1 }
            }
        }
        #expect(failures.value[0] == 0 && failures.value[1] == 0)
        let counts = pool.statistics
        // Every request was served once; at most two were ever live at a time, so two blocks suffice.
        #expect(counts.blocksAllocated + counts.reuses == 2 * rounds)
        #expect(counts.blocksAllocated <= 2 && counts.blocksFreed == 0)
        #expect(counts.idleBlocks == counts.blocksAllocated)
    }

    @Test func theLimitsAreRespected() {
        let block = GradientPool.blockGranularity
        let pool = Self.pool(blocks: 1)
        var live = (0..<3).map { _ in GradientMatrix(rows: 10, columns: 10, pool: pool) { $0.initialize(repeating: 1, count: 100) } }
        #expect(pool.statistics.blocksAllocated == 3)
        live.removeAll()
        #expect(pool.statistics == GradientPool.Statistics(blocksAllocated: 3, reuses: 0, blocksFreed: 2, idleBlocks: 1, idleBytes: block))

        // A byte limit below one block keeps nothing.
        let tight = Self.pool(blocks: 4, bytes: block - 1)
        _ = GradientMatrix(rows: 10, columns: 10, pool: tight) { $0.initialize(repeating: 1, count: 100) }
        #expect(tight.statistics.idleBlocks == 0 && tight.statistics.blocksFreed == 1)

        // Two-block gradients (2 MiB + 8 bytes round up to 4 MiB) against a 5 MiB cap: one kept.
        let capped = Self.pool(blocks: 4, bytes: 5 << 20)
        let count = block / 8 + 1
        var big = (0..<2).map { _ in GradientMatrix(rows: 1, columns: count, pool: capped) { $0.initialize(repeating: 0, count: count) } }
        big.removeAll()
        #expect(capped.statistics.idleBlocks == 1 && capped.statistics.idleBytes == 2 * block)

        // Lowering a limit, and draining, free idle blocks at once.
        let loose = Self.pool(blocks: 3)
        var three = (0..<3).map { _ in GradientMatrix(rows: 1, columns: 1, pool: loose) { $0.initialize(to: 0) } }
        three.removeAll()
        #expect(loose.statistics.idleBlocks == 3)
        loose.blockLimit = 1
        #expect(loose.statistics.idleBlocks == 1 && loose.statistics.blocksFreed == 2)
        loose.drain()
        #expect(loose.statistics.idleBlocks == 0 && loose.statistics.idleBytes == 0 && loose.statistics.blocksFreed == 3)
    }

    @Test func aMuchLargerIdleBlockIsNotTakenForASmallGradient() {
        let block = GradientPool.blockGranularity
        let pool = Self.pool()
        let count = 3 * block / 8  // 6 MiB
        var large: GradientMatrix? = GradientMatrix(rows: 1, columns: count, pool: pool) { $0.initialize(repeating: 0, count: count) }
        large = nil
        let small = GradientMatrix(rows: 1, columns: 8, pool: pool) { $0.initialize(repeating: 0, count: 8) }
        #expect(pool.statistics.blocksAllocated == 2 && pool.statistics.reuses == 0 && pool.statistics.idleBlocks == 1)
        #expect(small.count == 8 && large == nil)
    }
}
