import LossMath

/// A training run you can step, reset and read: the engine behind `train` and the training screen.
///
/// A value: copying a trainer forks the run. `step()` runs one epoch of SGD with momentum
/// (`v ← μ·v − η·∇L`, `θ ← θ + v`), full batch or in seeded mini-batches; `reset()` starts
/// again from the initialisation the seed gives. The objective (loss, s, m), the learning
/// rate and the momentum may be changed between steps and take effect at the next one;
/// the width, the activation and the seed take effect at the next `reset()`.
/// Two trainers with the same configuration and data produce the same numbers bit for bit.
public struct Trainer: Sendable {
    /// The settings; see above for when a change takes effect.
    public var configuration: TrainingConfiguration
    /// The training and held-out samples.
    public let data: DataSplit
    /// The network's current parameters.
    public private(set) var network: Network
    /// Epochs completed since the last reset.
    public private(set) var epoch = 0
    /// The metrics `record()` appended since the last reset, oldest first.
    public private(set) var history: [EpochMetrics] = []

    private var velocity: [Double]
    private var gradient: [Double] = []
    private var workspace = Workspace()
    private var batchOrder: SplitMix64
    private var batchInputs: [Double] = []
    private var batchLabels: [Int] = []

    /// - Precondition: the data has at least one training sample; the hidden width is ≥ 1.
    public init(configuration: TrainingConfiguration, data: DataSplit) {
        precondition(data.train.sampleCount >= 1, "nothing to train on")
        self.configuration = configuration
        self.data = data
        network = Self.initialNetwork(configuration, data)
        velocity = [Double](repeating: 0, count: network.parameters.count)
        batchOrder = Self.batchOrder(configuration)
    }

    /// Starts again: fresh parameters from the seed, zero velocity, epoch 0, empty history.
    public mutating func reset() {
        network = Self.initialNetwork(configuration, data)
        velocity = [Double](repeating: 0, count: network.parameters.count)
        batchOrder = Self.batchOrder(configuration)
        epoch = 0
        history = []
    }

    /// Runs one epoch and returns the mean of the losses its steps saw (before each update).
    @discardableResult
    public mutating func step() -> Double {
        let train = data.train
        let n = train.sampleCount
        let batch = min(configuration.batchSize ?? n, n)
        var total = 0.0
        if batch == n {
            total = train.features.withUnsafeBufferPointer { inputs in
                train.labels.withUnsafeBufferPointer { labels in
                    update(inputs: inputs, labels: labels, count: n)
                }
            }
        } else {
            let order = batchOrder.permutation(n)
            let d = train.dimension
            var start = 0
            var steps = 0
            while start < n {
                let end = min(start + batch, n)
                batchInputs.removeAll(keepingCapacity: true)
                batchLabels.removeAll(keepingCapacity: true)
                for i in order[start..<end] {
                    batchInputs.append(contentsOf: train.features[(i * d)..<((i + 1) * d)])
                    batchLabels.append(train.labels[i])
                }
                let inputs = batchInputs, labels = batchLabels
                total += inputs.withUnsafeBufferPointer { inputBuffer in
                    labels.withUnsafeBufferPointer { labelBuffer in
                        update(inputs: inputBuffer, labels: labelBuffer, count: end - start)
                    }
                }
                steps += 1
                start = end
            }
            total /= Double(steps)
        }
        epoch += 1
        return total
    }

    /// Computes the metrics at the current parameters, appends them to `history` and returns them.
    @discardableResult
    public mutating func record() -> EpochMetrics {
        let current = metrics()
        history.append(current)
        return current
    }

    /// One SGD-with-momentum step on `n` samples; returns their mean loss before the step.
    private mutating func update(
        inputs: UnsafeBufferPointer<Double>, labels: UnsafeBufferPointer<Int>,
        count n: Int
    ) -> Double {
        let loss = network.lossAndGradient(
            inputs: inputs, labels: labels, count: n,
            objective: configuration.objective, workspace: &workspace,
            gradient: &gradient)
        let rate = configuration.learningRate, momentum = configuration.momentum
        for i in network.parameters.indices {
            velocity[i] = momentum * velocity[i] - rate * gradient[i]
            network.parameters[i] += velocity[i]
        }
        return loss
    }

    private static func initialNetwork(_ configuration: TrainingConfiguration, _ data: DataSplit) -> Network {
        Network(
            inputCount: data.train.dimension, hiddenWidth: configuration.hiddenWidth,
            classCount: data.train.classCount, activation: configuration.activation, seed: configuration.seed)
    }

    private static func batchOrder(_ configuration: TrainingConfiguration) -> SplitMix64 {
        // A stream of its own, so that switching to mini-batches does not change the initialisation.
        SplitMix64(seed: configuration.seed ^ 0xBA7C_4000_0000_0001)
    }
}
