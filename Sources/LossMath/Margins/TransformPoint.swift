/// A target transform evaluated at one cosine: `f(c)`, `f′(c)` and `df/dθ`.
///
/// `f′(c) = df/dc` is infinite at cone points: ArcFace and the combined margin with
/// `m₂ ≠ 0` at `c = 1` (`f ≈ cos m − θ·sin m`, and `dθ/dc = −1/sin θ`), and ArcFace
/// without fallback at `c = −1`. There `cosineSlope` is `±∞` and `finiteCosineSlope` is
/// nil; `angleSlope = df/dθ = −sin θ·f′(c)` is always finite (per radian).
public struct TransformPoint: Hashable, Sendable {
    /// `f(c)`.
    public var value: Double
    /// `f′(c) = df/dc`; `±∞` where unbounded, never NaN.
    public var cosineSlope: Double
    /// `df/dθ` per radian, always finite.
    public var angleSlope: Double

    public init(value: Double, cosineSlope: Double, angleSlope: Double) {
        self.value = value
        self.cosineSlope = cosineSlope
        self.angleSlope = angleSlope
    }

    /// `f′(c)`, or nil where it is unbounded.
    public var finiteCosineSlope: Double? { cosineSlope.isFinite ? cosineSlope : nil }
}
