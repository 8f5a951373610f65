/// Angles between a feature and the class weights.
public enum Geometry {
    /// `cos θ_j = W_j·x / (‖W_j‖ ‖x‖)` for every row `W_j` of `weights`.
    ///
    /// Only directions matter: scaling `x` or any `W_j` by a positive factor leaves
    /// the cosines unchanged. Results are clamped to [−1, 1] (rounding can
    /// otherwise give 1.0000000000000002 for parallel vectors).
    /// Limits: a zero vector has no direction; its cosines are reported as 0.
    ///
    /// - Precondition: every row of `weights` has `feature.count` entries.
    public static func cosines(feature: [Double], weights: [[Double]]) -> [Double] {
        let featureNorm = norm(feature)
        return weights.map { w in
            precondition(w.count == feature.count, "weight row has \(w.count) entries, feature has \(feature.count)")
            let denominator = norm(w) * featureNorm
            guard denominator > 0 else { return 0 }
            return min(1, max(-1, dot(w, feature) / denominator))
        }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func norm(_ a: [Double]) -> Double {
        dot(a, a).squareRoot()
    }
}
