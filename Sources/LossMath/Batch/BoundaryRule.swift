/// What BD-LMCL does with the samples it does not select.
public enum UnselectedTreatment: String, CaseIterable, Sendable {
    /// Unselected samples keep the LMCL term with margin 0 (they still count).
    case noMargin = "no-margin"
    /// Unselected samples are dropped from the loss ("only boundary samples are considered").
    case excluded
}

/// The BD-LMCL selection rule: which samples of a batch get the margin.
///
/// Boundary discriminative LMCL (Li et al., "Boundary discriminative large margin
/// cosine loss for text-independent speaker verification", ICASSP 2019) gives the
/// margin only to samples near the decision boundary, picked with a top-k zero-one loss.
/// The paper's full text is not available to us; this is the explicit rule of
/// Docs/Math.md, generalised to any margin transform f. For sample i, with rank
/// `r_i = 1 + #{j≠y : cos θ_j > f(cos θ_y) + τ}` (the target's place among the
/// margin-adjusted scores; `f(c) = c − m` for LMCL). Ties count in the target's favour,
/// ties as typed included: τ, a few ulps of 1, absorbs the rounding of decimals such
/// as 0.15 − 0.1, which binary holds as 0.04999999999999999 (see `tieTolerance`):
/// - `ℓ_1 = 1[r_i > 1]` (the margin is violated), `ℓ_k = 1[r_i > k]`;
/// - selected (a boundary sample) when `ℓ_1 = 1` and `ℓ_k = 0`;
/// - selected samples get the target logit `s·f(cos θ_y)`; the others get `s·cos θ_y`
///   (no margin), or are excluded, according to `unselected`.
/// The batch loss is the mean over the samples that count; the selection is a step
/// function and is held fixed when differentiating.
///
/// Properties: `topK = C` with `.noMargin` gives the margin exactly to the samples
/// that violate it; when every sample is selected the loss equals plain LMCL.
public struct BoundaryRule: Hashable, Sendable {
    /// `s`.
    public var scale: Double
    /// `f`, the margin given to selected samples.
    public var transform: TargetTransform
    /// `k` of the top-k zero-one loss, `2 ≤ k ≤ C`.
    public var topK: Int
    /// What happens to the samples that are not selected.
    public var unselected: UnselectedTreatment

    public init(scale: Double, transform: TargetTransform, topK: Int = 2, unselected: UnselectedTreatment = .noMargin) {
        self.scale = scale
        self.transform = transform
        self.topK = topK
        self.unselected = unselected
    }

    /// BD-LMCL proper: the additive cosine margin `f(c) = c − m`.
    public init(scale: Double, margin: Double, topK: Int = 2, unselected: UnselectedTreatment = .noMargin) {
        self.init(scale: scale, transform: .additiveCosine(margin: margin), topK: topK, unselected: unselected)
    }

    /// The transform's margin parameter m (`TargetTransform.margin`).
    public var margin: Double { transform.margin }
}

/// How a batch loss assigns margins: the same to all (LMCL) or by a boundary rule (BD-LMCL).
enum MarginPolicy: Sendable {
    case everySample(TargetTransform)
    case boundary(BoundaryRule)

    /// The `k` reported in `topKError` for plain LMCL, which has no k of its own:
    /// the BD-LMCL default, so the two screens agree.
    static let lmclReportedTopK = 2

    /// The transform the rank is taken with.
    var transform: TargetTransform {
        switch self {
        case .everySample(let transform): transform
        case .boundary(let rule): rule.transform
        }
    }

    /// How far above `f(c_y)` a rival must lie to count against the target:
    /// `τ = 4ε·max(1, |f(c_y)|)` (ε = 2⁻⁵², so τ ≈ 8.9e−16 for cosines).
    ///
    /// Cosines and margins are typed as decimals, which binary cannot hold: 0.15 − 0.1
    /// rounds to 0.04999999999999999, below a rival typed as 0.05, although the user
    /// typed a tie. Each decimal is off by at most half an ulp and the subtraction by
    /// another half, so a few ulps of 1 cover every decimal tie of numbers of size ≤ 2,
    /// while no two cosines of a typed grid (0.001) or a file's 6 decimals come that close
    /// without being equal. The rule therefore reads: a rival counts against the target
    /// when `c_j > f(c_y) + τ`; a tie, as typed, counts for the target.
    static func tieTolerance(_ threshold: Double) -> Double {
        4 * Double.ulpOfOne * Swift.max(1, threshold.magnitude)
    }

    /// The rank threshold `f(c_y) + τ`: the rivals above it count against the target.
    ///
    /// For a shift it is formed as `c_y − (m − τ)`, exactly as the row kernels form it
    /// from `kernelRankMargin`.
    func rankThreshold(targetCosine c: Double) -> Double {
        if let shift = transform.cosineShift { return c - Self.shiftedRankMargin(shift) }
        let value = transform.value(c)
        return value + Self.tieTolerance(value)
    }

    /// `m − τ` with τ sized for `|m|`: the margin the kernels subtract for a shift.
    static func shiftedRankMargin(_ shift: Double) -> Double {
        shift - tieTolerance(shift)
    }

    /// The `rankMargin` to hand the row kernels, which count the rivals above `c_y − rankMargin`,
    /// and whether that count is exactly the count above `rankThreshold`.
    ///
    /// A shift is handed over as `m − τ`. For another transform `c_y − (c_y − threshold)` can
    /// miss the threshold by a rounding; then the caller recounts against the threshold itself.
    func kernelRankMargin(targetCosine c: Double) -> (rankMargin: Double, exact: Bool) {
        if let shift = transform.cosineShift { return (Self.shiftedRankMargin(shift), true) }
        let threshold = rankThreshold(targetCosine: c)
        let rankMargin = c - threshold
        return (rankMargin, c - rankMargin == threshold)
    }

    /// Whether every sample counts whatever its rank (so the count is B up front).
    var everySampleCounts: Bool {
        switch self {
        case .everySample: true
        case .boundary(let rule): rule.unselected == .noMargin
        }
    }

    struct Decision {
        var rank: Int
        var topOneError: Bool
        var topKError: Bool
        var selected: Bool
        var counts: Bool
        /// The transform applied: the rule's when selected, else `.identity`.
        var transform: TargetTransform
    }

    func decide(rivalsAbove: Int) -> Decision {
        let rank = 1 + rivalsAbove
        switch self {
        case .everySample(let transform):
            return Decision(
                rank: rank, topOneError: rank > 1, topKError: rank > Self.lmclReportedTopK,
                selected: true, counts: true, transform: transform)
        case .boundary(let rule):
            let topOne = rank > 1
            let topK = rank > rule.topK
            let selected = topOne && !topK
            return Decision(
                rank: rank, topOneError: topOne, topKError: topK, selected: selected,
                counts: selected || rule.unselected == .noMargin,
                transform: selected ? rule.transform : .identity)
        }
    }
}
