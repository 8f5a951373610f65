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
    ///
    /// The target entry is `±∞` where `f′(cos θ_y)` is (ArcFace at `cos θ_y = 1`);
    /// `targetCosineGradient` says so as nil, and `angleGradient` stays finite.
    public var gradient: [Double]
    /// `∂L/∂θ_j` per radian: `−sin θ_j·s·p_j` (j ≠ y), `s·(p_y − 1)·df/dθ` on the target. Always finite.
    public var angleGradient: [Double]

    public init(
        cosines: [Double], target: Int, logits: [Double], probabilities: [Double],
        loss: Double, gradient: [Double], angleGradient: [Double]
    ) {
        self.cosines = cosines
        self.target = target
        self.logits = logits
        self.probabilities = probabilities
        self.loss = loss
        self.gradient = gradient
        self.angleGradient = angleGradient
    }

    /// `∂L/∂cos θ_y`, or nil where it is unbounded (`f′(cos θ_y) = ±∞`).
    public var targetCosineGradient: Double? {
        gradient[target].isFinite ? gradient[target] : nil
    }
}

/// A normalised-softmax head: a scale `s` and a transform `f` of the target cosine.
///
/// Logits `z_j = s·cos θ_j` for j ≠ y and `z_y = s·f(cos θ_y)`; `L = LSE(z) − z_y`;
/// `∂L/∂cos θ_j = s·(p_j − 1[j=y])`, times `f′(cos θ_y)` on the target.
/// With `f(c) = c` this is NormFace (Wang et al., ACM MM 2017); with `f(c) = c − m`
/// it is the large margin cosine loss, LMCL / CosFace (Wang et al., CVPR 2018),
/// and `m = 0` gives NormFace exactly; ArcFace, SphereFace and the combined margin
/// are the other cases of `TargetTransform` (Docs/Math.md). The angle gradients are
/// `∂L/∂θ_j = −sin θ_j·∂L/∂cos θ_j`, and on the target `s·(p_y − 1)·df/dθ`, finite
/// even at ArcFace's cone point `θ_y = 0` where `∂L/∂cos θ_y` is not.
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

    /// ArcFace: `z_y = s·cos(θ_y + m)`, with `fallback` at or below its switch cosine.
    public static func arcFace(scale: Double, margin: Double, fallback: ArcFaceFallback = .sinmm) -> CosineHead {
        CosineHead(scale: scale, transform: .additiveAngular(margin: margin, fallback: fallback))
    }

    /// Evaluates the head on one sample's cosines.
    ///
    /// - Precondition: `0 ≤ target < cosines.count`, every cosine in [−1, 1].
    public func evaluate(cosines: [Double], target: Int) -> CosineLossResult {
        let c = cosines.count
        precondition(cosines.indices.contains(target), "target \(target) outside 0..<\(c)")
        var probabilities = [Double](repeating: 0, count: c)
        let (statistics, term) = cosines.withUnsafeBufferPointer { row in
            probabilities.withUnsafeMutableBufferPointer { out in
                let statistics = RowStatistics(
                    row: row.baseAddress!, classCount: c, label: target,
                    scale: scale, rankMargin: 0,
                    output: out.baseAddress!)
                let term = RowTerm(
                    scale: scale, transform: transform, targetCosine: statistics.targetCosine,
                    rivalCosine: statistics.rivalCosine, rivalSum: statistics.rivalSum,
                    rivalSquareSum: statistics.rivalSquareSum)
                return (statistics, term)
            }
        }
        var logits = [Double](repeating: 0, count: c)
        var gradient = [Double](repeating: 0, count: c)
        var angleGradient = [Double](repeating: 0, count: c)
        for j in 0..<c where j != target {
            logits[j] = scale * cosines[j]
            probabilities[j] *= term.rivalFactor
            gradient[j] = scale * probabilities[j]
            angleGradient[j] = -Angle.sine(ofCosine: cosines[j]) * gradient[j]
        }
        let point = transform.point(at: statistics.targetCosine)
        logits[target] = scale * point.value
        probabilities[target] = term.targetProbability
        if c > 1 {
            // 1 − p_y is the rival mass, never 1 − p_y by subtraction; with C > 1 it is
            // positive, so an unbounded f′ gives an unbounded (not NaN) target gradient.
            gradient[target] =
                point.cosineSlope.isFinite
                ? term.targetGradient
                : (point.cosineSlope > 0 ? -Double.infinity : Double.infinity)
            angleGradient[target] = -scale * term.rivalMass * point.angleSlope
        }
        return CosineLossResult(
            cosines: cosines, target: target, logits: logits, probabilities: probabilities,
            loss: term.loss, gradient: gradient, angleGradient: angleGradient)
    }
}
