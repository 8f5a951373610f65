#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stable log-sum-exp and softmax.
///
/// `LSE(x) = M + log Σ_k exp(x_k − M)` with `M = max_k x_k`; `softmax(x)_j = exp(x_j − M) / Σ_k exp(x_k − M)`.
/// Subtracting the maximum first keeps every exponent ≤ 0, so nothing overflows
/// (logits of ±1e6 are fine) and the largest term is exactly 1, so the sum never
/// underflows to 0.
///
/// Properties: `LSE(x + c) = LSE(x) + c`, `softmax(x + c) = softmax(x)`,
/// `max x ≤ LSE(x) ≤ max x + log C`, the probabilities sum to 1.
public enum Softmax {
    /// `log Σ_k exp(x_k)`, computed stably; −∞ for an empty input.
    ///
    /// A `+∞` entry gives `+∞`; all entries `−∞` give `−∞`.
    public static func logSumExp(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { logSumExp($0) }
    }

    /// `log Σ_k exp(x_k)` over a buffer; see `logSumExp(_:)`.
    public static func logSumExp(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let m = x.max() else { return -.infinity }
        // An infinite maximum would make x − M a NaN (∞ − ∞); the answer is M itself.
        if m.isInfinite { return m }
        var sum = 0.0
        for v in x { sum += exp(v - m) }
        return m + log(sum)
    }

    /// `softmax(x)_j = exp(x_j − M) / Σ_k exp(x_k − M)`; empty for an empty input.
    ///
    /// The entries are in [0, 1] and sum to 1 up to rounding.
    /// Limits: the logits must be finite.
    public static func probabilities(_ logits: [Double]) -> [Double] {
        guard let m = logits.max() else { return [] }
        var exps = logits.map { exp($0 - m) }
        let sum = exps.reduce(0, +)
        for j in exps.indices { exps[j] /= sum }
        return exps
    }
}
