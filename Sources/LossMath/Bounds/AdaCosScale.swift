#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// AdaCos's fixed scale, a suggested `s` that depends only on the number of classes.
///
/// `s = √2·ln(C − 1)` (natural log), with no margin: 0.980 for C = 3, 1.554 for 4,
/// 2.752 for 8, 9.768 for 1000, 12.301 for 5994. It equals the start of AdaCos's dynamic
/// rule, `ln(C − 1)/cos(π/4)`. Source: Zhang et al., "AdaCos: Adaptively Scaling Cosine
/// Logits", CVPR 2019, as reported by a survey and independent code (the paper itself
/// was not read); see Docs/Math.md. C = 2 gives s = 0, which is no scale at all, so the
/// formula is refused below three classes.
public enum AdaCosScale {
    /// The fewest classes for which the fixed scale is positive.
    public static let minimumClasses = 3

    /// `√2·ln(C − 1)`, or nil when `C < 3` (the scale would be ≤ 0).
    public static func fixedScale(classes: Int) -> Double? {
        guard classes >= minimumClasses else { return nil }
        return 2.0.squareRoot() * log(Double(classes - 1))
    }
}
