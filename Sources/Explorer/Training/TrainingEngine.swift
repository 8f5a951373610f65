import Training

/// Owns the training screen's two runs and steps them to the epoch the state asks for.
///
/// Not part of the state: like `BatchEngine`, a cache of values derived from it. The
/// left run trains under the state's baseline loss (NormFace by default), the right one
/// under CosFace with the state's m; both share the data, the network's shape, the seed,
/// s and η, so that at the same epoch the class gaps can be compared.
/// `snapshot(for:)` applies the state's s, m, η and losses to the next epochs; when the
/// state asks for an earlier epoch than the runs have reached (`r`, or a state string),
/// both start again from the seed. It also times its epochs, so that the run loop can ask
/// how many fit in a frame (`affordableEpochs(within:)`).
public final class TrainingEngine {
    /// The samples both runs learn from.
    public let data: DataSplit
    /// Width, activation, momentum, batch size and seed; the objective and η come from the state.
    public let base: TrainingConfiguration
    private var baseline: Trainer
    private var margin: Trainer
    private var histories: ([EpochMetrics], [EpochMetrics]) = ([], [])
    /// Seconds one epoch of both runs takes, smoothed; nil until an epoch has been timed.
    private var epochSeconds: Double?
    private var cachedKey: Key?
    private var cachedSnapshot: TrainingSnapshot?

    private struct Key: Hashable {
        var epoch: Int
        var baseline: Objective
        var margin: Objective
        var learningRate: Double
    }

    /// The most metric rows each pane keeps for its plots; beyond it every other row is dropped.
    static let historyLimit = 600

    /// - Precondition: the data has at least one training sample and two classes.
    public init(data: DataSplit, base: TrainingConfiguration) {
        self.data = data
        self.base = base
        baseline = Trainer(configuration: base, data: data)
        margin = Trainer(configuration: base, data: data)
    }

    /// The built-in clusters (as `marginscope train` draws them), 20 % held out, the training defaults.
    public convenience init() {
        self.init(
            data: DataSplit(Self.builtInData, holdout: 0.2, standardize: true, seed: 1),
            base: TrainingConfiguration(objective: Objective(loss: .normface, scale: 16, margin: 0)))
    }

    /// The built-in data: always drawn from the same seed, so that the seed changes the run, not the data.
    public static var builtInData: Dataset { GaussianClusters().make(seed: 2018) }

    /// The objectives of the two panes for `state`: the baseline without a margin, CosFace with m.
    public static func objectives(for state: ExplorerState) -> (baseline: Objective, margin: Objective) {
        let s = Settings.trainingScale.grid.value(state[.trainingScale])
        let m = Settings.trainingMargin.grid.value(state[.trainingMargin])
        return (
            Objective(loss: state.train.baseline, scale: s, margin: 0),
            Objective(loss: TrainSettings.marginLoss, scale: s, margin: m)
        )
    }

    /// Both runs at `state.train.epoch`, trained there if they are not yet.
    public func snapshot(for state: ExplorerState) -> TrainingSnapshot {
        let objectives = Self.objectives(for: state)
        let rate = Settings.learningRate.grid.value(state[.learningRate])
        let key = Key(epoch: state.train.epoch, baseline: objectives.baseline, margin: objectives.margin, learningRate: rate)
        if let cachedSnapshot, key == cachedKey { return cachedSnapshot }
        baseline.configuration.objective = objectives.baseline
        margin.configuration.objective = objectives.margin
        baseline.configuration.learningRate = rate
        margin.configuration.learningRate = rate
        let target = state.train.epoch
        if baseline.epoch > target || histories.0.isEmpty {
            baseline.reset()
            margin.reset()
            histories = ([baseline.metrics()], [margin.metrics()])
        }
        let start = baseline.epoch
        // A long catch-up (a state string, `frame --epochs`) keeps about 200 rows, evenly spaced.
        let every = max(1, (target - start) / 200)
        let clock = ContinuousClock()
        while baseline.epoch < target {
            let began = clock.now
            baseline.step()
            margin.step()
            time(clock.now - began)
            if baseline.epoch % every == 0 || baseline.epoch == target { record() }
        }
        let snapshot = TrainingSnapshot(
            panes: [
                TrainingPaneSnapshot(trainer: baseline, history: histories.0),
                TrainingPaneSnapshot(trainer: margin, history: histories.1),
            ],
            trainCount: data.train.sampleCount, testCount: data.test.sampleCount)
        cachedKey = key
        cachedSnapshot = snapshot
        return snapshot
    }

    /// How many epochs of both runs fit in `budget`, from the epochs timed so far (at least 1).
    public func affordableEpochs(within budget: Duration) -> Int {
        guard let epochSeconds, epochSeconds > 0 else { return 1 }
        let seconds = Double(budget.components.seconds) + Double(budget.components.attoseconds) * 1e-18
        return max(1, Int(seconds / epochSeconds))
    }

    /// Seconds one epoch of both runs took lately, nil before the first.
    public var secondsPerEpoch: Double? { epochSeconds }

    private func time(_ elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        // Smoothed, so that one slow epoch (the scheduler, a page fault) does not halve the next frame's work.
        epochSeconds = epochSeconds.map { 0.8 * $0 + 0.2 * seconds } ?? seconds
    }

    private func record() {
        histories.0.append(baseline.metrics())
        histories.1.append(margin.metrics())
        if histories.0.count > Self.historyLimit {
            histories = (Self.thinned(histories.0), Self.thinned(histories.1))
        }
    }

    /// Every other row, keeping the first and the last.
    static func thinned(_ rows: [EpochMetrics]) -> [EpochMetrics] {
        var kept = stride(from: 0, to: rows.count, by: 2).map { rows[$0] }
        if rows.count % 2 == 0, let last = rows.last { kept.append(last) }
        return kept
    }
}
