import Foundation
import LossMath

/// The built-in data set: Gaussian clusters, one per class, around a circle, overlapping.
///
/// The C centres sit evenly around a circle of radius `separation` in a random plane of
/// R^d (as the identities of the CosFace and ArcFace 2-D figures sit around the circle);
/// every sample is its centre plus standard normal noise in all d coordinates. Neighbouring
/// centres are `2·separation·sin(π/C)` apart (3.06 at the defaults), so a sample crosses
/// the midway plane to one neighbour with probability `Φ(−separation·sin(π/C))` (6.3 %):
/// the classes touch, and the best possible accuracy is about 88 %, which leaves the margin
/// something to do. The other 14 coordinates are pure noise the network must learn to ignore.
/// The same seed gives the same samples, bit for bit.
public struct GaussianClusters: Hashable, Sendable {
    /// C, the number of clusters.
    public var classCount = 8
    /// d, the dimension of the samples.
    public var dimension = 16
    /// Samples drawn per class.
    public var samplesPerClass = 100
    /// The distance of every centre from the origin, in units of the noise's standard deviation.
    public var separation = 4.0

    public init() {}

    /// Draws the samples, class after class, from a generator seeded with `seed`.
    public func make(seed: UInt64) -> Dataset {
        var rng = SplitMix64(seed: seed)
        // Two orthonormal directions (Gram–Schmidt on two normal draws) span the plane of the centres.
        var first = (0..<dimension).map { _ in rng.gaussian() }
        var second = (0..<dimension).map { _ in rng.gaussian() }
        let firstNorm = first.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for k in first.indices { first[k] /= firstNorm }
        let overlap = zip(first, second).reduce(0) { $0 + $1.0 * $1.1 }
        for k in second.indices { second[k] -= overlap * first[k] }
        let secondNorm = second.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for k in second.indices { second[k] /= secondNorm }
        let centres = (0..<classCount).map { j in
            let angle = 2 * Double.pi * Double(j) / Double(classCount)
            return (0..<dimension).map { k in separation * (Foundation.cos(angle) * first[k] + Foundation.sin(angle) * second[k]) }
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
