/// Result of a cosine-softmax head on one sample.
public struct CosineLossResult: Equatable, Sendable {
    /// `cos θ_j` for every class.
    public var cosines: [Double]
    /// The target class `y`.
    public var target: Int
    /// `z_j = s·cos θ_j` (j ≠ y), `z_y = s·f(cos θ_y)`.
    public var logits: [Double]
    /// `p = softmax(z)`.
    public var probabilities: [Double]
    /// `L = LSE(z) − z_y`.
    public var loss: Double
    /// `∂L/∂cos θ_j = s·(p_j − 1[j=y])·(j = y ? f′(cos θ_y) : 1)`.
    public var gradient: [Double]

    public init(cosines: [Double], target: Int, logits: [Double], probabilities: [Double],
                loss: Double, gradient: [Double]) {
        self.cosines = cosines
        self.target = target
        self.logits = logits
        self.probabilities = probabilities
        self.loss = loss
        self.gradient = gradient
    }
}

/// A normalised-softmax head: a scale `s` and a transform `f` of the target cosine.
///
/// Logits `z_j = s·cos θ_j` for j ≠ y and `z_y = s·f(cos θ_y)`; `L = LSE(z) − z_y`;
/// `∂L/∂cos θ_j = s·(p_j − 1[j=y])`, times `f′(cos θ_y)` on the target.
/// With `f(c) = c` this is NormFace (Wang et al., ACM MM 2017); with `f(c) = c − m`
/// it is the large margin cosine loss, LMCL / CosFace (Wang et al., CVPR 2018),
/// and `m = 0` gives NormFace exactly.
///
/// Properties: the loss depends on the features only through the cosines, so
/// scaling a feature changes nothing; the loss grows with `m`.
/// Stable for any finite scale (s = 1000 included) and cosines exactly ±1: the
/// exponentials are taken relative to the largest rival logit and, when the target
/// leads, divided through by the target's, so no exponent is positive.
public struct CosineHead: Hashable, Sendable {
    /// `s`, the radius of the hypersphere the features are projected on.
    public var scale: Double
    /// `f`, applied to the target cosine.
    public var transform: TargetTransform

    public init(scale: Double, transform: TargetTransform) {
        self.scale = scale
        self.transform = transform
    }

    /// NormFace: `z_j = s·cos θ_j` for every class.
    public static func normFace(scale: Double) -> CosineHead {
        CosineHead(scale: scale, transform: .identity)
    }

    /// CosFace / LMCL: `z_y = s·(cos θ_y − m)`.
    public static func cosFace(scale: Double, margin: Double) -> CosineHead {
        CosineHead(scale: scale, transform: .additiveCosine(margin: margin))
    }

    /// Evaluates the head on one sample's cosines.
    ///
    /// - Precondition: `0 ≤ target < cosines.count`.
    public func evaluate(cosines: [Double], target: Int) -> CosineLossResult {
        let c = cosines.count
        precondition(cosines.indices.contains(target), "target \(target) outside 0..<\(c)")
        var probabilities = [Double](repeating: 0, count: c)
        let (statistics, term) = cosines.withUnsafeBufferPointer { row in
            probabilities.withUnsafeMutableBufferPointer { out in
                let statistics = RowStatistics(row: row.baseAddress!, classCount: c, label: target,
                                               scale: scale, rankMargin: transform.margin,
                                               output: out.baseAddress!)
                let term = RowTerm(scale: scale, transform: transform, targetCosine: statistics.targetCosine,
                                   rivalCosine: statistics.rivalCosine, rivalSum: statistics.rivalSum,
                                   rivalSquareSum: statistics.rivalSquareSum)
                return (statistics, term)
            }
        }
        var logits = [Double](repeating: 0, count: c)
        var gradient = [Double](repeating: 0, count: c)
        for j in 0..<c where j != target {
            logits[j] = scale * cosines[j]
            probabilities[j] *= term.rivalFactor
            gradient[j] = scale * probabilities[j]
        }
        logits[target] = scale * transform.value(statistics.targetCosine)
        probabilities[target] = term.targetProbability
        gradient[target] = term.targetGradient
        return CosineLossResult(cosines: cosines, target: target, logits: logits,
                                probabilities: probabilities, loss: term.loss, gradient: gradient)
    }
}
