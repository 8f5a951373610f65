import ArgumentParser
import Explorer
import LossMath

/// The batch options `compute`, `frame` and `explore` share: a batch file or a synthetic
/// batch, and BD-LMCL's k and unselected rule.
///
/// One declaration, so the three commands take the same values with the same ranges and
/// print the same help line: the help, the range and the grid come from the settings
/// table's rows (`Settings.samples`, `.classes`, `.seed`, `.spread`, `.topK`), and
/// `validate()` refuses a value off its row's grid, never rounds it. Numbers are read
/// with `.unconditional`, so that `--batch-size -5` is a value out of range (with the
/// range named) rather than an unknown option.
struct BatchOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("A CSV batch file: per row the label, then the C cosines; \(BatchFile.limitsHelp).", valueName: "file"))
    var batch: String?

    @Option(
        name: .customLong(Settings.samples.option!), parsing: .unconditional,
        help: ArgumentHelp(Settings.samples.optionHelp, valueName: "N"), transform: NumberArgument.whole(Settings.samples))
    var batchSize: Int?

    @Option(
        name: .customLong(Settings.classes.option!), parsing: .unconditional,
        help: ArgumentHelp(Settings.classes.optionHelp, valueName: "C"), transform: NumberArgument.whole(Settings.classes))
    var classes: Int?

    @Option(
        name: .customLong(Settings.seed.option!), parsing: .unconditional,
        help: ArgumentHelp(Settings.seed.optionHelp, valueName: "S"), transform: NumberArgument.whole(Settings.seed))
    var seed: Int?

    @Option(
        name: .customLong(Settings.spread.option!), parsing: .unconditional,
        help: ArgumentHelp(Settings.spread.optionHelp, valueName: "X"), transform: NumberArgument.real(Settings.spread))
    var spread: Double?

    @Option(
        name: .customLong(Settings.topK.option!), parsing: .unconditional,
        help: ArgumentHelp(Settings.topK.optionHelp, valueName: "k"), transform: NumberArgument.whole(Settings.topK))
    var topK: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "BD-LMCL: what happens to samples that are not selected: no-margin (they count with m = 0) or excluded. (default: no-margin)",
            valueName: "treatment"),
        transform: UnselectedTreatment.parse)
    var unselected: UnselectedTreatment?

    init() {}

    /// Each number on its row's grid and in its row's range, and a file not combined with a synthetic batch.
    func validate() throws {
        for (value, setting) in [
            (batchSize, Settings.samples), (classes, Settings.classes), (seed, Settings.seed), (topK, Settings.topK),
        ] {
            if let value { _ = try NumberArgument.steps(Double(value), setting, option: "--\(setting.option!)", text: String(value)) }
        }
        if let spread { _ = try NumberArgument.steps(spread, Settings.spread, option: "--spread") }
        if batch != nil, let other = syntheticOptions.first { throw Self.fileRefusal(other) }
        if let topK, let classes, topK > classes { throw Self.topKRefusal(topK, classes: classes) }
    }

    /// The synthetic batch's options that were given, by name.
    var syntheticOptions: [String] {
        [("--batch-size", batchSize != nil), ("--classes", classes != nil), ("--seed", seed != nil), ("--spread", spread != nil)]
            .filter(\.1).map(\.0)
    }

    /// Whether `--top-k` or `--unselected` was given.
    var hasBoundaryOptions: Bool { topK != nil || unselected != nil }

    /// The synthetic batch's size and seed: the options given, else the settings table's defaults.
    var synthetic: (samples: Int, classes: Int, seed: UInt64, spreadSteps: Int) {
        (
            batchSize ?? Settings.samples.defaultSteps, classes ?? Settings.classes.defaultSteps,
            UInt64(seed ?? Settings.seed.defaultSteps),
            spread.flatMap { Settings.spread.grid.exactSteps($0) } ?? Settings.spread.defaultSteps
        )
    }

    /// A batch file together with an option of a synthetic batch (`other`).
    static func fileRefusal(_ other: String) -> ValidationError {
        ValidationError("--batch and \(other) cannot be combined: the file gives N and C; \(other) describes a synthetic batch.")
    }

    /// k above the number of classes: the same sentence whichever command and wherever C came from.
    static func topKRefusal(_ k: Int, classes: Int) -> ValidationError {
        ValidationError("--top-k: k = \(k) is more than the \(classes) classes; expected 2...\(classes).")
    }
}
