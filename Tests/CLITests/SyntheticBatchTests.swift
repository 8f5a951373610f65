import LossMath
import Testing

/// The synthetic batch generator: reproducible, in range, and realistic.
@Suite struct SyntheticBatchTests {
    @Test func sameSeedGivesTheSameBatchAndAnotherSeedAnother() {
        let a = SyntheticBatch.make(samples: 16, classes: 30, spread: 0.1, seed: 42)
        let b = SyntheticBatch.make(samples: 16, classes: 30, spread: 0.1, seed: 42)
        let c = SyntheticBatch.make(samples: 16, classes: 30, spread: 0.1, seed: 43)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func cosinesLieInTheUnitIntervalAndLabelsInRange() {
        let batch = SyntheticBatch.make(samples: 64, classes: 50, dimension: 8, spread: 0.5, seed: 3)
        #expect(batch.sampleCount == 64 && batch.classCount == 50)
        #expect(batch.cosines.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(batch.labels.allSatisfy { (0..<50).contains($0) })
        #expect(Set(batch.labels).count > 20)
    }

    @Test func zeroSpreadPutsEverySampleOnItsClassDirection() {
        let batch = SyntheticBatch.make(samples: 20, classes: 10, spread: 0, seed: 9)
        for i in 0..<20 { #expect(abs(batch.cosine(sample: i, class: batch.labels[i]) - 1) < 1e-12) }
    }

    @Test func targetCosinesShrinkAsTheSpreadGrows() {
        func meanTarget(_ spread: Double) -> Double {
            let batch = SyntheticBatch.make(samples: 200, classes: 20, spread: spread, seed: 5)
            return (0..<200).map { batch.cosine(sample: $0, class: batch.labels[$0]) }.reduce(0, +) / 200
        }
        // E[cos θ_y] ≈ 1/√(1 + d·σ²) for d = 64: 0.84 at σ = 0.08, 0.49 at σ = 0.22.
        #expect(abs(meanTarget(0.08) - 0.84) < 0.03)
        #expect(abs(meanTarget(0.22) - 0.49) < 0.03)
    }

    @Test func defaultsPopulateAllThreeBoundaryRegions() {
        let batch = SyntheticBatch.make(samples: 256, classes: 1000, spread: SyntheticBatch.defaultSpread, seed: 1)
        // Ranks counted here by hand from DESIGN §1.3, m = 0.35, k = 2.
        var counts = [0, 0, 0]
        for i in 0..<256 {
            let target = batch.cosine(sample: i, class: batch.labels[i]) - 0.35
            let rank = 1 + (0..<1000).filter { $0 != batch.labels[i] && batch.cosine(sample: i, class: $0) > target }.count
            counts[rank == 1 ? 0 : rank <= 2 ? 1 : 2] += 1
        }
        #expect(counts.allSatisfy { $0 >= 25 }, "satisfied / boundary / beyond-k = \(counts)")
    }
}
