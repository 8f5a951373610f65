#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Result of one softmax cross-entropy evaluation.
public struct SoftmaxResult: Equatable, Sendable {
    /// The logits `x_1..x_C`.
    public var logits: [Double]
    /// The target class `y`.
    public var target: Int
    /// `p = softmax(x)`.
    public var probabilities: [Double]
    /// `L = −log p_y = LSE(x) − x_y`.
    public var loss: Double
    /// `∂L/∂x_j = p_j − 1[j=y]`.
    public var gradient: [Double]

    public init(logits: [Double], target: Int, probabilities: [Double], loss: Double, gradient: [Double]) {
        self.logits = logits
        self.target = target
        self.probabilities = probabilities
        self.loss = loss
        self.gradient = gradient
    }
}

/// Softmax cross-entropy on raw logits.
///
/// `L = −log p_y = LSE(x) − x_y`, `∂L/∂x_j = p_j − 1[j=y]`.
///
/// Properties: the gradient entries sum to 0; the target entry is the only negative
/// one (for C ≥ 2 and finite logits); adding a constant to every logit changes
/// nothing. The loss is ≥ 0, and 0 exactly when C = 1.
public enum SoftmaxCrossEntropy {
    /// Evaluates the loss, the probabilities and the gradient.
    ///
    /// The target entry of the gradient is formed as `−Σ_{j≠y} p_j` rather than
    /// `p_y − 1`, which would round to 0 when the target probability is within an
    /// ulp of 1 and lose the sign the other entries balance.
    ///
    /// - Precondition: `0 ≤ target < logits.count`; the logits are finite.
    public static func evaluate(logits: [Double], target: Int) -> SoftmaxResult {
        precondition(logits.indices.contains(target), "target \(target) outside 0..<\(logits.count)")
        let m = logits.max()!
        // Rivals relative to the maximum: every exponent ≤ 0.
        var rivalSum = 0.0
        for j in logits.indices where j != target { rivalSum += exp(logits[j] - m) }
        let gap = logits[target] - m
        let targetTerm = exp(gap)
        let sum = rivalSum + targetTerm
        // When the target is the maximum, L = log(1 + Σ_{j≠y} e_j) keeps losses far below
        // one ulp of 1 that LSE(x) − x_y would cancel to 0.
        let loss = gap == 0 ? log1p(rivalSum) : log(sum) - gap
        var p = [Double](repeating: 0, count: logits.count)
        for j in logits.indices { p[j] = (j == target ? targetTerm : exp(logits[j] - m)) / sum }
        var gradient = p
        gradient[target] = -rivalSum / sum
        return SoftmaxResult(
            logits: logits, target: target, probabilities: p,
            loss: loss, gradient: gradient)
    }
}
