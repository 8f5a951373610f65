import ArgumentParser
import Explorer
import Foundation
import LossMath

/// `marginscope compute`: evaluates one sample or a batch and prints the numbers.
public struct Compute: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Evaluate a loss on one sample or a batch and print a table, JSON or CSV.",
        discussion: """
            One sample: --logits (softmax) or --cosines / --angles (normface, cosface, arcface, \
            sphereface, combined, bdlmcl), with --target. The table shows per class the input, the \
            logit, the probability and the gradient (∂L/∂logit for softmax, ∂L/∂cos θ otherwise, \
            and ∂L/∂θ per radian beside it), then the loss. In JSON, "inputs" are the logits or the \
            cosines actually used (for --angles the cosines of the angles, which are also listed \
            under "angles"); "angleGradient" is ∂L/∂θ_j; where ∂L/∂cos θ_y is unbounded (ArcFace or \
            the combined margin at cos θ_y = 1) the gradient entry is null and "note" says why.

            A batch: --batch FILE (CSV, - for standard input; one row per sample: the 0-based \
            label, then the C cosines; a first row whose first field is not a number is a header), \
            or a synthetic batch with --batch-size/--classes/--seed/--spread/--dimension (class \
            directions uniform on the sphere, each sample its class direction plus Gaussian noise, \
            normalised; the defaults give, at s = 30, m = 0.35, k = 2, samples in all three BD-LMCL \
            regions). cosface on a batch is LMCL (every sample gets the margin), normface is m = 0. \
            The table shows the counts per region, the loss and the first 20 samples (--all: every one).

            BD-LMCL ranks the target among the margin-adjusted scores: rank = 1 + the number of         rivals with cos θ_j > cos θ_y − m. A tie counts for the target, also a tie as typed:         0.15 − 0.1 against 0.05 is a tie, although binary rounds 0.15 − 0.1 below 0.05 (rivals         within 4 ulps of 1, about 9e-16, count as ties).

            Limits: s in (0, 1000], m in [0, 2], 2...10000 classes on the command line, cosines in \
            [-1, 1], angles in [0, 180], logits |x| ≤ 1e6; synthetic batches 1...4096 samples; \
            batch files \(BatchFile.limitsHelp) (read as a stream: memory holds the batch, not the file). \
            Exit status: 64 for a bad command line, 65 for bad data in a batch file or an unreadable file, \
            71 when memory for the batch or its gradient cannot be had, 74 when the output cannot be written.
            """
    )

    @OptionGroup(title: "Sample")
    public var sample: SampleOptions

    @Option(
        name: .customLong("top-k"), parsing: .unconditional,
        help: ArgumentHelp(
            "BD-LMCL: a sample with 1 < rank ≤ k is a boundary sample, in 2...C. (default: 2)", valueName: "k"))
    var topK: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "BD-LMCL: what happens to samples that are not selected: no-margin (they count with m = 0) or excluded. (default: no-margin)",
            valueName: "treatment"))
    var unselected: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "A CSV batch file (- for standard input): per row the label, then the C cosines; \(BatchFile.limitsHelp).",
            valueName: "file"))
    var batch: String?

    @Option(
        name: .customLong("batch-size"), parsing: .unconditional,
        help: ArgumentHelp(
            "Synthetic batch: the number of samples, 1...4096. (default: 256)", valueName: "n"))
    var batchSize: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Synthetic batch: the number of classes, 2...10000. (default: 1000)", valueName: "c"))
    var classes: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Synthetic batch: the random seed, 0...2^64−1. (default: 1)", valueName: "seed"))
    var seed: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(Settings.spread.optionHelp, valueName: "x"))
    var spread: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Synthetic batch: the feature dimension, 2...1024. (default: \(SyntheticBatch.defaultDimension))",
            valueName: "d"))
    var dimension: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The output: table, json or csv. (default: table)", valueName: "format"))
    var format: String?

    @Flag(name: .long, help: "Batch, json or csv: add the B×C gradient ∂L/∂cos θ of the batch loss.")
    var gradients = false

    @Flag(name: .long, help: "Batch table: show every sample, not only the first 20.")
    var all = false

    public init() {}

    public func run() throws {
        let printing: Printing
        do {
            printing = try render()
        } catch let error as ValidationError {
            throw CommandFailure("marginscope compute: \(error.message)", status: InputError.Kind.usage.rawValue)
        } catch let error as InputError {
            throw CommandFailure("marginscope compute: \(error.message)", status: error.kind.rawValue)
        }
        let output = TextWriter.standardOutput()
        try printing(output)
        try output.flush()
    }

    /// Writes the output, row by row: a batch with its gradient is too large to build whole.
    typealias Printing = (TextWriter) throws(WriteFailure) -> Void

    private enum OutputFormat: String { case table, json, csv }

    /// Validates everything, evaluates, and returns how to print the output.
    func render() throws -> Printing {
        let format = try outputFormat()
        let synthetic = [
            ("--batch-size", batchSize), ("--classes", classes), ("--seed", seed),
            ("--spread", spread), ("--dimension", dimension),
        ].filter { $0.1 != nil }
        let isBatch = batch != nil || !synthetic.isEmpty

        if isBatch {
            let batchOption = batch != nil ? "--batch" : synthetic[0].0
            if batch != nil, let other = synthetic.first {
                throw ValidationError("--batch and \(other.0) cannot be combined; \(other.0) describes a synthetic batch.")
            }
            for (option, value) in [("--logits", sample.logits), ("--cosines", sample.cosines), ("--angles", sample.angles)]
            where value != nil {
                throw ValidationError("\(option) and \(batchOption) cannot be combined; give one sample or one batch.")
            }
            if sample.target != nil {
                throw ValidationError("--target applies to one sample; in a batch each row's label is its target.")
            }
            if all && format != .table {
                throw ValidationError("--all applies to --format table; json and csv always list every sample.")
            }
            if gradients && format == .table {
                throw ValidationError("--gradients applies to --format json or csv; the table shows each sample's gradient norm.")
            }
            return try renderBatch(format: format)
        }

        if gradients {
            throw ValidationError("--gradients applies to a batch (--batch or --batch-size); one sample always shows its gradient.")
        }
        if all { throw ValidationError("--all applies to a batch table; one sample always shows every class.") }
        let resolved = try sample.resolved(defaults: defaults())
        let (topK, unselected) = try boundarySettings(loss: resolved.loss, classes: resolved.inputs.count)
        let report = SampleReport(resolved, topK: topK, unselected: unselected)
        let text: String
        switch format {
        case .table: text = FormatSample.table(report)
        case .json: text = FormatSample.json(report)
        case .csv: text = FormatSample.csv(report)
        }
        return { output throws(WriteFailure) in try output.write(text) }
    }

    private func outputFormat() throws -> OutputFormat {
        guard let text = format else { return .table }
        guard let format = OutputFormat(rawValue: text.trimmingSpaces.lowercased()) else {
            throw ValidationError("--format: unknown format '\(text)'; expected table, json or csv.")
        }
        return format
    }

    /// Compute's defaults; `--top-k` or `--unselected` without `--loss` means bdlmcl.
    private func defaults() -> SampleDefaults {
        var defaults = SampleDefaults.compute
        if topK != nil || unselected != nil { defaults.loss = .bdlmcl }
        return defaults
    }

    /// k and the unselected treatment, refused for losses other than bdlmcl.
    private func boundarySettings(loss: LossKind, classes: Int) throws -> (Int, UnselectedTreatment) {
        guard loss == .bdlmcl else {
            if topK != nil { throw ValidationError("--top-k applies to --loss bdlmcl, not to \(loss.rawValue).") }
            if unselected != nil { throw ValidationError("--unselected applies to --loss bdlmcl, not to \(loss.rawValue).") }
            return (2, .noMargin)
        }
        let k =
            try topK.map {
                try InputParsing.integer(
                    $0, option: "--top-k", range: 2...classes,
                    accepted: "an integer k in 2...\(classes) (the number of classes)")
            } ?? 2
        var treatment = UnselectedTreatment.noMargin
        if let text = unselected {
            guard let value = UnselectedTreatment(rawValue: text.trimmingSpaces.lowercased()) else {
                throw ValidationError("--unselected: unknown treatment '\(text)'; expected no-margin or excluded.")
            }
            treatment = value
        }
        return (k, treatment)
    }

    private func renderBatch(format: OutputFormat) throws -> Printing {
        let defaults = defaults()
        let loss = try sample.resolvedLoss(defaults: defaults)
        guard loss.usesCosines else {
            throw ValidationError("--loss softmax takes one sample (--logits); a batch holds cosines: use normface, cosface or bdlmcl.")
        }
        try sample.checkFamilyOptions(loss: loss)
        // Checked before any file is read (a usage error never waits on stdin); adacos needs C, taken again below.
        _ = try sample.resolvedSettings(loss: loss, defaults: defaults, classes: AdaCosScale.minimumClasses)

        let cosineBatch: CosineBatch
        let source: String
        if let path = batch {
            // Settings are validated before the file is read, so a usage error never waits on stdin.
            if loss == .bdlmcl { _ = try boundarySettings(loss: loss, classes: SampleOptions.maximumClasses) }
            cosineBatch = try BatchFile.read(path: path)
            source = path == "-" ? "from standard input" : "from \(path)"
        } else {
            let n =
                try batchSize.map {
                    try InputParsing.integer($0, option: "--batch-size", range: 1...4096, accepted: "a number of samples in 1...4096")
                } ?? 256
            let c =
                try classes.map {
                    try InputParsing.integer(
                        $0, option: "--classes", range: 2...SampleOptions.maximumClasses,
                        accepted: "a number of classes in 2...\(SampleOptions.maximumClasses)")
                } ?? 1000
            let seedValue =
                try seed.map { text -> UInt64 in
                    guard let value = UInt64(text.trimmingSpaces) else {
                        throw ValidationError("--seed: '\(text)' is not a seed; expected an integer in 0...18446744073709551615.")
                    }
                    return value
                } ?? 1
            // The explorer's grid for the spread (settings table), so compute and the batch screen take the same values.
            let x =
                try spread.map { text -> Double in
                    let grid = Settings.spread.grid
                    let value = try InputParsing.number(
                        text, option: "--spread", range: grid.minimum...grid.maximum,
                        accepted: "a noise standard deviation from \(Settings.spread.rangeText)")
                    return grid.value(try ExplorerOptions.steps(value, Settings.spread, option: "--spread"))
                } ?? SyntheticBatch.defaultSpread
            let d =
                try dimension.map {
                    try InputParsing.integer($0, option: "--dimension", range: 2...1024, accepted: "a dimension in 2...1024")
                } ?? SyntheticBatch.defaultDimension
            try MemoryShortage.check(
                bytes: 8 * (n * c + 2 * (n + c) * d), for: "a synthetic batch of \(n)×\(c) cosines in \(d) dimensions",
                advice: "use a smaller --batch-size, --classes or --dimension")
            cosineBatch = SyntheticBatch.make(samples: n, classes: c, dimension: d, spread: x, seed: seedValue)
            source = "synthetic (seed \(seedValue), spread \(x), dimension \(d))"
        }

        let (topK, unselected) = try boundarySettings(loss: loss, classes: cosineBatch.classCount)
        let settings = try sample.resolvedSettings(loss: loss, defaults: defaults, classes: cosineBatch.classCount)
        let transform = try sample.resolvedTransform(loss: loss, margin: settings.margin)
        try BatchReport.checkMemory(for: cosineBatch, gradients: gradients)
        let report = BatchReport(
            loss: loss, scale: settings.scale, margin: settings.margin, transform: transform, topK: topK, unselected: unselected,
            batch: cosineBatch, source: source, gradients: gradients)
        let all = all
        switch format {
        case .table: return { output throws(WriteFailure) in try FormatBatch.table(report, all: all, to: output) }
        case .json: return { output throws(WriteFailure) in try FormatBatch.json(report, to: output) }
        case .csv: return { output throws(WriteFailure) in try FormatBatch.csv(report, to: output) }
        }
    }
}
