import Foundation
import LossMath

/// The network: d inputs → one hidden layer of width h → a 2-D embedding → C classes.
///
/// `a = act(x·W₁ + b₁)` (h values), `e = a·W₂ + b₂` (the 2-D embedding), and a class
/// direction `W_j ∈ R²` per class; the loss (`TrainingLoss`) compares e with the W_j.
/// All parameters live in one flat array so that the optimiser, the gradient and the
/// finite-difference tests treat them alike:
/// `[W₁ (d×h, row-major) | b₁ (h) | W₂ (h×2) | b₂ (2) | W (C×2)]`.
///
/// Initialisation (seeded): W₁ normal with variance 1/d for tanh (LeCun) or 2/d for ReLU
/// (He), W₂ normal with variance 1/h, biases 0, and the class directions evenly spread
/// around the circle in a random order at a random rotation, with unit length (random
/// normal directions can start two classes almost on top of each other, which a 2-D
/// embedding is slow to undo).
public struct Network: Equatable, Sendable {
    /// d.
    public let inputCount: Int
    /// h, the width of the hidden layer.
    public let hiddenWidth: Int
    /// C.
    public let classCount: Int
    /// The hidden layer's nonlinearity.
    public let activation: Activation
    /// Every parameter, laid out as described above.
    public var parameters: [Double]

    /// A freshly initialised network, the same for the same seed.
    public init(inputCount: Int, hiddenWidth: Int, classCount: Int, activation: Activation, seed: UInt64) {
        precondition(inputCount >= 1 && hiddenWidth >= 1 && classCount >= 2, "a network needs d ≥ 1, h ≥ 1, C ≥ 2")
        self.inputCount = inputCount
        self.hiddenWidth = hiddenWidth
        self.classCount = classCount
        self.activation = activation
        var rng = SplitMix64(seed: seed)
        let d = inputCount, h = hiddenWidth
        var values = [Double](repeating: 0, count: d * h + h + 2 * h + 2 + 2 * classCount)
        let inputDeviation = ((activation == .relu ? 2.0 : 1.0) / Double(d)).squareRoot()
        for i in 0..<(d * h) { values[i] = inputDeviation * rng.gaussian() }
        let hiddenDeviation = (1 / Double(h)).squareRoot()
        for i in 0..<(2 * h) { values[d * h + h + i] = hiddenDeviation * rng.gaussian() }
        let rotation = 2 * Double.pi * rng.unitInterval()
        let order = rng.permutation(classCount)
        let classes = d * h + 3 * h + 2
        for j in 0..<classCount {
            let angle = rotation + 2 * Double.pi * Double(order[j]) / Double(classCount)
            values[classes + 2 * j] = Foundation.cos(angle)
            values[classes + 2 * j + 1] = Foundation.sin(angle)
        }
        parameters = values
    }

    /// Where W₁ starts in `parameters` (always 0).
    var firstWeights: Int { 0 }
    /// Where b₁ starts.
    var firstBias: Int { inputCount * hiddenWidth }
    /// Where W₂ starts.
    var secondWeights: Int { firstBias + hiddenWidth }
    /// Where b₂ starts.
    var secondBias: Int { secondWeights + 2 * hiddenWidth }
    /// Where the class directions W start.
    var classWeights: Int { secondBias + 2 }

    /// The class direction `W_j` (not normalised).
    public func classWeight(_ j: Int) -> (x: Double, y: Double) {
        (parameters[classWeights + 2 * j], parameters[classWeights + 2 * j + 1])
    }
}
