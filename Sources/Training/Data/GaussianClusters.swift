import LossMath

/// The built-in data set: Gaussian clusters, one per class, that overlap.
///
/// Class j's centre is a random direction in R^d times `separation`; its samples are the
/// centre plus standard normal noise in every coordinate. Two random centres in 16
/// dimensions are nearly orthogonal, so they lie about `separation·√2` apart, and one
/// sample falls on the wrong side of the midway plane with probability `Φ(−separation/√2)`
/// (2.6 % per rival at the default 2.75): enough overlap that the classes touch once
/// they are squeezed into a 2-D embedding, where the margin has something to do.
/// The same seed gives the same samples, bit for bit.
public struct GaussianClusters: Hashable, Sendable {
    /// C, the number of clusters.
    public var classCount = 8
    /// d, the dimension of the samples.
    public var dimension = 16
    /// Samples drawn per class.
    public var samplesPerClass = 100
    /// The distance of every centre from the origin, in units of the noise's standard deviation.
    public var separation = 2.75

    public init() {}

    /// Draws the samples, class after class, from a generator seeded with `seed`.
    public func make(seed: UInt64) -> Dataset {
        var rng = SplitMix64(seed: seed)
        var centres: [[Double]] = []
        for _ in 0..<classCount {
            var direction = (0..<dimension).map { _ in rng.gaussian() }
            let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for k in direction.indices { direction[k] *= separation / norm }
            centres.append(direction)
        }
        var features: [Double] = []
        var labels: [Int] = []
        features.reserveCapacity(classCount * samplesPerClass * dimension)
        for j in 0..<classCount {
            for _ in 0..<samplesPerClass {
                for k in 0..<dimension { features.append(centres[j][k] + rng.gaussian()) }
                labels.append(j)
            }
        }
        return Dataset(features: features, labels: labels, dimension: dimension, classCount: classCount)
    }
}
