#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The transform applied to the target cosine before scaling: `f(cos θ_y)`.
///
/// A normalised-softmax head uses logits `z_j = s·cos θ_j` for the rivals and
/// `z_y = s·f(cos θ_y)` for the target; the margin family differs only in `f`:
/// - NormFace (Wang et al., ACM MM 2017): `f(c) = c`;
/// - CosFace / LMCL (Wang et al., CVPR 2018), also AM-Softmax (Wang et al. 2018): `f(c) = c − m`;
/// - ArcFace (Deng et al., CVPR 2019, Eq. 3): `f(c) = cos(θ + m)`, with a fallback
///   below a switch cosine (`ArcFaceFallback`);
/// - SphereFace (Liu et al., CVPR 2017): `ψ(θ) = (−1)^k cos(mθ) − 2k` for integer m,
///   blended with `c` by the annealing weight λ: `(λc + ψ)/(1 + λ)`;
/// - the combined margin (ArcFace, TPAMI Eq. 4): `cos(m₁θ + m₂) − m₃`.
///
/// Everything is evaluated from `c` with `sin θ = √((1 − c)(1 + c))` and
/// `θ = atan2(sin θ, c)`; `c = ±1` is accepted exactly. The losses, the plots and the
/// decision boundaries only ask a transform for `f`, `f′` and `df/dθ` (`point(at:)`),
/// so a new margin is a new case here. Formulas and sources: Docs/Math.md.
public enum TargetTransform: Hashable, Sendable {
    /// `f(c) = c` (NormFace).
    case identity
    /// `f(c) = c − m` (CosFace / LMCL / AM-Softmax).
    case additiveCosine(margin: Double)
    /// `f(c) = cos(θ + m)` where `c > switch`, the fallback at or below it (ArcFace).
    case additiveAngular(margin: Double, fallback: ArcFaceFallback)
    /// `f(c) = (λc + ψ(θ))/(1 + λ)`, `ψ(θ) = (−1)^k cos(mθ) − 2k` on [kπ/m, (k+1)π/m] (SphereFace).
    case multiplicativeAngular(margin: Int, lambda: Double)
    /// `f(c) = cos(m₁θ + m₂) − m₃` (the combined margin), no fallback.
    case combined(angleFactor: Double, angleMargin: Double, cosineMargin: Double)

    /// `f(c)`.
    ///
    /// The shifts answer without forming an angle, as cheaply as before the family
    /// existed (the batch kernels call this once per row).
    public func value(_ cosine: Double) -> Double {
        switch self {
        case .identity: cosine
        case .additiveCosine(let margin): cosine - margin
        default: point(at: cosine).value
        }
    }

    /// `f′(c) = df/dc`, `±∞` at a cone point (see `TransformPoint`).
    ///
    /// The batch kernels fold it into the target gradient; views should use
    /// `point(at:).finiteCosineSlope`, which says "unbounded" as nil.
    public func derivative(_ cosine: Double) -> Double {
        switch self {
        case .identity, .additiveCosine: 1
        default: point(at: cosine).cosineSlope
        }
    }

    /// The margin parameter m as a user sets it, for tables: 0 for NormFace, m for CosFace
    /// (a cosine) and ArcFace (radians), SphereFace's integer m, the combined margin's
    /// angular m₂ (its m₁ and m₃ are in the case).
    public var margin: Double {
        switch self {
        case .identity: 0
        case .additiveCosine(let m), .additiveAngular(let m, _): m
        case .multiplicativeAngular(let m, _): Double(m)
        case .combined(_, let m2, _): m2
        }
    }

    /// The shift `m` when `f(c) = c − m` (NormFace: 0), nil for the angular margins.
    ///
    /// For a shift the rank threshold `c − m` is formed exactly as the batch kernels form it.
    public var cosineShift: Double? {
        switch self {
        case .identity: 0
        case .additiveCosine(let margin): margin
        default: nil
        }
    }

    /// The cosine at or below which ArcFace's fallback replaces `cos(θ + m)`: `th = −cos m`
    /// for `sinmm`, `continuous`, `clip`, 0 for `easy`; nil for `none`, for m = 0 and for the other transforms.
    public var switchCosine: Double? {
        guard case .additiveAngular(let m, let fallback) = self, m != 0 else { return nil }
        switch fallback {
        case .none: return nil
        case .easy: return 0
        case .sinmm, .continuous, .clip: return -cos(m)
        }
    }

    /// `f(c)`, `f′(c)` and `df/dθ` at `c = cos θ`.
    ///
    /// At an ArcFace switch point the fallback's value and its one-sided derivatives are
    /// reported (the strict test `c > switch` selects the fallback there).
    ///
    /// - Precondition: `−1 ≤ c ≤ 1`.
    public func point(at c: Double) -> TransformPoint {
        let sine = Angle.sine(ofCosine: c)
        switch self {
        case .identity:
            return TransformPoint(value: c, cosineSlope: 1, angleSlope: -sine)
        case .additiveCosine(let m):
            return TransformPoint(value: c - m, cosineSlope: 1, angleSlope: -sine)
        case .additiveAngular(let m, let fallback):
            // m = 0 is NormFace for every fallback (every fallback value is c there).
            if m == 0 { return TransformPoint(value: c, cosineSlope: 1, angleSlope: -sine) }
            if let threshold = switchCosine, !(c > threshold) {
                return Self.arcFaceFallback(fallback, margin: m, cosine: c, sine: sine)
            }
            return Self.arcFace(margin: m, cosine: c, sine: sine)
        case .multiplicativeAngular(let m, let lambda):
            return Self.sphereFace(margin: m, lambda: lambda, cosine: c, sine: sine)
        case .combined(let m1, let m2, let m3):
            return Self.combined(m1, m2, m3, cosine: c, sine: sine)
        }
    }

