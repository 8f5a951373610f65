/// Everything that decides a training run, besides the data.
///
/// The defaults are the ones Docs/Training.md justifies: with them, 300 full-batch epochs
/// on data like the UCI hand-written digits (1797×64, 10 classes, standardised) reach
/// over 90 % training accuracy with NormFace and with CosFace.
public struct TrainingConfiguration: Hashable, Sendable {
    /// The loss, `s` and `m`.
    public var objective: Objective
    /// h, the width of the hidden layer.
    public var hiddenWidth: Int
    /// The hidden layer's nonlinearity.
    public var activation: Activation
    /// η, the step size of SGD.
    public var learningRate: Double
    /// μ, the momentum: `v ← μ·v − η·∇L`, `θ ← θ + v`.
    public var momentum: Double
    /// Samples per step; nil for full batch (one step per epoch over every training sample).
    public var batchSize: Int?
    /// Seeds the initialisation and the order of mini-batches.
    public var seed: UInt64

    public static let defaultHiddenWidth = 32
    public static let defaultLearningRate = 0.05
    public static let defaultMomentum = 0.9

    public init(
        objective: Objective, hiddenWidth: Int = defaultHiddenWidth, activation: Activation = .tanh,
        learningRate: Double = defaultLearningRate, momentum: Double = defaultMomentum,
        batchSize: Int? = nil, seed: UInt64 = 1
    ) {
        self.objective = objective
        self.hiddenWidth = hiddenWidth
        self.activation = activation
        self.learningRate = learningRate
        self.momentum = momentum
        self.batchSize = batchSize
        self.seed = seed
    }
}
