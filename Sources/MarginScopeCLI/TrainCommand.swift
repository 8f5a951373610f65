import ArgumentParser
import Explorer
import Foundation
import NcursesBackend
import TerminalUI
import Training

extension TrainingLoss: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}

/// `marginscope train`: trains the small network headless and prints its metrics epoch by epoch.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a small network under softmax, NormFace or CosFace and print loss, accuracy and angles per epoch.",
        discussion: """
            The network: d inputs → one hidden layer (--width, tanh or relu) → a 2-D embedding; one \
            direction W_j per class. softmax compares the raw embedding with the raw W_j (logits W_j·e); \
            normface and cosface put both on the unit circle (logits s·cos θ_j, CosFace subtracts m from \
            the target's cosine). Training is SGD with momentum, full batch unless --batch-size is given.

            Data: without --data, the built-in set (8 overlapping Gaussian clusters in 16 dimensions, \
            100 samples each; the same on every run). --data FILE: CSV, one sample per row, numeric \
            features and one integer class label, an optional header row. A seeded --holdout fraction \
            is kept for testAccuracy; columns are standardised with the training part's mean and \
            deviation unless --no-standardize. --seed fixes the split, the initialisation and the \
            mini-batch order: the same seed prints the same numbers, bit for bit.

            Rows: epoch 0 (the initial network), then every --every epochs and the last one. Columns: \
            epoch, loss (the training objective, margin included), trainAccuracy, testAccuracy \
            (nearest class direction, no margin), meanAngle and p95Angle (θ_y between a training \
            sample's embedding and its class direction), minClassGap (smallest angle between two \
            class directions), medianGap (median of θ_rival − θ_y); angles in degrees. \
            Exit status: 0 on success, 64 for a bad command line, 65 for a bad or unreadable data \
            file, 1 if training diverges (loss not finite), 71 when memory for the data cannot be had, \
            74 when the output cannot be written.
            """
    )

    static let defaultScale = 16.0
    static let defaultMargin = 0.2

    @Option(name: .long, help: "The loss: softmax, normface or cosface.")
    var loss: TrainingLoss = .cosface

    @Option(
        name: .long,
        help: ArgumentHelp("s, for normface and cosface, in (0, 1000]. (default: \(FormatNumber.setting(defaultScale)))", valueName: "s"))
    var scale: Double?

    @Option(name: .long, help: ArgumentHelp("m, for cosface, in [0, 1]. (default: \(FormatNumber.setting(defaultMargin)))", valueName: "m"))
    var margin: Double?

    @Option(name: .long, help: ArgumentHelp("Epochs to train, 1...1000000.", valueName: "n"))
    var epochs = 300

    @Option(name: .long, help: ArgumentHelp("Seed of the split, the initialisation and the mini-batch order, 0...2^64−1.", valueName: "k"))
    var seed: UInt64 = 1

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A CSV file of samples (- for standard input), \(TrainDataFile.limitsHelp); default: the built-in clusters.", valueName: "file")
    )
    var data: String?

    @Option(
        name: .customLong("label-column"),
        help: ArgumentHelp("Which column of --data holds the label: first, last or a 1-based number.", valueName: "column"))
    var labelColumn: TrainDataFile.LabelColumn = .last

    @Option(name: .long, help: ArgumentHelp("Fraction of the samples held out for testAccuracy, in [0, 1).", valueName: "fraction"))
    var holdout = 0.2

    @Flag(name: .customLong("no-standardize"), help: "Use the features as they are, not standardised per column.")
    var noStandardize = false

    @Option(name: .long, help: ArgumentHelp("Width of the hidden layer, 1...4096.", valueName: "h"))
    var width = TrainingConfiguration.defaultHiddenWidth

    @Option(name: .long, help: "The hidden layer's activation: tanh or relu.")
    var activation: Activation = .tanh

    @Option(name: .customLong("learning-rate"), help: ArgumentHelp("SGD step size η, in (0, 100].", valueName: "η"))
    var learningRate = TrainingConfiguration.defaultLearningRate

    @Option(name: .long, help: ArgumentHelp("Momentum μ, in [0, 1).", valueName: "μ"))
    var momentum = TrainingConfiguration.defaultMomentum

    @Option(
        name: .customLong("batch-size"),
        help: ArgumentHelp("Samples per SGD step, ≥ 1; default: every training sample (full batch).", valueName: "n"))
    var batchSize: Int?

    @Option(name: .long, help: "The output: table, json (one object per line) or csv.")
    var format: TrainFormat = .table

    @Option(name: .long, help: ArgumentHelp("Print a row every n epochs (and always the last), n ≥ 1.", valueName: "n"))
    var every = 1

    @Flag(
        name: .long,
        help:
            "Open the explorer's training screen on these options and play: the run without the margin (normface, or softmax with --loss softmax) beside CosFace; s, m and η must lie on the screen's grids."
    )
    var live = false

    @OptionGroup(title: "Display (--live)")
    var display: DisplayOptions

    func validate() throws {
        if let scale {
            guard loss.usesScale else { throw ValidationError("--scale applies to normface and cosface; softmax has no scale.") }
            guard scale > 0 && scale <= 1000 else { throw ValidationError("--scale \(scale) is out of range; expected s in (0, 1000].") }
        }
        if let margin {
            guard loss.usesMargin else { throw ValidationError("--margin applies to cosface; \(loss.rawValue) has no margin.") }
            guard margin >= 0 && margin <= 1 else { throw ValidationError("--margin \(margin) is out of range; expected m in [0, 1].") }
        }
        guard (1...1_000_000).contains(epochs) else { throw ValidationError("--epochs \(epochs) is out of range; expected 1...1000000.") }
        guard holdout >= 0 && holdout < 1 else {
            throw ValidationError("--holdout \(holdout) is out of range; expected a fraction in [0, 1).")
        }
        guard (1...4096).contains(width) else { throw ValidationError("--width \(width) is out of range; expected 1...4096.") }
        guard learningRate > 0 && learningRate <= 100 else {
            throw ValidationError("--learning-rate \(learningRate) is out of range; expected η in (0, 100].")
        }
        guard momentum >= 0 && momentum < 1 else { throw ValidationError("--momentum \(momentum) is out of range; expected μ in [0, 1).") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size \(batchSize) is out of range; expected 1 or more.") }
        guard every >= 1 else { throw ValidationError("--every \(every) is out of range; expected 1 or more.") }
        if data == nil && labelColumn != .last {
            throw ValidationError("--label-column applies to --data; the built-in data has its labels already.")
        }
        if live {
            if data == "-" { throw ValidationError("--live reads its keys from standard input; give --data a file path.") }
            _ = try liveState()
        }
    }

    /// The explorer's starting state for `--live`: the training screen, playing, with s, m and η
    /// on the screen's grids (a value off a grid or out of its range is refused, never rounded).
    func liveState() throws -> ExplorerState {
        var state = ExplorerState()
        state.screen = .train
        state.train.playing = true
        state.train.baseline = loss == .softmax ? .softmax : .normface
        let objective = trainingConfiguration.objective
        let values: [(Setting, Double, String)] = [
            (Settings.trainingScale, objective.scale, "--scale"),
            (Settings.trainingMargin, loss.usesMargin ? objective.margin : Self.defaultMargin, "--margin"),
            (Settings.learningRate, learningRate, "--learning-rate"),
        ]
        for (setting, value, option) in values {
            switch setting.steps(typed: value, text: StateString.trim("\(value)"), as: "\(option) with --live") {
            case .success(let steps): state[setting.id] = steps
            case .failure(let refusal): throw ValidationError(refusal.description)
            }
        }
        return state
    }

    /// `--live`: the explorer on the training screen, trained on this command's data and network.
    private func runLive(_ split: DataSplit) throws {
        let state = try liveState()
        let options = NcursesOptions(
            color: !display.noColor && NcursesOptions.colorAllowed(environment: ProcessInfo.processInfo.environment),
            ascii: display.ascii, mouse: !display.noMouse)
        do {
            let backend = try NcursesBackend.start(options: options)
            defer { backend.stop() }
            let glyphs: GlyphSet = backend.capabilities.unicode ? display.glyphs : .ascii
            let app = ExplorerApp(
                state: state, glyphs: glyphs,
                trainingEngine: TrainingEngine(data: split, base: trainingConfiguration))
            if let note = backend.fallbackNote { app.show(message: note) }
            app.run(on: backend)
            backend.stop()
            if backend.terminalLost { throw ExitCode(Explore.hangUpStatus) }
        } catch let e as TerminalUnavailable {
            FileHandle.standardError.write(Data("\(e.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    func run() throws {
        let dataset: Dataset
        do {
            dataset = try data.map { try TrainDataFile.read(path: $0, labelColumn: labelColumn) } ?? Self.builtInData
        } catch let error as InputError {
            throw CommandFailure("marginscope train: \(error.message)", status: error.kind.rawValue)
        }
        let split = DataSplit(dataset, holdout: holdout, standardize: !noStandardize, seed: seed)
        if live { return try runLive(split) }
        var trainer = Trainer(configuration: trainingConfiguration, data: split)
        // Each row is flushed as it comes: a run takes minutes and is watched.
        let out = TextWriter.standardOutput()
        try out.write(format.preamble(describing: self, split: split))
        var row = trainer.record()
        try out.write(format.row(row))
        try out.flush()
        while trainer.epoch < epochs {
            trainer.step()
            guard trainer.epoch % every == 0 || trainer.epoch == epochs else { continue }
            row = trainer.record()
            try out.write(format.row(row))
            try out.flush()
            if !row.loss.isFinite {
                throw CommandFailure(
                    "marginscope train: training diverged at epoch \(row.epoch) (loss not finite); try a smaller --learning-rate or --scale.",
                    status: 1)
            }
        }
    }

    /// The configuration the options describe, defaults filled in.
    var trainingConfiguration: TrainingConfiguration {
        TrainingConfiguration(
            objective: Objective(loss: loss, scale: scale ?? Self.defaultScale, margin: loss.usesMargin ? margin ?? Self.defaultMargin : 0),
            hiddenWidth: width, activation: activation, learningRate: learningRate, momentum: momentum,
            batchSize: batchSize, seed: seed)
    }

    /// The built-in data: always drawn from the same seed, so that `--seed` changes the run, not the data.
    static var builtInData: Dataset { GaussianClusters().make(seed: 2018) }
}

/// How `train` prints its rows.
enum TrainFormat: String, ExpressibleByArgument {
    case table, json, csv

    static let columns = ["epoch", "loss", "trainAccuracy", "testAccuracy", "meanAngle", "p95Angle", "minClassGap", "medianGap"]

    /// What comes before the first row: a description and the column titles (table), the header (csv).
    func preamble(describing command: Train, split: DataSplit) -> String {
        switch self {
        case .json: return ""
        case .csv: return Self.columns.joined(separator: ",") + "\n"
        case .table:
            let configuration = command.trainingConfiguration
            let objective = configuration.objective
            var loss = objective.loss.rawValue
            if objective.loss.usesScale { loss += " s=\(FormatNumber.setting(objective.scale))" }
            if objective.loss.usesMargin { loss += " m=\(FormatNumber.setting(objective.margin))" }
            let source = command.data.map { $0 == "-" ? "standard input" : "'\($0)'" } ?? "built-in clusters"
            let batch = configuration.batchSize.map { "batches of \($0)" } ?? "full batch"
            let title =
                "# \(loss); \(source): \(split.train.sampleCount) train / \(split.test.sampleCount) test, "
                + "d=\(split.train.dimension), \(split.train.classCount) classes; width \(configuration.hiddenWidth) "
                + "\(configuration.activation.rawValue), η=\(FormatNumber.setting(configuration.learningRate)) "
                + "μ=\(FormatNumber.setting(configuration.momentum)), \(batch), seed \(configuration.seed)\n"
            return title + Self.tableLine(Self.columns)
        }
    }

    func row(_ metrics: EpochMetrics) -> String {
        switch self {
        case .table:
            return Self.tableLine([
                "\(metrics.epoch)", FormatNumber.fixed(metrics.loss, decimals: 5),
                String(format: "%.4f", metrics.trainAccuracy), metrics.testAccuracy.map { String(format: "%.4f", $0) } ?? "-",
                String(format: "%.2f", metrics.meanAngle), String(format: "%.2f", metrics.p95Angle),
                String(format: "%.2f", metrics.minClassGap), String(format: "%.2f", metrics.medianGap),
            ])
        case .csv:
            return Self.values(metrics).map { $0 ?? "" }.joined(separator: ",") + "\n"
        case .json:
            let fields = zip(Self.columns, Self.values(metrics)).map { "\"\($0)\":\($1 ?? "null")" }
            return "{" + fields.joined(separator: ",") + "}\n"
        }
    }

    /// Every column, exactly (the shortest text that reads back as the same Double); nil when absent or not finite.
    private static func values(_ metrics: EpochMetrics) -> [String?] {
        [
            "\(metrics.epoch)", FormatNumber.exact(metrics.loss), FormatNumber.exact(metrics.trainAccuracy),
            metrics.testAccuracy.flatMap(FormatNumber.exact), FormatNumber.exact(metrics.meanAngle),
            FormatNumber.exact(metrics.p95Angle), FormatNumber.exact(metrics.minClassGap), FormatNumber.exact(metrics.medianGap),
        ]
    }

    private static func tableLine(_ cells: [String]) -> String {
        let widths = [5, 10, 13, 12, 9, 8, 11, 9]
        return zip(cells, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: " ") + "\n"
    }
}