    /// `cos(θ + m) = c·cos m − sin θ·sin m`, `f′ = cos m + sin m·c/sin θ`,
    /// `df/dθ = −(sin θ·cos m + c·sin m)`; f′ is `+∞` at c = 1, `−∞` at c = −1.
    static func arcFace(margin m: Double, cosine c: Double, sine: Double) -> TransformPoint {
        let cm = cos(m), sm = sin(m)
        let slope = sine > 0 ? cm + sm * c / sine : (c > 0 ? Double.infinity : -Double.infinity)
        return TransformPoint(value: c * cm - sine * sm, cosineSlope: slope, angleSlope: -(sine * cm + c * sm))
    }

    static func arcFaceFallback(
        _ fallback: ArcFaceFallback, margin m: Double, cosine c: Double,
        sine: Double
    ) -> TransformPoint {
        switch fallback {
        case .none: arcFace(margin: m, cosine: c, sine: sine)
        case .sinmm: TransformPoint(value: c - m * sin(m), cosineSlope: 1, angleSlope: -sine)
        case .continuous: TransformPoint(value: c - (1 - cos(m)), cosineSlope: 1, angleSlope: -sine)
        case .easy: TransformPoint(value: c, cosineSlope: 1, angleSlope: -sine)
        case .clip: TransformPoint(value: -1, cosineSlope: 0, angleSlope: 0)
        }
    }

    /// SphereFace's ψ by Chebyshev recurrences: `k = min(⌊mθ/π⌋, m − 1)`,
    /// `ψ = (−1)^k T_m(c) − 2k`, `ψ′ = (−1)^k m U_{m−1}(c)`, blended with λ.
    /// ψ′ is finite at ±1 (`m²`), so `df/dθ = −sin θ·f′`.
    static func sphereFace(margin m: Int, lambda: Double, cosine c: Double, sine: Double) -> TransformPoint {
        precondition(m >= 1, "SphereFace's margin is an integer ≥ 1, got \(m)")
        precondition(lambda >= 0, "SphereFace's λ is ≥ 0, got \(lambda)")
        var t0 = 1.0, t1 = c  // T_0, T_1
        var u0 = 1.0, u1 = 2 * c  // U_0, U_1
        for _ in 1..<m {
            (t0, t1) = (t1, 2 * c * t1 - t0)
            (u0, u1) = (u1, 2 * c * u1 - u0)
        }
        let tm = t1, um1 = u0  // T_m, U_{m−1}
        let theta = atan2(sine, c)
        let k = min(Int((Double(m) * theta / Double.pi).rounded(.down)), m - 1)
        let sign = k.isMultiple(of: 2) ? 1.0 : -1.0
        let psi = sign * tm - 2 * Double(k)
        let psiSlope = sign * Double(m) * um1
        let value = lambda == 0 ? psi : (lambda * c + psi) / (1 + lambda)
        let slope = lambda == 0 ? psiSlope : (lambda + psiSlope) / (1 + lambda)
        return TransformPoint(value: value, cosineSlope: slope, angleSlope: -sine * slope)
    }

    /// `cos(m₁θ + m₂) − m₃`, `f′ = m₁ sin(m₁θ + m₂)/sin θ`, `df/dθ = −m₁ sin(m₁θ + m₂)`.
    ///
    /// At c = ±1 (sin θ = 0) f′ is the limit: at θ = 0, `m₁²` if `m₂ = 0`, else `±∞`;
    /// at θ = π, `−(−1)^n m₁²` if `m₁π + m₂ = nπ`, else `±∞`.
    static func combined(_ m1: Double, _ m2: Double, _ m3: Double, cosine c: Double, sine: Double) -> TransformPoint {
        let theta = atan2(sine, c)
        let phase = m1 * theta + m2
        let value = cos(phase) - m3
        if sine > 0 {
            let s = sin(phase)
            return TransformPoint(value: value, cosineSlope: m1 * s / sine, angleSlope: -m1 * s)
        }
        if c > 0 {
            let slope = m2 == 0 ? m1 * m1 : (m1 * sin(m2) > 0 ? Double.infinity : -Double.infinity)
            return TransformPoint(value: value, cosineSlope: slope, angleSlope: -m1 * sin(m2))
        }
        let turns = m1 + m2 / Double.pi
        let n = turns.rounded()
        if abs(turns - n) < 1e-12 {
            // f′ = m₁ sin(nπ − m₁θ′)/sin θ′ → −(−1)^n·m₁² as θ′ = π − θ → 0; sin(nπ) = 0 exactly.
            let sign = Int(n).isMultiple(of: 2) ? -1.0 : 1.0
            return TransformPoint(value: cos(n * Double.pi) - m3, cosineSlope: sign * m1 * m1, angleSlope: 0)
        }
        let s = sin(phase)
        return TransformPoint(
            value: value, cosineSlope: m1 * s > 0 ? Double.infinity : -Double.infinity,
            angleSlope: -m1 * s)
    }
}
