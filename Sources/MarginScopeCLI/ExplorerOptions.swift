import ArgumentParser
import Explorer
import Foundation
import LossMath

extension Screen: ExpressibleByArgument {
    public init?(argument: String) { self.init(key: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.key) }
}

/// The options that set the explorer's starting state (also used by `frame`).
///
/// Applied in order: the teaching example, then `--state`, then `--screen`,
/// then the sample options (as `compute` takes them), then the batch options
/// (the same group as `compute`'s).
struct ExplorerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A state string from the explorer's S key; reproduces that screen.", valueName: "string"))
    var state: String?

    @Option(
        name: .long, help: ArgumentHelp("The screen to open: \(Screen.allCases.map(\.key).joined(separator: ", ")).", valueName: "screen"))
    var screen: Screen?

    @OptionGroup(title: "Sample")
    var sample: SampleOptions

    @OptionGroup(title: "Batch")
    var batchOptions: BatchOptions

    /// Everything but the batch file's contents is checked here (the sample's and the batch's
    /// values on the explorer's grids, refused rather than rounded), so that a usage error
    /// gets the usage line of the command that was run.
    func validate() throws {
        _ = try resolve(readingFile: false)
    }

    /// The batch file given with `--batch`, if any.
    var batch: String? { batchOptions.batch }

    /// Steps of `value` on `setting`'s grid, or a usage error naming the option and the grid.
    static func steps(_ value: Double, _ setting: Setting, option: String) throws -> Int {
        try NumberArgument.steps(value, setting, option: option)
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
            ? (sample.loss == .softmax ? s.logits : s.cosines) : nil
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
        case .margin, .bdlmcl:
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
            if sample.scale == .adacos {
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
        let (type, values) = MarginType.of(r.transform)
        s.marginType = type
        if case .additiveAngular(_, let fallback) = r.transform { s.fallback = fallback }
        if type == .normFace { s.marginSteps = 0 }
        for (row, value) in zip(type.parameters, values) {
            // SphereFace's integer m comes with --margin, like m.
            s[row.id] = try Self.steps(value, row, option: "--\(row.option ?? "margin")")
        }
    }

    private func applyBatch(to s: inout ExplorerState, readingFile: Bool) throws -> CosineBatch? {
        let options = batchOptions
        var loaded: CosineBatch?
        if let path = batch ?? s.batch.file {
            if let other = options.syntheticOptions.first {
                // With --batch itself, BatchOptions.validate() has refused it already; here the file is the state string's.
                throw ValidationError(
                    "--state names a batch file, which gives N and C; \(other) describes a synthetic batch: drop one of them.")
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
        // Ranges and grids were checked in BatchOptions.validate(); k against the C of a file or a state string is checked below.
        if let n = options.batchSize { s.batch.samples = n }
        if let c = options.classes { s.batch.classes = c }
        if let seed = options.seed { s.batch.seed = UInt64(seed) }
        if let spread = options.spread { s.batch.spreadSteps = try Self.steps(spread, Settings.spread, option: "--spread") }
        if let k = options.topK { s.batch.topK = k }
        if let rule = options.unselected { s.batch.unselected = rule }
        guard s.batch.topK <= s.batch.classes else { throw BatchOptions.topKRefusal(s.batch.topK, classes: s.batch.classes) }
        if (options.batchSize != nil || options.classes != nil || options.hasBoundaryOptions) && screen == nil && state == nil
            && !sample.hasInputs
        {
            s.screen = .batch
        }
        return loaded
    }
}
