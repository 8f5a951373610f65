import LossMath

/// The BD-LMCL facts about one sample: its rank and whether it got the margin.
struct BoundaryFacts: Equatable {
    var topK: Int
    var unselected: UnselectedTreatment
    /// 1 + #{j ≠ y : cos θ_j > cos θ_y − m}.
    var rank: Int
    /// Rank > 1 and rank ≤ k: a boundary sample, which gets the margin.
    var selected: Bool
    /// Whether the sample's term enters the loss (false only for excluded unselected samples).
    var counts: Bool
    /// The margin actually applied: m when selected, else 0.
    var appliedMargin: Double
}

/// One evaluated sample, everything `compute` prints about it.
struct SampleReport {
    var sample: ResolvedSample
    var logits: [Double]
    var probabilities: [Double]
    /// The loss; for an excluded BD-LMCL sample 0, since it does not count.
    var loss: Double
    /// ∂L/∂logits for softmax, ∂L/∂cos θ otherwise; the target entry is ±∞ at a cone point.
    var gradient: [Double]
    /// ∂L/∂θ_j per radian (nil for softmax); always finite.
    var angleGradient: [Double]?
    var boundary: BoundaryFacts?

    /// Evaluates `sample` with LossMath; BD-LMCL treats the sample as a batch of one.
    init(_ sample: ResolvedSample, topK: Int, unselected: UnselectedTreatment) {
        self.sample = sample
        switch sample.loss {
        case .softmax:
            let result = SoftmaxCrossEntropy.evaluate(logits: sample.inputs, target: sample.target)
            logits = result.logits
            probabilities = result.probabilities
            loss = result.loss
            gradient = result.gradient
        case .margin:
            let head = CosineHead(scale: sample.scale, transform: sample.transform)
            let result = head.evaluate(cosines: sample.inputs, target: sample.target)
            logits = result.logits
            probabilities = result.probabilities
            loss = result.loss
            gradient = result.gradient
            angleGradient = result.angleGradient
        case .bdlmcl:
            let batch = CosineBatch(labels: [sample.target], cosines: sample.inputs, classCount: sample.inputs.count)
            let rule = BoundaryRule(scale: sample.scale, transform: sample.transform, topK: topK, unselected: unselected)
            let result = BatchLoss.bdlmcl(batch, rule: rule, gradient: true)
            let outcome = result.samples[0]
            let head = CosineHead(scale: sample.scale, transform: outcome.transform)
            let applied = head.evaluate(cosines: sample.inputs, target: sample.target)
            logits = applied.logits
            probabilities = applied.probabilities
            loss = result.loss
            gradient = result.gradient.map { Array($0) } ?? applied.gradient
            // An excluded sample has no gradient at all; otherwise ∂L/∂θ_j = −sin θ_j·∂L/∂cos θ_j, with df/dθ on the target.
            angleGradient = outcome.counts ? applied.angleGradient : Array(repeating: 0, count: sample.inputs.count)
            boundary = BoundaryFacts(
                topK: topK, unselected: unselected, rank: outcome.rank, selected: outcome.selected,
                counts: outcome.counts, appliedMargin: outcome.margin)
        }
    }
}

/// One evaluated batch, everything `compute` prints about it.
struct BatchReport {
    var loss: LossKind
    var scale: Double
    var margin: Double
    var transform: TargetTransform
    var topK: Int?
    var unselected: UnselectedTreatment?
    var batch: CosineBatch
    /// How the batch was obtained, for the table's header.
    var source: String
    var result: BatchResult

    init(
        loss: LossKind, scale: Double, margin: Double, transform: TargetTransform, topK: Int, unselected: UnselectedTreatment,
        batch: CosineBatch, source: String, gradients: Bool
    ) {
        self.loss = loss
        self.scale = scale
        self.margin = margin
        self.transform = transform
        self.batch = batch
        self.source = source
        if loss == .bdlmcl {
            self.topK = topK
            self.unselected = unselected
            let rule = BoundaryRule(scale: scale, transform: transform, topK: topK, unselected: unselected)
            result = BatchLoss.bdlmcl(batch, rule: rule, gradient: gradients)
        } else {
            result = BatchLoss.margin(batch, scale: scale, transform: transform, gradient: gradients)
        }
    }

    func region(_ outcome: SampleOutcome) -> BatchRegion {
        BatchRegion(rank: outcome.rank, topK: topK)
    }

    /// How many samples fall in each region, in display order (empty regions included).
    var regionCounts: [(region: BatchRegion, count: Int)] {
        var counts = [BatchRegion: Int]()
        for outcome in result.samples { counts[region(outcome), default: 0] += 1 }
        return BatchRegion.regions(topK: topK).map { ($0, counts[$0] ?? 0) }
    }
}

extension BatchReport {
    /// Throws `MemoryShortage` unless the evaluation's large buffers can be had now: one
    /// outcome per sample and, with `gradients`, the B×C gradient (8 bytes per cosine).
    static func checkMemory(for batch: CosineBatch, gradients: Bool) throws {
        let outcomes = batch.sampleCount * MemoryLayout<SampleOutcome>.stride
        let size = "\(batch.sampleCount)×\(batch.classCount)"
        if gradients {
            try MemoryShortage.check(
                bytes: outcomes + 8 * batch.sampleCount * batch.classCount, for: "the \(size) gradient",
                advice: "leave out --gradients or use a smaller batch")
        } else {
            try MemoryShortage.check(bytes: outcomes, for: "the results of the \(size) batch", advice: "use a smaller batch")
        }
    }
}
