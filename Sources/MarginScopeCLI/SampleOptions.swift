import ArgumentParser
import Explorer
import LossMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The losses the command line knows: softmax on logits, every margin of the family on
/// cosines (`MarginType`: NormFace, CosFace, ArcFace, SphereFace, the combined margin, and
/// any type added there), and BD-LMCL.
///
/// A margin type is a loss here by itself: its name (`--loss`), its parameters (the settings
/// rows it reads) and its transform all come from `MarginType`.
public enum LossKind: Hashable, Sendable, CaseIterable, RawRepresentable {
    /// Softmax cross-entropy on raw logits.
    case softmax
    /// A normalised softmax whose target logit is `s·f(cos θ_y)` with the type's `f`.
    case margin(MarginType)
    /// Boundary-discriminative LMCL: the margin only for boundary samples (Docs/Math.md §6).
    case bdlmcl

    public static let normface = margin(.normFace)
    public static let cosface = margin(.cosFace)
    public static let arcface = margin(.arcFace)
    public static let sphereface = margin(.sphereFace)
    public static let combined = margin(.combined)

    /// Softmax, every margin type in its order, BD-LMCL.
    public static var allCases: [LossKind] { [.softmax] + MarginType.allCases.map { .margin($0) } + [.bdlmcl] }

    public init?(rawValue: String) {
        guard let loss = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = loss
    }

    /// The `--loss` name: "softmax", the margin type's name, "bdlmcl".
    public var rawValue: String {
        switch self {
        case .softmax: "softmax"
        case .margin(let type): type.rawValue
        case .bdlmcl: "bdlmcl"
        }
    }

    /// The name shown in tables and help.
    public var displayName: String {
        switch self {
        case .softmax: "Softmax cross-entropy"
        case .margin(.cosFace): "CosFace (LMCL)"
        case .margin(.combined): "combined margin"
        case .margin(let type): type.title
        case .bdlmcl: "BD-LMCL"
        }
    }

    /// Whether the inputs are cosines (every loss but softmax).
    public var usesCosines: Bool { self != .softmax }

    /// The accepted names, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// `--margin-type`: the margin BD-LMCL applies to its selected samples, any margin type but NormFace.
enum BoundaryMargin {
    static let types = MarginType.allCases.filter { $0 != .normFace }

