/// B samples × C classes of cosines in one contiguous row-major buffer, plus labels.
///
/// Row i (`cos θ_{i,0} … cos θ_{i,C−1}`) lives at `i*C ..< (i+1)*C`, so the batch
/// losses run over one block of memory without per-sample allocation.
public struct CosineBatch: Equatable, Sendable {
    /// B.
    public let sampleCount: Int
    /// C.
    public let classCount: Int
    /// `y_i`, each in `0..<C`.
    public var labels: [Int]
    /// `cos θ_{i,j}` at `i*C + j`.
    public var cosines: [Double]

    /// - Precondition: `classCount ≥ 1`, `cosines.count == labels.count * classCount`,
    ///   every label in `0..<classCount`.
    public init(labels: [Int], cosines: [Double], classCount: Int) {
        precondition(classCount >= 1, "a batch needs at least one class")
        precondition(
            cosines.count == labels.count * classCount,
            "\(cosines.count) cosines for \(labels.count) samples × \(classCount) classes")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "a label is outside 0..<\(classCount)")
        self.sampleCount = labels.count
        self.classCount = classCount
        self.labels = labels
        self.cosines = cosines
    }

    /// `cos θ_{sample, class}`.
    public func cosine(sample: Int, class: Int) -> Double {
        cosines[sample * classCount + `class`]
    }

    /// Checks the invariants the mutable stored properties could have broken.
    func validate() {
        precondition(
            labels.count == sampleCount && cosines.count == sampleCount * classCount,
            "the batch's labels or cosines no longer match \(sampleCount) × \(classCount)")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "a label is outside 0..<\(classCount)")
    }
}
