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
            normalised). The batch options are the explorer's (its settings table: the same ranges, \
            grids and defaults), so a synthetic batch here is the batch screen's: by default \
            \(Settings.samples.defaultSteps)×\(Settings.classes.defaultSteps), seed \(Settings.seed.defaultSteps), \
            spread \(Settings.spread.grid.format(Settings.spread.defaultSteps)), which at s = 30, m = 0.35, k = 2 has \
            samples in all three BD-LMCL regions. cosface on a batch is LMCL (every sample gets the margin), \
            normface is m = 0. The table shows the counts per region, the loss and the first 20 samples (--all: every one).

            BD-LMCL ranks the target among the margin-adjusted scores: rank = 1 + the number of rivals with cos θ_j > cos θ_y − m. A tie counts for the target, also a tie as typed: 0.15 − 0.1 against 0.05 is a tie, although binary rounds 0.15 − 0.1 below 0.05 (rivals within 4 ulps of 1, about 9e-16, count as ties).

            Limits: s in (0, 1000], m in [0, 2], 2...10000 classes on the command line, cosines in \
            [-1, 1], angles in [0, 180], logits |x| ≤ 1e6; synthetic batches 1...4096 samples \
            of 2...10000 classes; \
            batch files \(BatchFile.limitsHelp) (read as a stream: memory holds the batch, not the file). \
            Exit status: 64 for a bad command line, 65 for bad data in a batch file or an unreadable file, \
            71 when memory for the batch or its gradient cannot be had, 74 when the output cannot be written.
            """
    )

    @OptionGroup(title: "Sample")
    public var sample: SampleOptions

    @OptionGroup(title: "Batch")
    var batchOptions: BatchOptions

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Synthetic batch: the feature dimension, \(Self.dimensions.lowerBound)...\(Self.dimensions.upperBound). (default: \(SyntheticBatch.defaultDimension))",
            valueName: "d"),
        transform: NumberArgument.whole(accepted: "a dimension in \(Self.dimensions.lowerBound)...\(Self.dimensions.upperBound)"))
    var dimension: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("The output: table, json or csv. (default: table)", valueName: "format"),
        transform: OutputFormat.parse)
    var format: OutputFormat?

    @Flag(name: .long, help: "Batch, json or csv: add the B×C gradient ∂L/∂cos θ of the batch loss.")
    var gradients = false

    @Flag(name: .long, help: "Batch table: show every sample, not only the first 20.")
    var all = false

    public init() {}

    /// The feature dimensions a synthetic batch may have (compute only: the explorer has no dimension setting).
    static let dimensions = 2...1024

    /// Every check that needs no batch file (a usage error never waits on standard input).
    public func validate() throws {
        if let dimension, !Self.dimensions.contains(dimension) {
            throw ValidationError(
                "--dimension: \(dimension) is out of range; expected a dimension in \(Self.dimensions.lowerBound)...\(Self.dimensions.upperBound)."
            )
        }
        // No sample and no batch: left to run(), so that a mistyped option (--cosine) is reported
        // as unknown (ArgumentParser looks for unknown options only after validate() passes).
        if batchOptions.batch == nil && batchOptions.syntheticOptions.isEmpty && dimension == nil && !sample.hasInputs { return }
        _ = try plan()
    }

    public func run() throws {
        let printing = try render()
        let output = TextWriter.standardOutput()
        try printing(output)
        try output.flush()
    }

    /// Writes the output, row by row: a batch with its gradient is too large to build whole.
    typealias Printing = (TextWriter) throws(WriteFailure) -> Void

    /// What the command line asks for, checked as far as it can be without reading a batch file.
    enum Plan {
        case sample(SampleReport)
        case batch(LossKind)
    }

    /// Validates every option that can be checked before a batch file is read.
    func plan() throws -> Plan {
        let format = format ?? .table
        let synthetic = batchOptions.syntheticOptions + (dimension != nil ? ["--dimension"] : [])
        let file = batchOptions.batch
        guard file == nil && synthetic.isEmpty else {
            let batchOption = file != nil ? "--batch" : synthetic[0]
            if file != nil, let other = synthetic.first { throw BatchOptions.fileRefusal(other) }
            for (option, given) in [
                ("--logits", sample.logits != nil), ("--cosines", sample.cosines != nil), ("--angles", sample.angles != nil),
            ]
            where given {
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
            let defaults = defaults()
            let loss = sample.resolvedLoss(defaults: defaults)
            guard loss.usesCosines else {
                throw ValidationError("--loss softmax takes one sample (--logits); a batch holds cosines: use normface, cosface or bdlmcl.")
            }
            try sample.checkFamilyOptions(loss: loss)
            // adacos needs C, taken again once the batch is known.
            _ = try sample.resolvedSettings(loss: loss, defaults: defaults, classes: AdaCosScale.minimumClasses)
            _ = try boundarySettings(loss: loss, classes: file != nil ? Settings.topK.grid.maximumSteps : batchOptions.synthetic.classes)
            return .batch(loss)
        }
        if gradients {
            throw ValidationError("--gradients applies to a batch (--batch or --batch-size); one sample always shows its gradient.")
        }
        if all { throw ValidationError("--all applies to a batch table; one sample always shows every class.") }
        let resolved = try sample.resolved(defaults: defaults())
        let (topK, unselected) = try boundarySettings(loss: resolved.loss, classes: resolved.inputs.count)
        return .sample(SampleReport(resolved, topK: topK, unselected: unselected))
    }

    /// Validates everything, evaluates, and returns how to print the output.
    func render() throws -> Printing {
        switch try plan() {
        case .sample(let report):
            let text: String
            switch format ?? .table {
            case .table: text = FormatSample.table(report)
            case .json: text = FormatSample.json(report)
            case .csv: text = FormatSample.csv(report)
            }
            return { output throws(WriteFailure) in try output.write(text) }
        case .batch(let loss):
            return try renderBatch(loss: loss, format: format ?? .table)
        }
    }

    /// Compute's defaults; `--top-k` or `--unselected` without `--loss` means bdlmcl.
    private func defaults() -> SampleDefaults {
        var defaults = SampleDefaults.compute
        if batchOptions.hasBoundaryOptions { defaults.loss = .bdlmcl }
        return defaults
    }

    /// k and the unselected treatment, refused for losses other than bdlmcl.
    private func boundarySettings(loss: LossKind, classes: Int) throws -> (Int, UnselectedTreatment) {
        guard loss == .bdlmcl else {
            if batchOptions.topK != nil { throw ValidationError("--top-k applies to --loss bdlmcl, not to \(loss.rawValue).") }
            if batchOptions.unselected != nil {
                throw ValidationError("--unselected applies to --loss bdlmcl, not to \(loss.rawValue).")
            }
            return (Settings.topK.defaultSteps, .noMargin)
        }
        let k = batchOptions.topK ?? Settings.topK.defaultSteps
        guard k <= classes else { throw BatchOptions.topKRefusal(k, classes: classes) }
        return (k, batchOptions.unselected ?? .noMargin)
    }

    private func renderBatch(loss: LossKind, format: OutputFormat) throws -> Printing {
        let defaults = defaults()
        let cosineBatch: CosineBatch
        let source: String
        if let path = batchOptions.batch {
            cosineBatch = try BatchFile.read(path: path)
            source = path == "-" ? "from standard input" : "from \(path)"
        } else {
            let (n, c, seed, spreadSteps) = batchOptions.synthetic
            let x = Settings.spread.grid.value(spreadSteps)
            let d = dimension ?? SyntheticBatch.defaultDimension
            try MemoryShortage.check(
                bytes: 8 * (n * c + 2 * (n + c) * d), for: "a synthetic batch of \(n)×\(c) cosines in \(d) dimensions",
                advice: "use a smaller --batch-size, --classes or --dimension")
            cosineBatch = SyntheticBatch.make(samples: n, classes: c, dimension: d, spread: x, seed: seed)
            source = "synthetic (seed \(seed), spread \(x), dimension \(d))"
        }

        let (topK, unselected) = try boundarySettings(loss: loss, classes: cosineBatch.classCount)
        let settings = try sample.resolvedSettings(loss: loss, defaults: defaults, classes: cosineBatch.classCount)
        let transform = sample.resolvedTransform(loss: loss, margin: settings.margin)
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
