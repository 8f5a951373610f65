import LossMath

/// A data set cut into a training part and a held-out test part, standardised.
///
/// The test part is a seeded random `holdout` fraction of the samples (rounded to the
/// nearest whole sample; at least one sample stays in training). When `standardize` is
/// on, every column is shifted and scaled to mean 0 and variance 1 using the mean and the
/// standard deviation of the *training* part only (so nothing about the test samples
/// leaks into training); a constant column is only centred.
public struct DataSplit: Equatable, Sendable {
    /// The samples the network learns from.
    public let train: Dataset
    /// The held-out samples, for `testAccuracy` (empty when the holdout is 0).
    public let test: Dataset

    /// - Precondition: `0 ≤ holdout < 1`.
    public init(_ data: Dataset, holdout: Double, standardize: Bool, seed: UInt64) {
        precondition(holdout >= 0 && holdout < 1, "the holdout fraction must be in [0, 1)")
        // A stream of its own, so that the split does not shift when the initialisation changes.
        var rng = SplitMix64(seed: seed ^ 0x5EED_5B11_7000_0001)
        let order = rng.permutation(data.sampleCount)
        let testCount = min(Int((holdout * Double(data.sampleCount)).rounded()), data.sampleCount - 1)
        var train = data.subset(Array(order[testCount...]).sorted())
        var test = data.subset(Array(order[..<testCount]).sorted())
        if standardize {
            let (mean, deviation) = Self.columnStatistics(train)
            train = Self.standardized(train, mean: mean, deviation: deviation)
            test = Self.standardized(test, mean: mean, deviation: deviation)
        }
        self.train = train
        self.test = test
    }

    /// The mean and the standard deviation (population, 1/N) of every column.
    static func columnStatistics(_ data: Dataset) -> (mean: [Double], deviation: [Double]) {
        let d = data.dimension
        let n = Double(data.sampleCount)
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<data.sampleCount { for k in 0..<d { mean[k] += data.features[i * d + k] } }
        for k in 0..<d { mean[k] /= n }
        // Two passes (mean first) rather than E[x²] − E[x]², which cancels for large offsets.
        var variance = [Double](repeating: 0, count: d)
        for i in 0..<data.sampleCount {
            for k in 0..<d {
                let centred = data.features[i * d + k] - mean[k]
                variance[k] += centred * centred
            }
        }
        return (mean, variance.map { ($0 / n).squareRoot() })
    }

    static func standardized(_ data: Dataset, mean: [Double], deviation: [Double]) -> Dataset {
        let d = data.dimension
        var features = data.features
        for i in 0..<data.sampleCount {
            for k in 0..<d {
                let centred = features[i * d + k] - mean[k]
                features[i * d + k] = deviation[k] > 0 ? centred / deviation[k] : centred
            }
        }
        return Dataset(features: features, labels: data.labels, dimension: d, classCount: data.classCount)
    }
}
