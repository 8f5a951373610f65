/// What one moment of training looks like, as the `train` command prints it.
///
/// Angles are in degrees and measured on the training samples' 2-D embeddings:
/// θ_y is the angle between a sample's embedding and its own class direction W_y,
/// θ_rival the smallest angle to any other class direction.
public struct EpochMetrics: Equatable, Sendable {
    /// Epochs completed.
    public var epoch: Int
    /// The mean training loss at the current parameters (the objective, margin included).
    public var loss: Double
    /// Fraction of training samples whose nearest class direction (largest cosine; largest
    /// logit for the softmax baseline) is their own class. No margin is applied here.
    public var trainAccuracy: Double
    /// The same on the held-out samples; nil when nothing is held out.
    public var testAccuracy: Double?
    /// The mean of θ_y.
    public var meanAngle: Double
    /// The 95th percentile of θ_y (nearest rank: the ⌈0.95·N⌉-th smallest).
    public var p95Angle: Double
    /// The smallest angle between two class directions.
    public var minClassGap: Double
    /// The median of θ_rival − θ_y (negative for a misclassified sample; the mean of the
    /// two middle values for an even count).
    public var medianGap: Double

    public init(
        epoch: Int, loss: Double, trainAccuracy: Double, testAccuracy: Double?, meanAngle: Double,
        p95Angle: Double, minClassGap: Double, medianGap: Double
    ) {
        self.epoch = epoch
        self.loss = loss
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.meanAngle = meanAngle
        self.p95Angle = p95Angle
        self.minClassGap = minClassGap
        self.medianGap = medianGap
    }
}
