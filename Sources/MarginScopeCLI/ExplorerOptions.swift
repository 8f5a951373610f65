import ArgumentParser
import Explorer
import Foundation
import LossMath

/// The options that set the explorer's starting state (also used by `frame`).
///
/// Applied in order: the teaching example, then `--state`, then `--screen`,
/// then the sample options (as `compute` takes them), then the batch options.
struct ExplorerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A state string from the explorer's S key; reproduces that screen.", valueName: "string"))
    var state: String?

    @Option(name: .long, help: ArgumentHelp("The screen to open: softmax, cosine, geometry or batch.", valueName: "screen"))
    var screen: String?

    @OptionGroup(title: "Sample (as in compute)")
    var sample: SampleOptions

    @Option(name: .long, help: ArgumentHelp("Batch screen: a CSV batch file (label,cos_1,...,cos_C per row), - for stdin.", valueName: "file"))
    var batch: String?

    @Option(name: .customLong("batch-size"), help: ArgumentHelp("Batch screen: samples N of the synthetic batch, 1…4096.", valueName: "N"))
    var batchSize: String?

    @Option(name: .long, help: ArgumentHelp("Batch screen: classes C of the synthetic batch, 2…10000.", valueName: "C"))
    var classes: String?

    @Option(name: .long, help: ArgumentHelp("Batch screen: seed of the synthetic batch.", valueName: "S"))
    var seed: String?

    @Option(name: .long, help: ArgumentHelp("Batch screen: noise spread of the synthetic batch, 0.01…1.", valueName: "X"))
    var spread: String?

    @Option(name: .customLong("top-k"), help: ArgumentHelp("Batch screen: k of the top-k zero-one loss, 2…C.", valueName: "k"))
    var topK: String?

    @Option(name: .long, help: ArgumentHelp("Batch screen: unselected samples get no-margin or are excluded.", valueName: "rule"))
    var unselected: String?

    /// The starting state and the batch loaded from `--batch`, if any.
    func resolve() throws -> (ExplorerState, CosineBatch?) {
        var s = ExplorerState()
        if let text = state {
            do { s = try StateString.decode(text) } catch let e as StateString.ParseError {
                throw ValidationError("--state: \(e.description)")
            }
        }
        if let name = screen {
            guard let sc = Screen(key: name.lowercased()) else {
                throw ValidationError("--screen: unknown screen '\(name)'; expected softmax, cosine, geometry or batch.")
            }
            s.screen = sc
        }
        try applySample(to: &s)
        let loaded = try applyBatch(to: &s)
        return (s, loaded)
    }

    private func applySample(to s: inout ExplorerState) throws {
        let defaults = SampleDefaults(loss: sample.logits != nil ? .softmax : .cosface, scale: s.scale, margin: s.margin,
                                      target: s.target, inputs: nil)
        let anySample = sample.hasInputs || sample.loss != nil || sample.scale != nil || sample.margin != nil || sample.target != nil
        guard anySample else { return }
        var given = defaults
        given.inputs = sample.logits == nil && sample.cosines == nil && sample.angles == nil
            ? (sample.loss == "softmax" ? s.logits : s.cosines) : nil
        let r = try sample.resolved(defaults: given)
        let range = ExplorerState.minimumClasses...ExplorerState.maximumClasses
        guard range.contains(r.inputs.count) else {
            throw ValidationError("the explorer shows \(range.lowerBound) to \(range.upperBound) classes; got \(r.inputs.count) (use compute for more).")
        }
        func resize(_ list: [Int], fill: Int) -> [Int] {
            list.count >= r.inputs.count ? Array(list.prefix(r.inputs.count)) : list + Array(repeating: fill, count: r.inputs.count - list.count)
        }
        switch r.loss {
        case .softmax:
            s.logitSteps = r.inputs.map { ValueGrid.logit.steps(nearest: $0)! }
            s.inputSteps = resize(s.inputSteps, fill: s.inputMode == .cosine ? 0 : 900)
            if screen == nil && state == nil { s.screen = .softmax }
        case .normface, .cosface, .bdlmcl:
            if let angles = r.angles {
                s.inputMode = .angle
                s.inputSteps = angles.map { ValueGrid.angle.steps(nearest: $0)! }
            } else if sample.cosines != nil {
                s.inputMode = .cosine
                s.inputSteps = r.inputs.map { ValueGrid.cosine.steps(nearest: $0)! }
            } else {
                s.inputSteps = resize(s.inputSteps, fill: s.inputMode == .cosine ? 0 : 900)
            }
            s.logitSteps = resize(s.logitSteps, fill: 0)
            s.scaleSteps = ValueGrid.scale.steps(nearest: r.scale)!
            s.marginSteps = ValueGrid.margin.steps(nearest: r.margin)!
            if screen == nil && state == nil { s.screen = r.loss == .bdlmcl && !sample.hasInputs ? .batch : .cosine }
        }
        while s.weightDirectionSteps.count < r.inputs.count {
            s.weightDirectionSteps.append(ExplorerState.directionInLargestGap(s.weightDirectionSteps))
        }
        s.weightDirectionSteps = Array(s.weightDirectionSteps.prefix(r.inputs.count))
        s.target = r.target
    }

    private func applyBatch(to s: inout ExplorerState) throws -> CosineBatch? {
        var loaded: CosineBatch?
        if let path = batch ?? s.batch.file {
            if batchSize != nil || classes != nil || seed != nil || spread != nil {
                throw ValidationError("--batch reads N and C from the file; drop --batch-size, --classes, --seed and --spread.")
            }
            let b = try BatchFile.read(path: path)
            loaded = b
            s.batch.file = path == "-" ? "standard input" : path
            s.batch.samples = b.sampleCount
            s.batch.classes = b.classCount
            s.batch.selectedSample = min(s.batch.selectedSample, b.sampleCount - 1)
            if screen == nil && (state == nil || batch != nil) { s.screen = .batch }
        }
        if let t = batchSize {
            s.batch.samples = try InputParsing.integer(t, option: "--batch-size", range: BatchSettings.sampleRange, accepted: "an integer N in 1...4096")
        }
        if let t = classes {
            s.batch.classes = try InputParsing.integer(t, option: "--classes", range: BatchSettings.classRange, accepted: "an integer C in 2...10000")
        }
        if let t = seed {
            guard let v = UInt64(t.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--seed: '\(t)' is not a whole number ≥ 0.")
            }
            s.batch.seed = v
        }
        if let t = spread {
            let v = try InputParsing.number(t, option: "--spread", range: 0.01...1, accepted: "a number in 0.01...1")
            s.batch.spreadSteps = ValueGrid.spread.steps(nearest: v)!
        }
        if let t = topK {
            s.batch.topK = try InputParsing.integer(t, option: "--top-k", range: 2...s.batch.classes, accepted: "an integer k in 2...\(s.batch.classes) (the number of classes)")
        }
        if let t = unselected {
            guard let v = UnselectedTreatment(rawValue: t.lowercased()) else {
                throw ValidationError("--unselected: unknown treatment '\(t)'; expected no-margin or excluded.")
            }
            s.batch.unselected = v
        }
        guard s.batch.topK <= s.batch.classes else {
            throw ValidationError("top-k = \(s.batch.topK) is more than the \(s.batch.classes) classes; expected 2...\(s.batch.classes).")
        }
        if (batchSize != nil || classes != nil || topK != nil || unselected != nil) && screen == nil && state == nil && !sample.hasInputs {
            s.screen = .batch
        }
        return loaded
    }
}
