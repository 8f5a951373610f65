/// What the network is trained to minimise: a loss with its scale `s` and margin `m`.
///
/// `scale` and `margin` are ignored by the losses that do not use them (`softmax` uses
/// neither, `normface` no margin).
public struct Objective: Hashable, Sendable {
    /// Which loss.
    public var loss: TrainingLoss
    /// `s`, the radius the cosines are scaled to.
    public var scale: Double
    /// `m`, the margin of the target's cosine.
    public var margin: Double

    public init(loss: TrainingLoss, scale: Double, margin: Double) {
        self.loss = loss
        self.scale = scale
        self.margin = margin
    }
}
