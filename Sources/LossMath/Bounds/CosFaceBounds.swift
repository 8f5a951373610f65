#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CosFace paper's bounds on the margin and the scale
/// (Wang et al., "CosFace: Large Margin Cosine Loss for Deep Face Recognition", CVPR 2018:
/// the theoretical analysis of LMCL and the discussion of feature normalisation).
public enum CosFaceBounds {
    /// The largest useful margin for 2-D features: `m ≤ 1 − cos(2π/C)`.
    ///
    /// With C class weights spread evenly on the circle, neighbours are `2π/C` apart
    /// (8 classes: `1 − cos(π/4) = 0.29289…`). C = 2 gives 2, C = 1 gives 0.
    public static func maximumMarginPlanar(classes: Int) -> Double {
        precondition(classes >= 1, "need at least one class")
        return 1 - cos(2 * Double.pi / Double(classes))
    }

    /// The largest useful margin when the feature dimension is at least C − 1:
    /// `m ≤ C/(C−1)`.
    ///
    /// The class weights then form a regular simplex with pairwise cosine `−1/(C−1)`.
    /// C = 1 gives `+∞` (no rival, no limit).
    public static func maximumMarginHighDimensional(classes: Int) -> Double {
        precondition(classes >= 1, "need at least one class")
        return classes == 1 ? .infinity : Double(classes) / Double(classes - 1)
    }

    /// The smallest scale at which the target can reach probability P among C classes:
    /// `s ≥ (C−1)/C · ln((C−1)·P/(1−P))`.
    ///
    /// Below it even a perfectly separated sample cannot reach `p_y = P`. The value is
    /// ≤ 0 when `P ≤ 1/C` (any scale will do), `+∞` for `P = 1`; C = 1 gives 0.
    ///
    /// - Precondition: `0 < targetProbability ≤ 1`.
    public static func minimumScale(classes: Int, targetProbability: Double) -> Double {
        precondition(classes >= 1, "need at least one class")
        precondition(targetProbability > 0 && targetProbability <= 1, "the target probability must be in (0, 1]")
        if classes == 1 { return 0 }
        let c = Double(classes)
        return (c - 1) / c * log((c - 1) * targetProbability / (1 - targetProbability))
    }
}
