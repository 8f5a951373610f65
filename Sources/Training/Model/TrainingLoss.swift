import LossMath

/// The loss at the top of the network.
///
/// `softmax` is the baseline: logits `z_j = W_j·e` on the raw 2-D embedding e and raw
/// class weights, no normalisation. Every other case normalises both, `cos θ_j = Ŵ_j·ê`,
/// and hands the cosines to LossMath's `CosineHead` with the case's `TargetTransform`:
/// a new member of the margin family needs a case here and a line in `transform`, and
/// nothing else in the training code.
public enum TrainingLoss: String, CaseIterable, Hashable, Sendable {
    /// Softmax cross-entropy on unnormalised features and weights.
    case softmax
    /// NormFace: `z_j = s·cos θ_j` (Wang et al., ACM MM 2017).
    case normface
    /// CosFace / LMCL: `z_y = s·(cos θ_y − m)` (Wang et al., CVPR 2018).
    case cosface

    /// The transform of the target cosine, or nil for the unnormalised softmax.
    public func transform(margin: Double) -> TargetTransform? {
        switch self {
        case .softmax: nil
        case .normface: .identity
        case .cosface: .additiveCosine(margin: margin)
        }
    }

    /// Whether the scale `s` and the margin `m` mean anything for this loss.
    public var usesScale: Bool { self != .softmax }
    /// Whether the margin `m` means anything for this loss.
    public var usesMargin: Bool { transform(margin: 1) != transform(margin: 0) }
}
