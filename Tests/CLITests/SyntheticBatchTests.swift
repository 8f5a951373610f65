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
        let batch = SharedBatch.default
        // Ranks counted here by hand from Docs/Math.md §6, m = 0.35, k = 2.
        var counts = [0, 0, 0]
        batch.cosines.withUnsafeBufferPointer { cosines in
            for i in 0..<batch.sampleCount {
                let row = i * batch.classCount
                let label = batch.labels[i]
                let target = cosines[row + label] - 0.35
                var rank = 1
                for j in 0..<batch.classCount where j != label && cosines[row + j] > target { rank += 1 }
                counts[rank == 1 ? 0 : rank <= 2 ? 1 : 2] += 1
            }
        }
        #expect(counts.allSatisfy { $0 >= 25 }, "satisfied / boundary / beyond-k = \(counts)")
    }
}

/// The default synthetic batch (256 × 1000, seed 1), made once for every test that needs it.
enum SharedBatch {
    static let `default` = SyntheticBatch.make(samples: 256, classes: 1000, spread: SyntheticBatch.defaultSpread, seed: 1)

    /// The default batch as CSV with a header and round-trip digits.
    static let csv: String = {
        let batch = SharedBatch.default
        var text = "label," + (0..<batch.classCount).map { "c\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<batch.sampleCount {
            text += String(batch.labels[i])
            for j in 0..<batch.classCount { text += ",\(batch.cosines[i * batch.classCount + j])" }
            text += "\n"
        }
        return text
    }()
}
