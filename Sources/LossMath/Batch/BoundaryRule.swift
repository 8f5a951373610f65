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
/// DESIGN §1.3. For sample i, with rank `r_i = 1 + #{j≠y : cos θ_j > cos θ_y − m}`
/// (the target's place among the margin-adjusted scores, ties counted in its favour):
/// - `ℓ_1 = 1[r_i > 1]` (the margin is violated), `ℓ_k = 1[r_i > k]`;
/// - selected (a boundary sample) when `ℓ_1 = 1` and `ℓ_k = 0`;
/// - selected samples get the LMCL term with margin m; the others get margin 0, or
///   are excluded, according to `unselected`.
/// The batch loss is the mean over the samples that count; the selection is a step
/// function and is held fixed when differentiating.
///
/// Properties: `topK = C` with `.noMargin` gives the margin exactly to the samples
/// that violate it; when every sample is selected the loss equals plain LMCL.
public struct BoundaryRule: Hashable, Sendable {
    /// `s`.
    public var scale: Double
    /// `m`, the additive cosine margin given to selected samples.
    public var margin: Double
    /// `k` of the top-k zero-one loss, `2 ≤ k ≤ C`.
    public var topK: Int
    /// What happens to the samples that are not selected.
    public var unselected: UnselectedTreatment

    public init(scale: Double, margin: Double, topK: Int = 2, unselected: UnselectedTreatment = .noMargin) {
        self.scale = scale
        self.margin = margin
        self.topK = topK
        self.unselected = unselected
    }
}

/// How a batch loss assigns margins: the same to all (LMCL) or by a boundary rule (BD-LMCL).
enum MarginPolicy: Sendable {
    case everySample(margin: Double)
    case boundary(BoundaryRule)

    /// The `k` reported in `topKError` for plain LMCL, which has no k of its own:
    /// the BD-LMCL default, so the two screens agree.
    static let lmclReportedTopK = 2

    /// The margin the rank is taken with.
    var rankMargin: Double {
        switch self {
        case .everySample(let margin): margin
        case .boundary(let rule): rule.margin
        }
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
        var margin: Double
    }

    func decide(rivalsAbove: Int) -> Decision {
        let rank = 1 + rivalsAbove
        switch self {
        case .everySample(let margin):
            return Decision(rank: rank, topOneError: rank > 1, topKError: rank > Self.lmclReportedTopK,
                            selected: true, counts: true, margin: margin)
        case .boundary(let rule):
            let topOne = rank > 1
            let topK = rank > rule.topK
            let selected = topOne && !topK
            return Decision(rank: rank, topOneError: topOne, topKError: topK, selected: selected,
                            counts: selected || rule.unselected == .noMargin,
                            margin: selected ? rule.margin : 0)
        }
    }
}
