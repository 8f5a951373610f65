import LossMath
import Testing

@testable import Training

@Suite struct DataTests {
    static func sequence(_ n: Int) -> Dataset {
        // Column 0: i; column 1: 10 + 2i; column 2: constant 5.
        Dataset(
            features: (0..<n).flatMap { [Double($0), 10 + 2 * Double($0), 5] }, labels: (0..<n).map { $0 % 3 },
            dimension: 3, classCount: 3)
    }

    @Test("the holdout keeps the rounded fraction of the samples, each sample once")
    func holdoutSplitsEverySampleOnce() {
        let data = Self.sequence(50)
        let split = DataSplit(data, holdout: 0.2, standardize: false, seed: 9)
        #expect(split.test.sampleCount == 10 && split.train.sampleCount == 40)
        let seen = (split.train.features + split.test.features).enumerated().filter { $0.offset % 3 == 0 }.map(\.element).sorted()
        #expect(seen == (0..<50).map(Double.init))
        #expect(DataSplit(data, holdout: 0, standardize: false, seed: 9).test.sampleCount == 0)
        #expect(DataSplit(data, holdout: 0.999, standardize: false, seed: 9).train.sampleCount == 1)
        #expect(split == DataSplit(data, holdout: 0.2, standardize: false, seed: 9))
        #expect(split != DataSplit(data, holdout: 0.2, standardize: false, seed: 10))
    }

    @Test("standardising uses the training part's mean and deviation for both parts")
    func standardisingUsesTheTrainingStatistics() {
        let data = Self.sequence(50)
        let raw = DataSplit(data, holdout: 0.2, standardize: false, seed: 3)
        let scaled = DataSplit(data, holdout: 0.2, standardize: true, seed: 3)
        // Column 0 of the training part by hand: mean and population deviation of its values.
        let values = stride(from: 0, to: raw.train.features.count, by: 3).map { raw.train.features[$0] }
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        for (part, scaledPart) in [(raw.train, scaled.train), (raw.test, scaled.test)] {
            for i in 0..<part.sampleCount {
                #expect(abs(scaledPart.features[3 * i] - (part.features[3 * i] - mean) / deviation) < 1e-12)
                // Column 1 is an affine image of column 0, so it standardises to the same values.
                #expect(abs(scaledPart.features[3 * i + 1] - scaledPart.features[3 * i]) < 1e-12)
                // A constant column is only centred.
                #expect(scaledPart.features[3 * i + 2] == 0)
            }
        }
        #expect(scaled.train.labels == raw.train.labels && scaled.test.labels == raw.test.labels)
    }

    @Test("the built-in clusters have 8 classes of 100 samples in 16 dimensions, the same for the same seed")
    func builtInClusters() {
        let data = GaussianClusters().make(seed: 5)
        #expect(data.sampleCount == 800 && data.dimension == 16 && data.classCount == 8)
        #expect((0..<8).allSatisfy { j in data.labels.filter { $0 == j }.count == 100 })
        #expect(data == GaussianClusters().make(seed: 5))
        #expect(data != GaussianClusters().make(seed: 6))
        // Class means lie on a circle of radius 4: each sample mean's norm is about 4 (noise 1/√100 per coordinate).
        for j in 0..<8 {
            var mean = [Double](repeating: 0, count: 16)
            for i in (100 * j)..<(100 * j + 100) { for k in 0..<16 { mean[k] += data.features[16 * i + k] / 100 } }
            let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
            // ‖noise mean‖ ≈ √(16/100) = 0.4 on top of 4, in quadrature.
            #expect(abs(norm - (16 + 0.16).squareRoot()) < 0.35, "class \(j): \(norm)")
        }
    }

    @Test("a random permutation holds every index once and depends on the seed")
    func permutationIsAPermutation() {
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 2)
        let p = a.permutation(100)
        #expect(p.sorted() == Array(0..<100))
        #expect(p != b.permutation(100))
    }
}
