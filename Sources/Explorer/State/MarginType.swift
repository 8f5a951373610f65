import LossMath

/// Which loss of the margin family the cosine, geometry, batch screens use for the target.
///
/// Each is one `TargetTransform` of the target cosine (Docs/Math.md, "The margin
/// family"): NormFace `f(c) = c`, CosFace/LMCL (also AM-Softmax) `c − m`, ArcFace
/// `cos(θ + m)` with a fallback, SphereFace's `(λc + ψ(θ))/(1 + λ)` with integer m,
/// the combined margin `cos(m₁θ + m₂) − m₃`. The parameters live in the settings
/// table (`Settings`); this only names the choice.
public enum MarginType: String, CaseIterable, Hashable, Sendable {
    case normFace = "normface"
    case cosFace = "cosface"
    case arcFace = "arcface"
    case sphereFace = "sphereface"
    case combined

    /// The name on screen.
    public var title: String {
        switch self {
        case .normFace: return "NormFace"
        case .cosFace: return "CosFace"
        case .arcFace: return "ArcFace"
        case .sphereFace: return "SphereFace"
        case .combined: return "combined"
        }
    }

    /// The target logit as a formula in the paper's symbols (before substitution).
    public var formula: String {
        switch self {
        case .normFace: return "s·cos θ"
        case .cosFace: return "s·(cos θ − m)"
        case .arcFace: return "s·cos(θ + m)"
        case .sphereFace: return "s·(λcos θ + ψ(θ))/(1 + λ)"
        case .combined: return "s·(cos(m₁θ + m₂) − m₃)"
        }
    }

    /// The settings-table rows this loss reads besides s, in the order the screens list them.
    public var parameters: [Setting] {
        switch self {
        case .normFace: return []
        case .cosFace, .arcFace: return [Settings.margin]
        case .sphereFace: return [Settings.sphereMargin, Settings.lambda]
        case .combined: return [Settings.angleFactor, Settings.angleMargin, Settings.cosineMargin]
        }
    }

    /// The transform of this type with its parameters' values (`value` of each row of
    /// `parameters`) and ArcFace's fallback: the explorer passes its grid values, `compute`
    /// the numbers typed on its command line.
    public func transform(fallback: ArcFaceFallback, _ value: (Setting) -> Double) -> TargetTransform {
        switch self {
        case .normFace: return .identity
        case .cosFace: return .additiveCosine(margin: value(Settings.margin))
        case .arcFace: return .additiveAngular(margin: value(Settings.margin), fallback: fallback)
        case .sphereFace: return .multiplicativeAngular(margin: Int(value(Settings.sphereMargin)), lambda: value(Settings.lambda))
        case .combined:
            return .combined(
                angleFactor: value(Settings.angleFactor), angleMargin: value(Settings.angleMargin),
                cosineMargin: value(Settings.cosineMargin))
        }
    }

    /// The type of a transform and its parameters' values, in the order of `parameters`
    /// (the inverse of `transform(fallback:_:)`; the identity is NormFace).
    public static func of(_ transform: TargetTransform) -> (type: MarginType, values: [Double]) {
        switch transform {
        case .identity: return (.normFace, [])
        case .additiveCosine(let m): return (.cosFace, [m])
        case .additiveAngular(let m, _): return (.arcFace, [m])
        case .multiplicativeAngular(let m, let lambda): return (.sphereFace, [Double(m), lambda])
        case .combined(let m1, let m2, let m3): return (.combined, [m1, m2, m3])
        }
    }

    /// The next type in the cycle the margin key walks.
    public var next: MarginType {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The accepted names, "normface, cosface, …", for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension ExplorerState {
    /// The target transform of the chosen margin with the state's parameters: what every margin view shows.
    public var transform: TargetTransform { transform(for: marginType) }

    /// The target transform of `type` with the state's parameters (the compare screen asks for each of its losses).
    public func transform(for type: MarginType) -> TargetTransform {
        type.transform(fallback: fallback) { Settings[$0.id].grid.value(self[$0.id]) }
    }

    /// The settings-table values that apply to the chosen margin: s, then its parameters.
    public var marginSettings: [Setting] { [Settings.scale] + marginType.parameters }

    /// The settings-table values the compare screen's losses read: s, then every parameter of one of them, in table order.
    public var comparedSettings: [Setting] {
        let used = Set(compared.flatMap { $0.parameters.map(\.id) })
        return [Settings.scale] + Settings.singleValues.filter { used.contains($0.id) }
    }

    /// The name of `type` as tables show it: ArcFace with its fallback.
    public func title(of type: MarginType) -> String {
        type == .arcFace ? "\(type.title) \(fallback.rawValue)" : type.title
    }

    /// The margin as the status line and the messages say it: "ArcFace (sinmm)", "SphereFace".
    public var marginName: String {
        marginType == .arcFace ? "\(marginType.title) (\(fallback.rawValue))" : marginType.title
    }
}

extension ArcFaceFallback {
    /// The accepted names, "none, sinmm, …", for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The next fallback in the cycle the fallback key walks.
    public var next: ArcFaceFallback {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

extension ExplorerState {
    /// How many losses the compare screen shows at once.
    public static let comparedRange = 2...4
}
