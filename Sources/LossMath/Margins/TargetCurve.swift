#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The target's logit and probability as its angle (or cosine) moves, the rivals fixed.
///
/// `z_y(θ) = s·f(cos θ)` and, with `R = LSE_{j≠y}(s·cos θ_j)` taken once for the curve,
/// `p_y(θ) = 1/(1 + Σ_{j≠y} e^{s·c_j − z_y}) = σ(z_y − R)`, a logistic evaluated on the
/// side that never overflows. One sample with no rival has `p_y = 1` everywhere.
/// These are the cosine screen's plots; see Docs/Math.md, "The plots".
public struct TargetCurve: Hashable, Sendable {
    /// `s`.
    public var scale: Double
    /// `f`.
    public var transform: TargetTransform
    /// `R = LSE_{j≠y}(s·cos θ_j)`; −∞ when there is no rival.
    public var rivalLogSumExp: Double

    /// The curve for the sample's rivals (every cosine but the target's).
    public init(scale: Double, transform: TargetTransform, cosines: [Double], target: Int) {
        precondition(cosines.indices.contains(target), "target \(target) outside 0..<\(cosines.count)")
        self.scale = scale
        self.transform = transform
        let rivals = cosines.enumerated().filter { $0.offset != target }.map { scale * $0.element }
        self.rivalLogSumExp = rivals.isEmpty ? -Double.infinity : Softmax.logSumExp(rivals)
    }

    /// `s·f(c)` at the target cosine `c`.
    public func logit(cosine: Double) -> Double {
        scale * transform.value(cosine)
    }

    /// `s·f(cos θ)` at θ in degrees.
    public func logit(degrees: Double) -> Double {
        logit(cosine: Angle.cosine(degrees: degrees))
    }

    /// `p_y = σ(s·f(c) − R)` at the target cosine `c`.
    public func probability(cosine: Double) -> Double {
        let t = logit(cosine: cosine) - rivalLogSumExp
        return t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
    }

    /// `p_y` at θ in degrees.
    public func probability(degrees: Double) -> Double {
        probability(cosine: Angle.cosine(degrees: degrees))
    }
}
