import Testing
@testable import LossMath

@Suite("Per-scale batch cache")
struct BatchScaleCacheTests {
    @Test func cachedResultsEqualTheDirectBatchLoss() {
        var rng = SeededGenerator(seed: 51)
        for _ in 0..<20 {
            let c = rng.integer(1...30)
            let batch = randomBatch(samples: rng.integer(1...20), classes: c, using: &rng)
            let s = rng.uniform(1...64)
            let cache = BatchScaleCache(batch: batch, scale: s)
            #expect(cache.scale == s)
            for step in 0...8 {
                let m = Double(step) * 0.05
                #expect(cache.lmcl(margin: m) == BatchLoss.lmcl(batch, scale: s, margin: m, gradient: false))
                for k in Set([2, min(3, c), c]) where k >= 1 {
                    for unselected in UnselectedTreatment.allCases {
                        let rule = BoundaryRule(scale: s, margin: m, topK: k, unselected: unselected)
                        #expect(cache.bdlmcl(rule: rule) == BatchLoss.bdlmcl(batch, rule: rule, gradient: false))
                    }
                }
            }
        }
    }

    @Test func ranksAgreeWithTheDirectScanIncludingTies() {
        // Rival cosines equal to c_y − m must not count against the target in either path.
        let batch = CosineBatch(labels: [0, 2], cosines: [0.5, 0.25, 0.25, 0.375, 0.125, 0.5, 0.25, 0.25],
                                classCount: 4)
        let cache = BatchScaleCache(batch: batch, scale: 10)
        for m in [0.0, 0.125, 0.25, 0.375] {
            let direct = BatchLoss.lmcl(batch, scale: 10, margin: m, gradient: false)
            #expect(cache.lmcl(margin: m).samples.map(\.rank) == direct.samples.map(\.rank))
        }
        #expect(cache.lmcl(margin: 0.25).samples.map(\.rank) == [2, 4])
    }

    @Test func rescaledCacheEqualsAFreshOne() {
        var rng = SeededGenerator(seed: 52)
        let batch = randomBatch(samples: 12, classes: 9, using: &rng)
        let rescaled = BatchScaleCache(batch: batch, scale: 30).rescaled(to: 64)
        let fresh = BatchScaleCache(batch: batch, scale: 64)
        #expect(rescaled.scale == 64)
        let rule = BoundaryRule(scale: 64, margin: 0.3, topK: 3)
        #expect(rescaled.bdlmcl(rule: rule) == fresh.bdlmcl(rule: rule))
        #expect(rescaled.lmcl(margin: 0.1) == fresh.lmcl(margin: 0.1))
    }
}

@Suite("Radix sort of rival rows")
struct RadixSortTests {
    @Test func sortsLikeTheStandardLibrary() {
        var rng = SeededGenerator(seed: 53)
        for _ in 0..<50 {
            let n = rng.integer(0...300)
            // Mixed signs, repeated values, ±1, ±0, ulp neighbours and wide magnitudes.
            var values = (0..<n).map { _ -> Double in
                switch rng.integer(0...5) {
                case 0: return [-1, 1, 0, -0.0, 0.5, -0.5][rng.integer(0...5)]
                case 1: return rng.uniform(-1e300...1e300)
                case 2: return rng.uniform(-1e-300...1e-300)
                // Neighbours one ulp apart share the high half of their keys: the insertion pass orders them.
                case 3: return [0.3, 0.3.nextUp, 0.3.nextDown, (-0.7).nextUp, -0.7][rng.integer(0...4)]
                default: return rng.uniform(-1...1)
                }
            }
            let expected = values.sorted()
            let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * max(n, 1))
            defer { scratch.deallocate() }
            values.withUnsafeMutableBufferPointer { RadixSort.sort($0.baseAddress ?? scratch.withMemoryRebound(to: Double.self, capacity: 1) { $0 }, count: n, scratch: scratch) }
            #expect(values == expected)
        }
    }
}
