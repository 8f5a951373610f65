import ArgumentParser
import Explorer
import LossMath

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The losses the command line knows.
public enum LossKind: String, CaseIterable, Sendable {
    /// Softmax cross-entropy on raw logits.
    case softmax
    /// Normalised softmax: logits s·cos θ_j (LMCL with m = 0).
    case normface
    /// LMCL / CosFace: the target logit is s·(cos θ_y − m).
    case cosface
    /// Boundary-discriminative LMCL: the margin only for boundary samples (DESIGN §1.3).
    case bdlmcl

    /// The name shown in tables and help.
    public var displayName: String {
        switch self {
        case .softmax: "Softmax cross-entropy"
        case .normface: "NormFace"
        case .cosface: "CosFace (LMCL)"
        case .bdlmcl: "BD-LMCL"
        }
    }

    /// Whether the inputs are cosines (every loss but softmax).
    public var usesCosines: Bool { self != .softmax }
}

/// One fully validated sample: the loss, its settings and the inputs.
public struct ResolvedSample: Equatable, Sendable {
    /// The loss.
    public var loss: LossKind
    /// The scale s, in (0, 1000]; unused by softmax.
    public var scale: Double
    /// The margin m, in [0, 2]; 0 for NormFace, unused by softmax.
    public var margin: Double
    /// The target class y, in `0..<inputs.count`.
    public var target: Int
    /// The logits (softmax) or the cosines (every other loss), at least 2 of them.
    public var inputs: [Double]
    /// The angles in degrees when the cosines were given as `--angles` (then `inputs[j] = cos(angles[j])`).
    public var angles: [Double]?

    public init(loss: LossKind, scale: Double, margin: Double, target: Int, inputs: [Double], angles: [Double]? = nil) {
        self.loss = loss
        self.scale = scale
        self.margin = margin
        self.target = target
        self.inputs = inputs
        self.angles = angles
    }
}

/// The values `SampleOptions.resolved(defaults:)` uses for options that were not given.
public struct SampleDefaults: Sendable {
    /// The loss when `--loss` is absent and the inputs do not decide it.
    public var loss: LossKind
    public var scale: Double
    public var margin: Double
    public var target: Int
    /// The inputs when none of `--logits`, `--cosines`, `--angles` is given; nil makes them required.
    public var inputs: [Double]?

    public init(loss: LossKind, scale: Double, margin: Double, target: Int, inputs: [Double]?) {
        self.loss = loss
        self.scale = scale
        self.margin = margin
        self.target = target
        self.inputs = inputs
    }

    /// The defaults of `marginscope compute`: CosFace, s = 30, m = 0.35, target 0, inputs required.
    public static let compute = SampleDefaults(loss: .cosface, scale: 30, margin: 0.35, target: 0, inputs: nil)
}

