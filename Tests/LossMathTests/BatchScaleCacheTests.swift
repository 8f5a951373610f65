import TestSupport
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
        let batch = CosineBatch(
            labels: [0, 2], cosines: [0.5, 0.25, 0.25, 0.375, 0.125, 0.5, 0.25, 0.25],
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

    /// A rescaling pass that may be stopped: never stopped, it is `rescaled(to:)`, asking before
    /// every row and once after; stopped at any row, it gives nothing and asks no more.
    @Test func aStoppableRescaleIsWholeOrNothing() {
        var rng = SeededGenerator(seed: 54)
        let batch = randomBatch(samples: 20, classes: 11, using: &rng)
        let cache = BatchScaleCache(batch: batch, scale: 30, margin: 0.2)
        let asked = CallCounter()
        let whole = cache.rescaled(to: 41) { asked.next() > .max }
        #expect(asked.value == batch.sampleCount + 1)
        let fresh = BatchScaleCache(batch: batch, scale: 41, margin: 0.2)
        #expect(whole?.scale == 41)
        for m in [0.0, 0.2, 0.35] {
            #expect(whole?.lmcl(margin: m) == fresh.lmcl(margin: m))
            #expect(whole?.lmcl(margin: m) == BatchLoss.lmcl(batch, scale: 41, margin: m, gradient: false))
        }
        for stopAt in [1, 2, 7, batch.sampleCount, batch.sampleCount + 1] {
            let counter = CallCounter()
            #expect(cache.rescaled(to: 41) { counter.next() >= stopAt } == nil)
            // Asked until it said stop (a row at a time), then once more at the end.
            #expect(counter.value == min(stopAt, batch.sampleCount) + 1, "stopped at \(stopAt)")
        }
    }

    /// A counting pass that may be stopped: never stopped, it gives the ranks the loss finds; stopped
    /// at any row, nothing. At the margin the cache counted with there is no pass to stop.
    @Test func aStoppableCountIsWholeOrNothing() {
        var rng = SeededGenerator(seed: 55)
        let batch = randomBatch(samples: 20, classes: 11, using: &rng)
        let cache = BatchScaleCache(batch: batch, scale: 30, margin: 0.2)
        let other = TargetTransform.additiveCosine(margin: 0.1)
        let whole = cache.rankCounts(transform: other) { false }
        let direct = BatchLoss.lmcl(batch, scale: 30, margin: 0.1, gradient: false).samples.map(\.rank)
        #expect(whole?.rivalsAbove.map { $0 + 1 } == direct)
        #expect(whole == cache.rankCounts(transform: other))
        for stopAt in [1, 2, 7, batch.sampleCount, batch.sampleCount + 1] {
            let counter = CallCounter()
            #expect(cache.rankCounts(transform: other) { counter.next() >= stopAt } == nil)
            #expect(counter.value == min(stopAt, batch.sampleCount) + 1, "stopped at \(stopAt)")
        }
        #expect(cache.rankCounts(transform: .additiveCosine(margin: 0.2)) { true } != nil)
    }

    /// A batch that shares its first rows with another (N changed alone): the cache resized from
    /// the other's keeps their statistics and computes the rest, and gives every result a cache
    /// computed from scratch gives, growing or shrinking, counted at the same margin or another.
    @Test func aResizedCacheEqualsAFreshOne() {
        var rng = SeededGenerator(seed: 53)
        for _ in 0..<12 {
            let c = rng.integer(1...40)
            let small = randomBatch(samples: rng.integer(1...15), classes: c, using: &rng)
            let extra = randomBatch(samples: rng.integer(1...15), classes: c, using: &rng)
            let large = CosineBatch(
                labels: small.labels + extra.labels, cosines: small.cosines + extra.cosines, classCount: c)
            let s = rng.uniform(1...64)
            let countedAt = [0.0, 0.2][rng.integer(0...1)]
            for (from, to) in [(small, large), (large, small)] {
                let resized = BatchScaleCache(batch: from, scale: s, margin: countedAt)
                    .resized(to: to, sharedRows: small.sampleCount)
                let fresh = BatchScaleCache(batch: to, scale: s, margin: 0.2)
                #expect(resized.scale == s)
                for m in [0.0, 0.2, 0.35] {
                    #expect(resized.lmcl(margin: m) == fresh.lmcl(margin: m))
                    #expect(resized.lmcl(margin: m) == BatchLoss.lmcl(to, scale: s, margin: m, gradient: false))
                    let rule = BoundaryRule(scale: s, margin: m, topK: 2)
                    #expect(resized.bdlmcl(rule: rule) == fresh.bdlmcl(rule: rule))
                }
            }
        }
    }

    @Test func rankCountsMatchACountByHandAndServeEveryScale() {
        // Rows (label 0): rivals 0.25, 0.25, 0.375 against c_y = 0.5; (label 2): 0.125, 0.5, 0.25 against 0.25.
        let batch = CosineBatch(
            labels: [0, 2], cosines: [0.5, 0.25, 0.25, 0.375, 0.125, 0.5, 0.25, 0.25],
            classCount: 4)
        let cache = BatchScaleCache(batch: batch, scale: 10, margin: 0.125)
        // m = 0.125: thresholds 0.375 and 0.125 → {} and {0.5, 0.25}, counted with strict >.
        #expect(cache.rankCounts(margin: 0.125).rivalsAbove == [0, 2])
        // m = 0.25: thresholds 0.25 and 0 → {0.375} and {0.125, 0.5, 0.25}.
        let ranks = cache.rankCounts(margin: 0.25)
        #expect(ranks.rivalsAbove == [1, 3])
        let other = cache.rescaled(to: 40)
        #expect(other.rankCounts(margin: 0.25) == ranks)
        #expect(other.lmcl(margin: 0.25, ranks: ranks) == BatchLoss.lmcl(batch, scale: 40, margin: 0.25, gradient: false))
    }
}