    /// "cosface, arcface, sphereface or combined".
    static var choices: String {
        let names = types.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The transform of `--margin-type`.
    @Sendable static func parse(_ text: String) throws -> MarginType {
        guard let type = MarginType(rawValue: text.trimmingSpaces.lowercased()), types.contains(type) else {
            throw ArgumentRefusal("unknown margin type; expected \(choices).")
        }
        return type
    }
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
    /// The transform of the target cosine: what `margin`, `--fallback`, `--lambda`, `--m1 --m2 --m3`
    /// and `--margin-type` chose (identity for softmax and normface).
    public var transform: TargetTransform

    public init(
        loss: LossKind, scale: Double, margin: Double, target: Int, inputs: [Double], angles: [Double]? = nil,
        transform: TargetTransform? = nil
    ) {
        self.loss = loss
        self.scale = scale
        self.margin = margin
        self.target = target
        self.inputs = inputs
        self.angles = angles
        self.transform = transform ?? (loss == .cosface || loss == .bdlmcl ? .additiveCosine(margin: margin) : .identity)
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
    public static let compute = SampleDefaults(
        loss: .cosface, scale: Settings.scale.defaultValue, margin: Settings.margin.defaultValue, target: 0, inputs: nil)
}

/// The options that describe one sample: the loss, its settings and the inputs.
///
/// Every option is optional (nil = not given) so that a command can keep its
/// own defaults; `resolved(defaults:)` validates everything and applies them.
/// Limits: s in (0, 1000]; m in [0, 2] (the CosFace bound C/(C−1) never
/// exceeds 2); 2…10000 classes; logits finite with |x| ≤ 10⁶; cosines in
/// [−1, 1]; angles in [0, 180] degrees.
public struct SampleOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The loss: \(LossKind.choices). (default: softmax with --logits, else cosface)",
            valueName: "loss"),
        transform: LossKind.parse)
    public var loss: LossKind?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The scale s of the cosine losses, in (0, 1000], or adacos for AdaCos's fixed scale √2·ln(C − 1) (C ≥ 3); \(Settings.scale.explorerGridHelp), adacos rounded to it. (default: 30)",
            valueName: "s"),
        transform: ScaleValue.parse)
    var scale: ScaleValue?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The margin m of cosface, arcface (radians) and bdlmcl, in [0, 2]; sphereface's integer m in 1...10 (default 4); \(Settings.margin.explorerGridHelp). (default: 0.35)",
            valueName: "m"),
        transform: NumberArgument.real(accepted: "a margin m in [0, 2], or sphereface's integer m in 1...10"))
    public var margin: Double?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "ArcFace's fallback where θ_y + m > π: none, sinmm, continuous, easy or clip. (default: sinmm)", valueName: "fallback"),
        transform: ArcFaceFallback.parse)
    public var fallback: ArcFaceFallback?

    @Option(
        name: .customLong("lambda"), parsing: .unconditional,
        help: ArgumentHelp(
            "SphereFace's annealing weight λ ≥ 0 in (λ cos θ + ψ(θ))/(1 + λ), at most 1000. (default: \(Settings.lambda.defaultText))",
            valueName: "λ"),
        transform: NumberArgument.real(accepted: Self.lambdaAccepted))
    public var lambda: Double?

    @Option(
        name: .customLong("m1"), parsing: .unconditional,
        help: ArgumentHelp(
            "The combined margin's angle factor m₁ in cos(m₁θ + m₂) − m₃, in (0, 3]. (default: \(Settings.angleFactor.defaultText))",
            valueName: "m1"),
        transform: NumberArgument.real(accepted: Self.angleFactorAccepted))
    public var angleFactor: Double?

    @Option(
        name: .customLong("m2"), parsing: .unconditional,
        help: ArgumentHelp(
            "The combined margin's additive angle m₂ in radians, in [0, 1.5]. (default: \(Settings.angleMargin.defaultText))",
            valueName: "m2"),
        transform: NumberArgument.real(accepted: Self.angleMarginAccepted))
    public var angleMargin: Double?

    @Option(
        name: .customLong("m3"), parsing: .unconditional,
        help: ArgumentHelp(
            "The combined margin's cosine margin m₃, in [0, 1]. (default: \(Settings.cosineMargin.defaultText))", valueName: "m3"),
        transform: NumberArgument.real(accepted: Self.cosineMarginAccepted))
    public var cosineMargin: Double?

    @Option(
        name: .customLong("margin-type"), parsing: .unconditional,
        help: ArgumentHelp(
            "BD-LMCL: the margin its selected samples get: \(BoundaryMargin.choices). (default: cosface)",
            valueName: "type"),
        transform: BoundaryMargin.parse)
    public var marginType: MarginType?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The target class y, 0-based. (default: 0)", valueName: "y"),
        transform: NumberArgument.whole(accepted: "a class index, 0-based"))
    public var target: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Comma-separated logits for softmax, e.g. 2,1,0.5 (finite, |x| ≤ 1e6); \(Settings.logit.explorerGridHelp).",
            valueName: "x1,x2,..."),
        transform: NumberList.parser(range: -1e6...1e6, accepted: "finite logits with |x| ≤ 1e6", example: "--logits 2,1,0.5"))
    var logits: NumberList?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Comma-separated cosines in [-1, 1], one per class, e.g. 0.8,0.3,-0.1; \(Settings.cosine.explorerGridHelp).",
            valueName: "c1,c2,..."),
        transform: NumberList.parser(range: -1...1, accepted: "cosines in [-1, 1]", example: "--cosines 0.8,0.3,-0.1"))
    var cosines: NumberList?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Comma-separated angles θ_j in degrees, [0, 180]; the cosines used are cos θ_j; \(Settings.angle.explorerGridHelp).",
            valueName: "a1,a2,..."),
        transform: NumberList.parser(range: 0...180, accepted: "angles in degrees in [0, 180]", example: "--angles 30,60,90"))
    var angles: NumberList?

    static let lambdaAccepted = "a weight λ in [0, 1000]"
    static let angleFactorAccepted = "an angle factor m₁ in (0, 3]"
    static let angleMarginAccepted = "an angle m₂ in [0, 1.5] radians"
    static let cosineMarginAccepted = "a cosine margin m₃ in [0, 1]"

    /// The ranges that do not depend on the loss or the number of classes (those are checked in `resolved`),
    /// and inputs given two ways.
    public func validate() throws {
        let given = [("--logits", logits), ("--cosines", cosines), ("--angles", angles)].filter { $0.1 != nil }
        if given.count > 1 {
            throw ValidationError("\(given[0].0) and \(given[1].0) cannot be combined; give the sample one way.")
        }
        if case .number(let s) = scale, !(s > 0 && s <= 1000) {
            throw ValidationError("--scale: \(NumberArgument.shown(s)) is out of range; expected a scale s in (0, 1000] or adacos.")
        }
        try Self.check(lambda, "--lambda", 0...1000, Self.lambdaAccepted)
        try Self.check(angleFactor, "--m1", 0...3, Self.angleFactorAccepted)
        if let angleFactor, angleFactor == 0 {
            throw ValidationError("--m1: 0 is out of range; expected \(Self.angleFactorAccepted).")
        }
        try Self.check(angleMargin, "--m2", 0...1.5, Self.angleMarginAccepted)
        try Self.check(cosineMargin, "--m3", 0...1, Self.cosineMarginAccepted)
    }

    private static func check(_ value: Double?, _ option: String, _ range: ClosedRange<Double>, _ accepted: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option): \(NumberArgument.shown(value)) is out of range; expected \(accepted).")
    }

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
        try validate()
        let loss = resolvedLoss(defaults: defaults)
        try checkFamilyOptions(loss: loss)

        var inputs: [Double]
        var angleValues: [Double]? = nil
        if let logits {
            guard loss == .softmax else {
                throw ValidationError("--logits: --loss \(loss.rawValue) takes --cosines or --angles; --logits is for --loss softmax.")
            }
            inputs = logits.values
        } else if let cosines {
            guard loss.usesCosines else {
                throw ValidationError("--cosines: --loss softmax takes --logits; cosines are for normface, cosface and bdlmcl.")
            }
            inputs = cosines.values
        } else if let angles {
            guard loss.usesCosines else {
                throw ValidationError("--angles: --loss softmax takes --logits; angles are for normface, cosface and bdlmcl.")
            }
            angleValues = angles.values
            inputs = angles.values.map { Angle.cosine(degrees: $0) }
        } else if let fallback = defaults.inputs {
            inputs = fallback
        } else {
            throw ValidationError(
                "No sample given; give --logits (softmax) or --cosines or --angles, e.g. --cosines 0.8,0.3,-0.1.")
        }

        let target: Int
        if let given = self.target {
            guard (0...(inputs.count - 1)).contains(given) else {
                throw ValidationError(
                    "--target: \(given) is out of range; expected a class index in 0...\(inputs.count - 1) (\(inputs.count) classes given)."
                )
            }
            target = given
        } else {
            guard defaults.target < inputs.count else {
                throw ValidationError(
                    "--target: the default target \(defaults.target) is out of range for \(inputs.count) classes; give --target in 0...\(inputs.count - 1)."
                )
            }
            target = defaults.target
        }
        let settings = try resolvedSettings(loss: loss, defaults: defaults, classes: inputs.count)
        return ResolvedSample(
            loss: loss, scale: settings.scale, margin: settings.margin, target: target,
            inputs: inputs, angles: angleValues, transform: resolvedTransform(loss: loss, margin: settings.margin))
    }

    /// The margin the target gets: the loss's own, or for bdlmcl the one `--margin-type` names
    /// (nil for softmax and NormFace, which have none).
    public func resolvedMarginType(loss: LossKind) -> MarginType? {
        switch loss {
        case .softmax, .margin(.normFace): return nil
        case .margin(let type): return type
        case .bdlmcl: return marginType ?? .cosFace
        }
    }

    /// The family's options that set one settings row each, with the value given (nil: not given).
    /// `--margin` is not among them: it is m for CosFace and ArcFace, SphereFace's integer m.
    private var familyValues: [(option: String, row: Setting, value: Double?)] {
        [
            ("--lambda", Settings.lambda, lambda), ("--m1", Settings.angleFactor, angleFactor),
            ("--m2", Settings.angleMargin, angleMargin), ("--m3", Settings.cosineMargin, cosineMargin),
        ]
    }

    /// Whether `type` reads `--margin` (m, or SphereFace's integer m).
    private static func readsMargin(_ type: MarginType) -> Bool {
        type.parameters.contains { $0.id == .margin || $0.id == .sphereMargin }
    }

    /// Refuses the margin family's options where the chosen loss does not read them (exit 64).
    func checkFamilyOptions(loss: LossKind) throws {
        if marginType != nil && loss != .bdlmcl {
            throw ValidationError(
                "--margin-type applies to --loss bdlmcl (the margin its selected samples get); --loss \(loss.rawValue) is its own margin.")
        }
        let type = resolvedMarginType(loss: loss)
        var needs: [(option: String, given: Bool, readers: [MarginType])] = [
            ("--fallback", fallback != nil, [.arcFace])
        ]
        for (option, row, value) in familyValues {
            needs.append((option, value != nil, MarginType.allCases.filter { $0.parameters.contains { $0.id == row.id } }))
        }
        for need in needs where need.given && !(type.map(need.readers.contains) ?? false) {
            let names = need.readers.map(\.rawValue)
            let name = names.joined(separator: " or ")
            let bdlmcl = names.map { "--loss bdlmcl --margin-type \($0)" }.joined(separator: " or ")
            throw ValidationError(
                "\(need.option) applies to --loss \(name) (or \(bdlmcl)), not to --loss \(loss.rawValue)\(loss == .bdlmcl ? " with --margin-type \(type?.rawValue ?? "cosface")" : "")."
            )
        }
        if let type, margin != nil, !Self.readsMargin(type) {
            let options = familyValues.filter { value in type.parameters.contains { $0.id == value.row.id } }.map(\.option)
            throw ValidationError(
                "--margin does not apply to the \(LossKind.margin(type).displayName); give \(options.dropLast().joined(separator: ", ")) and \(options.last ?? "")."
            )
        }
    }

    /// The transform of the target cosine for `loss`, with `margin` already validated: the margin
    /// type's parameters from their options, the settings rows' defaults for those not given.
    func resolvedTransform(loss: LossKind, margin: Double) -> TargetTransform {
        guard let type = resolvedMarginType(loss: loss) else { return .identity }
        let given = familyValues
        return type.transform(fallback: fallback ?? .sinmm) { row in
            if row.id == .margin || row.id == .sphereMargin { return margin }
            return given.first { $0.row.id == row.id }?.value ?? row.defaultValue
        }
    }

    /// The loss: `--loss` if given, else inferred from the inputs and `defaults`.
    func resolvedLoss(defaults: SampleDefaults) -> LossKind {
        if let loss { return loss }
        if logits != nil { return .softmax }
        if (cosines != nil || angles != nil) && defaults.loss == .softmax { return .cosface }
        return defaults.loss
    }

    /// The scale and margin for `loss`, refusing settings the loss does not use.
    ///
    /// `--scale adacos` is √2·ln(C − 1) for the `classes` given (refused below 3 classes);
    /// SphereFace's margin is a whole number in 1...10 (default 4).
    func resolvedSettings(loss: LossKind, defaults: SampleDefaults, classes: Int) throws -> (scale: Double, margin: Double) {
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
        let s: Double
        switch scale {
        case .adacos:
            guard let value = AdaCosScale.fixedScale(classes: classes) else {
                throw ValidationError(
                    "--scale adacos: AdaCos's √2·ln(C − 1) needs at least \(AdaCosScale.minimumClasses) classes (it is 0 for C = 2); got \(classes). Give a number instead."
                )
            }
            s = value
        case .number(let value): s = value
        case nil: s = defaults.scale
        }
        if resolvedMarginType(loss: loss) == .sphereFace {
            guard let m = margin else { return (s, Settings.sphereMargin.defaultValue) }
            guard m == m.rounded() && (1...10).contains(m) else {
                throw ValidationError(
                    "--margin: \(NumberArgument.shown(m)) is \(m == m.rounded() ? "out of range" : "not an integer"); expected SphereFace's integer margin m in 1...10."
                )
            }
            return (s, m)
        }
        if let m = margin, !(0...2).contains(m) {
            throw ValidationError("--margin: \(NumberArgument.shown(m)) is out of range; expected a margin m in [0, 2].")
        }
        return (s, loss == .normface ? 0 : margin ?? defaults.margin)
    }
}