/// The options that describe one sample: the loss, its settings and the inputs.
///
/// Every option is optional (nil = not given) so that a command can keep its
/// own defaults; `resolved(defaults:)` validates everything and applies them.
/// Limits: s in (0, 1000]; m in [0, 2] (the CosFace bound C/(C−1) never
/// exceeds 2); 2…10000 classes; logits finite with |x| ≤ 10⁶; cosines in
/// [−1, 1]; angles in [0, 180] degrees.
public struct SampleOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "The loss: softmax, normface, cosface or bdlmcl. (default: softmax with --logits, else cosface)",
        valueName: "loss"))
    public var loss: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "The scale s of the cosine losses, in (0, 1000]; \(Settings.scale.explorerGridHelp). (default: 30)", valueName: "s"))
    public var scale: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "The margin m of cosface and bdlmcl, in [0, 2]; \(Settings.margin.explorerGridHelp). (default: 0.35)", valueName: "m"))
    public var margin: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "The target class y, 0-based. (default: 0)", valueName: "y"))
    public var target: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Comma-separated logits for softmax, e.g. 2,1,0.5 (finite, |x| ≤ 1e6); \(Settings.logit.explorerGridHelp).", valueName: "x1,x2,..."))
    public var logits: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Comma-separated cosines in [-1, 1], one per class, e.g. 0.8,0.3,-0.1; \(Settings.cosine.explorerGridHelp).", valueName: "c1,c2,..."))
    public var cosines: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Comma-separated angles θ_j in degrees, [0, 180]; the cosines used are cos θ_j; \(Settings.angle.explorerGridHelp).", valueName: "a1,a2,..."))
    public var angles: String?

    public init() {}

    /// The largest number of classes accepted on the command line.
    public static let maximumClasses = 10_000

    /// Whether one of `--logits`, `--cosines`, `--angles` was given.
    public var hasInputs: Bool { logits != nil || cosines != nil || angles != nil }

    /// Validates every option and fills the absent ones from `defaults`.
    ///
    /// The loss, when not given, is softmax for `--logits`, and otherwise
    /// `defaults.loss` (or cosface when that is softmax and cosines are given).
    /// - Throws: `ValidationError` with one sentence naming the option and what
    ///   would be accepted.
    public func resolved(defaults: SampleDefaults = .compute) throws -> ResolvedSample {
        let given = [("--logits", logits), ("--cosines", cosines), ("--angles", angles)].filter { $0.1 != nil }
        if given.count > 1 {
            throw ValidationError("\(given[0].0) and \(given[1].0) cannot be combined; give the sample one way.")
        }
        let loss = try resolvedLoss(defaults: defaults)
        let settings = try resolvedSettings(loss: loss, defaults: defaults)

        var inputs: [Double]
        var angleValues: [Double]? = nil
        if let logits {
            guard loss == .softmax else {
                throw ValidationError("--logits: --loss \(loss.rawValue) takes --cosines or --angles; --logits is for --loss softmax.")
            }
            inputs = try InputParsing.list(
                logits, option: "--logits", range: -1e6...1e6,
                accepted: "finite logits with |x| ≤ 1e6", maximumCount: Self.maximumClasses)
        } else if let cosines {
            guard loss.usesCosines else {
                throw ValidationError("--cosines: --loss softmax takes --logits; cosines are for normface, cosface and bdlmcl.")
            }
            inputs = try InputParsing.list(
                cosines, option: "--cosines", range: -1...1,
                accepted: "cosines in [-1, 1]", maximumCount: Self.maximumClasses)
        } else if let angles {
            guard loss.usesCosines else {
                throw ValidationError("--angles: --loss softmax takes --logits; angles are for normface, cosface and bdlmcl.")
            }
            let degrees = try InputParsing.list(
                angles, option: "--angles", range: 0...180,
                accepted: "angles in degrees in [0, 180]", maximumCount: Self.maximumClasses)
            angleValues = degrees
            inputs = degrees.map { Angle.cosine(degrees: $0) }
        } else if let fallback = defaults.inputs {
            inputs = fallback
        } else {
            throw ValidationError(
                "No sample given; give --logits (softmax) or --cosines or --angles, e.g. --cosines 0.8,0.3,-0.1.")
        }

        let target: Int
        if let text = self.target {
            target = try InputParsing.integer(
                text, option: "--target", range: 0...(inputs.count - 1),
                accepted: "a class index in 0...\(inputs.count - 1) (\(inputs.count) classes given)")
        } else {
            guard defaults.target < inputs.count else {
                throw ValidationError("--target: the default target \(defaults.target) is out of range for \(inputs.count) classes; give --target in 0...\(inputs.count - 1).")
            }
            target = defaults.target
        }
        return ResolvedSample(
            loss: loss, scale: settings.scale, margin: settings.margin, target: target,
            inputs: inputs, angles: angleValues)
    }

    /// The loss: `--loss` if given, else inferred from the inputs and `defaults`.
    func resolvedLoss(defaults: SampleDefaults) throws -> LossKind {
        if let text = loss {
            guard let kind = LossKind(rawValue: text.trimmingSpaces.lowercased()) else {
                throw ValidationError("--loss: unknown loss '\(text)'; expected one of softmax, normface, cosface, bdlmcl.")
            }
            return kind
        }
        if logits != nil { return .softmax }
        if (cosines != nil || angles != nil) && defaults.loss == .softmax { return .cosface }
        return defaults.loss
    }

    /// The scale and margin for `loss`, refusing settings the loss does not use.
    func resolvedSettings(loss: LossKind, defaults: SampleDefaults) throws -> (scale: Double, margin: Double) {
        if loss == .softmax {
            if scale != nil {
                throw ValidationError("--scale applies to the cosine losses (normface, cosface, bdlmcl), not to --loss softmax.")
            }
            if margin != nil {
                throw ValidationError("--margin applies to cosface and bdlmcl, not to --loss softmax.")
            }
        }
        if loss == .normface, margin != nil {
            throw ValidationError("--margin does not apply to --loss normface (NormFace is CosFace with m = 0); use --loss cosface.")
        }
        let s = try scale.map {
            try InputParsing.positive($0, option: "--scale", upper: 1000, accepted: "a scale s in (0, 1000]")
        } ?? defaults.scale
        let m = try margin.map {
            try InputParsing.number($0, option: "--margin", range: 0...2, accepted: "a margin m in [0, 2]")
        } ?? defaults.margin
        return (s, loss == .normface ? 0 : m)
    }
}
