#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Conversions between a cosine and its angle, done the numerically careful way.
///
/// `sin θ = √((1 − c)(1 + c))` keeps full relative precision near `c = ±1`, where
/// `√(1 − c²)` loses it, and `θ = atan2(sin θ, c)` is accurate over all of [0, π]
/// (`acos` is not near the ends). `c = ±1` is accepted exactly; nothing is clamped.
public enum Angle {
    /// `sin θ = √((1 − c)(1 + c))` for `c = cos θ`, θ ∈ [0, π].
    ///
    /// - Precondition: `−1 ≤ c ≤ 1`.
    public static func sine(ofCosine c: Double) -> Double {
        precondition(c >= -1 && c <= 1, "cosine \(c) outside [−1, 1]")
        return ((1 - c) * (1 + c)).squareRoot()
    }

    /// `θ = atan2(sin θ, c)` in radians, in [0, π].
    public static func radians(ofCosine c: Double) -> Double {
        atan2(sine(ofCosine: c), c)
    }

    /// `θ` in degrees, in [0, 180].
    public static func degrees(ofCosine c: Double) -> Double {
        radians(ofCosine: c) * 180 / Double.pi
    }

    /// `cos` of an angle in degrees, exact at the multiples of 90°.
    ///
    /// `cos(90·π/180)` is 6.1e-17 in floating point, not 0; reducing the angle to
    /// [0°, 360°) and answering the quarter turns exactly gives 0 and ±1 there, so a
    /// typed 90° is orthogonal. Other angles are `cos(d·π/180)` on the reduced angle.
    public static func cosine(degrees: Double) -> Double {
        var d = degrees.truncatingRemainder(dividingBy: 360)
        if d < 0 { d += 360 }
        switch d {
        case 0: return 1
        case 90, 270: return 0
        case 180: return -1
        default: return cos(d * Double.pi / 180)
        }
    }
}
