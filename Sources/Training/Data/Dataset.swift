/// Labelled samples for training: N rows of d numeric features and a class index each.
///
/// The features are stored row-major in one array (`features[i·d + k]`), which is the
/// layout the network's matrix loops read. Labels are class indices in `0..<classCount`;
/// a class may have no sample (it still gets a direction `W_j`).
public struct Dataset: Equatable, Sendable {
    /// d, the number of features per sample.
    public let dimension: Int
    /// C, the number of classes.
    public let classCount: Int
    /// N·d values, sample after sample.
    public let features: [Double]
    /// N class indices.
    public let labels: [Int]

    /// - Precondition: `dimension ≥ 1`, `classCount ≥ 2`, `features.count = labels.count·dimension`,
    ///   every label in `0..<classCount`, every feature finite.
    public init(features: [Double], labels: [Int], dimension: Int, classCount: Int) {
        precondition(dimension >= 1, "a sample needs at least one feature")
        precondition(classCount >= 2, "a classifier needs at least two classes")
        precondition(
            features.count == labels.count * dimension,
            "\(features.count) feature values for \(labels.count) samples of dimension \(dimension)")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "a label outside 0..<\(classCount)")
        precondition(features.allSatisfy(\.isFinite), "a feature is not finite")
        self.features = features
        self.labels = labels
        self.dimension = dimension
        self.classCount = classCount
    }

    /// N, the number of samples.
    public var sampleCount: Int { labels.count }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        var rows: [Double] = []
        rows.reserveCapacity(indices.count * dimension)
        for i in indices { rows.append(contentsOf: features[(i * dimension)..<((i + 1) * dimension)]) }
        return Dataset(features: rows, labels: indices.map { labels[$0] }, dimension: dimension, classCount: classCount)
    }
}
