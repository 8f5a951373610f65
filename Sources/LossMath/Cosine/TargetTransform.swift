/// The transform applied to the target cosine before scaling: `f(cos θ_y)`.
///
/// A normalised-softmax head uses logits `z_j = s·cos θ_j` for the rivals and
/// `z_y = s·f(cos θ_y)` for the target. The margin family differs only in `f`:
/// - NormFace (Wang et al., "NormFace: L2 Hypersphere Embedding for Face
///   Verification", ACM MM 2017): `f(c) = c`;
/// - CosFace / LMCL (Wang et al., "CosFace: Large Margin Cosine Loss for Deep Face
///   Recognition", CVPR 2018): `f(c) = c − m`.
///
/// The loss and its gradients only ask a transform for `f(c)` and `f′(c)`, so ArcFace
/// (`cos(θ + m)`), the combined margin or SphereFace become new cases here, not new
/// code paths in the losses.
public enum TargetTransform: Hashable, Sendable {
    /// `f(c) = c` (NormFace).
    case identity
    /// `f(c) = c − m` (CosFace / LMCL).
    case additiveCosine(margin: Double)

    /// `f(c)`.
    public func value(_ cosine: Double) -> Double {
        switch self {
        case .identity: cosine
        case .additiveCosine(let margin): cosine - margin
        }
    }

    /// `df/dc` at `c`.
    ///
    /// Both current transforms are shifts, so this is 1; it exists so that the
    /// gradient code stays right for transforms that are not.
    public func derivative(_ cosine: Double) -> Double {
        switch self {
        case .identity, .additiveCosine: 1
        }
    }

    /// The additive cosine margin `m`; 0 for `.identity`.
    public var margin: Double {
        switch self {
        case .identity: 0
        case .additiveCosine(let margin): margin
        }
    }
}
