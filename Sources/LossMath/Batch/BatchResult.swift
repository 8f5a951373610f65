/// Per-sample facts of a batch loss, as the batch screen and `compute` show them.
public struct SampleOutcome: Equatable, Sendable {
    /// `y_i`.
    public var label: Int
    /// `cos θ_{i,y}`.
    public var targetCosine: Double
    /// `argmax_{j≠y} cos θ_{i,j}` (lowest index on ties); −1 when C = 1.
    public var rivalClass: Int
    /// `max_{j≠y} cos θ_{i,j}`; −∞ when C = 1 (the maximum of nothing).
    public var rivalCosine: Double
    /// `1 + #{j≠y : cos θ_j > f(cos θ_y)}`: the target's rank among the margin-adjusted scores
    /// (`f(c) = c − m` for LMCL).
    public var rank: Int
    /// `ℓ_1 = 1[rank > 1]`: the margin is violated.
    public var topOneError: Bool
    /// `ℓ_k = 1[rank > k]` (k = 2 for plain LMCL).
    public var topKError: Bool
    /// `ℓ_1 ∧ ¬ℓ_k`, a boundary sample (always true for plain LMCL).
    public var selected: Bool
    /// Whether the sample contributes to the batch loss.
    public var counts: Bool
    /// The transform applied to this sample: the loss's, or `.identity` (no margin) when not selected.
    public var transform: TargetTransform
    /// This sample's term with its transform (computed even when it does not count).
    public var loss: Double
    /// `‖∂ℓ_i/∂cos θ_i‖₂` of the sample's own term (not divided by the count); 0 when it does not count.
    public var gradientNorm: Double

    public init(
        label: Int, targetCosine: Double, rivalClass: Int, rivalCosine: Double, rank: Int,
        topOneError: Bool, topKError: Bool, selected: Bool, counts: Bool, transform: TargetTransform,
        loss: Double, gradientNorm: Double
    ) {
        self.label = label
        self.targetCosine = targetCosine
        self.rivalClass = rivalClass
        self.rivalCosine = rivalCosine
        self.rank = rank
        self.topOneError = topOneError
        self.topKError = topKError
        self.selected = selected
        self.counts = counts
        self.transform = transform
        self.loss = loss
        self.gradientNorm = gradientNorm
    }

    /// The margin parameter applied (`TargetTransform.margin`): the loss's m, or 0 without margin.
    public var margin: Double { transform.margin }
}

/// A batch loss: the per-sample facts, the mean loss and, if asked, its gradient.
public struct BatchResult: Equatable, Sendable {
    public var samples: [SampleOutcome]
    /// Mean of `loss` over the samples that count (0 when none count).
    public var loss: Double
    /// How many samples count.
    public var countingSamples: Int
    /// `∂(batch loss)/∂cos θ`, B×C row-major like the batch, only when asked:
    /// row i is the sample's own gradient divided by `countingSamples`, zero when it does not count.
    /// Its memory comes from `GradientPool.shared` and returns there when the last copy goes away.
    public var gradient: GradientMatrix?

    public init(samples: [SampleOutcome], loss: Double, countingSamples: Int, gradient: GradientMatrix?) {
        self.samples = samples
        self.loss = loss
        self.countingSamples = countingSamples
        self.gradient = gradient
    }
}

extension MarginPolicy {
    /// One sample's outcome and term, from its scale-dependent statistics and its rank.
    func outcome(_ statistics: RowStatistics, rivalsAbove: Int, scale: Double) -> (SampleOutcome, RowTerm) {
        let decision = decide(rivalsAbove: rivalsAbove)
        let term = RowTerm(
            scale: scale, transform: decision.transform,
            targetCosine: statistics.targetCosine, rivalCosine: statistics.rivalCosine,
            rivalSum: statistics.rivalSum, rivalSquareSum: statistics.rivalSquareSum)
        return (Self.sampleOutcome(statistics, decision, term), term)
    }

    /// The sample's outcome from its statistics, the decision on its rank and its term.
    static func sampleOutcome(_ statistics: RowStatistics, _ decision: Decision, _ term: RowTerm) -> SampleOutcome {
        SampleOutcome(
            label: statistics.label, targetCosine: statistics.targetCosine,
            rivalClass: statistics.rivalClass, rivalCosine: statistics.rivalCosine,
            rank: decision.rank, topOneError: decision.topOneError, topKError: decision.topKError,
            selected: decision.selected, counts: decision.counts, transform: decision.transform,
            loss: term.loss, gradientNorm: decision.counts ? term.gradientNorm : 0)
    }

    /// The mean loss over the counting samples, summed in sample order.
    static func meanLoss(_ samples: [SampleOutcome]) -> (loss: Double, counting: Int) {
        var sum = 0.0
        var counting = 0
        for sample in samples where sample.counts {
            sum += sample.loss
            counting += 1
        }
        return (counting > 0 ? sum / Double(counting) : 0, counting)
    }
}
