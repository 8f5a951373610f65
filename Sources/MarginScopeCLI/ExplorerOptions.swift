import ArgumentParser
import Explorer
import Foundation
import LossMath

extension Screen: ExpressibleByArgument {
    public init?(argument: String) { self.init(key: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.key) }
}

extension UnselectedTreatment: ExpressibleByArgument {}

/// The options that set the explorer's starting state (also used by `frame`).
///
/// Applied in order: the teaching example, then `--state`, then `--screen`,
/// then the sample options (as `compute` takes them), then the batch options.
struct ExplorerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A state string from the explorer's S key; reproduces that screen.", valueName: "string"))
    var state: String?

    @Option(
        name: .long, help: ArgumentHelp("The screen to open: \(Screen.allCases.map(\.key).joined(separator: ", ")).", valueName: "screen"))
    var screen: Screen?

    @OptionGroup(title: "Sample (as in compute)")
    var sample: SampleOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Batch screen: a CSV batch file (label,cos_1,...,cos_C per row), \(BatchFile.limitsHelp).",
            valueName: "file"))
    var batch: String?

    @Option(name: .customLong(Settings.samples.option!), help: ArgumentHelp(Settings.samples.optionHelp, valueName: "N"))
    var batchSize: Int?

    @Option(name: .customLong(Settings.classes.option!), help: ArgumentHelp(Settings.classes.optionHelp, valueName: "C"))
    var classes: Int?

    @Option(name: .customLong(Settings.seed.option!), help: ArgumentHelp(Settings.seed.optionHelp, valueName: "S"))
    var seed: UInt64?

    @Option(name: .customLong(Settings.spread.option!), help: ArgumentHelp(Settings.spread.optionHelp, valueName: "X"))
    var spread: Double?

    @Option(name: .customLong(Settings.topK.option!), help: ArgumentHelp(Settings.topK.optionHelp, valueName: "k"))
    var topK: Int?

    @Option(name: .long, help: ArgumentHelp("Batch screen: unselected samples get no-margin or are excluded.", valueName: "rule"))
    var unselected: UnselectedTreatment?

    /// Checks every typed value against its row of the settings table: the explorer
    /// holds values on exact grids, so a value off the grid is refused, never rounded.
    /// Everything but the batch file's contents is checked here, so that a usage error
    /// gets the usage line of the command that was run.
    func validate() throws {
        try check(batchSize.map(Double.init), Settings.samples)
        try check(classes.map(Double.init), Settings.classes)
        try check(spread, Settings.spread)
        try check(topK.map(Double.init), Settings.topK)
        _ = try resolve(readingFile: false)
    }

    /// Refuses `value` unless it lies on `setting`'s grid and in its range.
    private func check(_ value: Double?, _ setting: Setting) throws {
        guard let value else { return }
        if case .failure(let refusal) = setting.steps(
            typed: value, text: StateString.trim("\(value)"), as: "--\(setting.option ?? setting.name)")
        {
            throw ValidationError(refusal.description)
        }
    }

    /// Steps of `value` on `setting`'s grid, or a usage error naming the option and the grid.
    static func steps(_ value: Double, _ setting: Setting, option: String) throws -> Int {
        switch setting.steps(typed: value, text: StateString.trim("\(value)"), as: option) {
        case .success(let steps): return steps
        case .failure(let refusal):
            throw ValidationError(refusal.description)
        }
    }

    /// The starting state and the batch loaded from `--batch`, if any (not read when `readingFile` is false).
    func resolve(readingFile: Bool = true) throws -> (ExplorerState, CosineBatch?) {
        var s = ExplorerState()
        if let text = state {
            do { s = try StateString.decode(text) } catch let e as StateString.ParseError {
                throw ValidationError("--state: \(e.description)")
            }
        }
        if let screen { s.screen = screen }
        try applySample(to: &s)
        let loaded = try applyBatch(to: &s, readingFile: readingFile)
        return (s, loaded)
    }

    private func applySample(to s: inout ExplorerState) throws {
        let defaults = SampleDefaults(
            loss: sample.logits != nil ? .softmax : .cosface, scale: s.scale, margin: s.margin,
            target: s.target, inputs: nil)
        let anySample =
            sample.hasInputs || sample.loss != nil || sample.scale != nil || sample.margin != nil || sample.target != nil
            || sample.fallback != nil || sample.lambda != nil || sample.angleFactor != nil || sample.angleMargin != nil
            || sample.cosineMargin != nil || sample.marginType != nil
        guard anySample else { return }
        var given = defaults
        given.inputs =
            sample.logits == nil && sample.cosines == nil && sample.angles == nil
            ? (sample.loss == "softmax" ? s.logits : s.cosines) : nil
        let r = try sample.resolved(defaults: given)
        let range = ExplorerState.minimumClasses...ExplorerState.maximumClasses
        guard range.contains(r.inputs.count) else {
            throw ValidationError(
                "the explorer shows \(range.lowerBound) to \(range.upperBound) classes; got \(r.inputs.count) (use compute for more).")
        }
        func resize(_ list: [Int], fill: Int) -> [Int] {
            list.count >= r.inputs.count
                ? Array(list.prefix(r.inputs.count)) : list + Array(repeating: fill, count: r.inputs.count - list.count)
        }
        switch r.loss {
        case .softmax:
            s.logitSteps = try r.inputs.map { try Self.steps($0, Settings.logit, option: "--logits") }
            s.inputSteps = resize(s.inputSteps, fill: s.inputMode == .cosine ? 0 : 900)
            if screen == nil && state == nil { s.screen = .softmax }
        case .normface, .cosface, .bdlmcl, .arcface, .sphereface, .combined:
            if let angles = r.angles {
                s.inputMode = .angle
                s.inputSteps = try angles.map { try Self.steps($0, Settings.angle, option: "--angles") }
            } else if sample.cosines != nil {
                s.inputMode = .cosine
                s.inputSteps = try r.inputs.map { try Self.steps($0, Settings.cosine, option: "--cosines") }
            } else {
                s.inputSteps = resize(s.inputSteps, fill: s.inputMode == .cosine ? 0 : 900)
            }
            s.logitSteps = resize(s.logitSteps, fill: 0)
            if sample.scale?.trimmingSpaces.lowercased() == "adacos" {
                // AdaCos's scale is rarely on the s grid: rounded, and the status line says so.
                let steps = Settings.scale.grid.steps(nearest: r.scale) ?? s.scaleSteps
                s.scaleSteps = steps
                s.message =
                    "--scale adacos: √2·ln(\(r.inputs.count - 1)) = \(String(format: "%.4f", r.scale)), rounded to s = \(StateString.trim(Settings.scale.grid.format(steps)))."
            } else {
                s.scaleSteps = try Self.steps(r.scale, Settings.scale, option: "--scale")
            }
            try applyMargin(r, to: &s)
            if screen == nil && state == nil { s.screen = r.loss == .bdlmcl && !sample.hasInputs ? .batch : .cosine }
        }
        while s.weightDirectionSteps.count < r.inputs.count {
            s.weightDirectionSteps.append(ExplorerState.directionInLargestGap(s.weightDirectionSteps))
        }
        s.weightDirectionSteps = Array(s.weightDirectionSteps.prefix(r.inputs.count))
        s.target = r.target
    }

    /// The loss's margin as the explorer's margin type and settings rows (each on its grid, else refused).
    private func applyMargin(_ r: ResolvedSample, to s: inout ExplorerState) throws {
        switch r.transform {
        case .identity:
            if r.loss == .normface { s.marginType = .normFace; s.marginSteps = 0 }
        case .additiveCosine(let m):
            s.marginType = .cosFace
            s.marginSteps = try Self.steps(m, Settings.margin, option: "--margin")
        case .additiveAngular(let m, let fallback):
            s.marginType = .arcFace
            s.fallback = fallback
            s.marginSteps = try Self.steps(m, Settings.margin, option: "--margin")
        case .multiplicativeAngular(let m, let lambda):
            s.marginType = .sphereFace
            s[.sphereMargin] = try Self.steps(Double(m), Settings.sphereMargin, option: "--margin")
            s[.lambda] = try Self.steps(lambda, Settings.lambda, option: "--lambda")
        case .combined(let m1, let m2, let m3):
            s.marginType = .combined
            s[.angleFactor] = try Self.steps(m1, Settings.angleFactor, option: "--m1")
            s[.angleMargin] = try Self.steps(m2, Settings.angleMargin, option: "--m2")
            s[.cosineMargin] = try Self.steps(m3, Settings.cosineMargin, option: "--m3")
        }
    }

    private func applyBatch(to s: inout ExplorerState, readingFile: Bool) throws -> CosineBatch? {
        var loaded: CosineBatch?
        if let path = batch ?? s.batch.file {
            if batchSize != nil || classes != nil || seed != nil || spread != nil {
                throw ValidationError("--batch reads N and C from the file; drop --batch-size, --classes, --seed and --spread.")
            }
            if screen == nil && (state == nil || batch != nil) { s.screen = .batch }
            guard readingFile else { return nil }
            let b = try BatchFile.read(path: path)
            loaded = b
            s.batch.file = path == "-" ? "standard input" : path
            s.batch.samples = b.sampleCount
            s.batch.classes = b.classCount
            s.batch.selectedSample = min(s.batch.selectedSample, b.sampleCount - 1)
        }
        // Ranges and grids were checked in validate(); k against the C of a file or a state string is checked below.
        if let batchSize { s.batch.samples = batchSize }
        if let classes { s.batch.classes = classes }
        if let seed { s.batch.seed = seed }
        if let spread { s.batch.spreadSteps = try Self.steps(spread, Settings.spread, option: "--spread") }
        if let topK { s.batch.topK = topK }
        if let unselected { s.batch.unselected = unselected }
        guard s.batch.topK <= s.batch.classes else {
            throw ValidationError(
                "--top-k: k = \(s.batch.topK) is more than the \(s.batch.classes) classes; expected 2...\(s.batch.classes).")
        }
        if (batchSize != nil || classes != nil || topK != nil || unselected != nil) && screen == nil && state == nil && !sample.hasInputs {
            s.screen = .batch
        }
        return loaded
    }
}
