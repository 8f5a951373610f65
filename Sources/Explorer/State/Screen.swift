/// The explorer's screens, in Tab order.
public enum Screen: Int, CaseIterable, Hashable, Sendable {
    case softmax, cosine, geometry, batch, compare, train

    public var title: String {
        switch self {
        case .softmax: return "Softmax"
        case .cosine: return "Cosine margin"
        case .geometry: return "Geometry"
        case .batch: return "Batch"
        case .compare: return "Compare"
        case .train: return "Training"
        }
    }

    /// The title in one word, for a tab bar too narrow for every `title`.
    public var shortTitle: String {
        switch self {
        case .cosine: return "Cosine"
        case .batch: return "Batch"
        default: return title
        }
    }

    /// The name used in state strings and `--screen`.
    public var key: String {
        switch self {
        case .softmax: return "softmax"
        case .cosine: return "cosine"
        case .geometry: return "geometry"
        case .batch: return "batch"
        case .compare: return "compare"
        case .train: return "train"
        }
    }

    public init?(key: String) {
        guard let s = Screen.allCases.first(where: { $0.key == key }) else { return nil }
        self = s
    }
}

/// How the cosine screen takes its per-class inputs.
public enum CosineInputMode: String, Hashable, Sendable {
    /// cos θ_j directly, in thousandths.
    case cosine
    /// θ_j in degrees, in tenths.
    case angle
}

/// Which plot the cosine screen shows when there is room for only one (the focused plot).
///
/// `v` moves to the next raw value; the raw values are the state string's `plot=`
/// numbers, so the plots on the cos θ axis, added later, are 3 and 4.
public enum CosinePlot: Int, CaseIterable, Hashable, Sendable {
    case targetLogit, targetProbability, decisionPlane, targetLogitOnCosine, targetProbabilityOnCosine

    public var title: String {
        switch self {
        case .targetLogit: return "target logit vs θ_y"
        case .targetProbability: return "target probability vs θ_y"
        case .decisionPlane: return "decision boundary in (θ_y, θ_rival)"
        case .targetLogitOnCosine: return "target logit vs cos θ_y"
        case .targetProbabilityOnCosine: return "target probability vs cos θ_y"
        }
    }

    /// The plot `v` shows next.
    public var next: CosinePlot { CosinePlot(rawValue: (rawValue + 1) % CosinePlot.allCases.count)! }
}

/// Which plot the compare screen shows when there is room for only one.
public enum ComparePlot: Int, CaseIterable, Hashable, Sendable {
    case logitAgainstAngle, logitAgainstCosine, decisionPlane

    /// The plot's title in the string table.
    public var titleKey: StringKey {
        switch self {
        case .logitAgainstAngle: return .comparePlotAngle
        case .logitAgainstCosine: return .comparePlotCosine
        case .decisionPlane: return .comparePlotPlane
        }
    }
}

/// An adjustable value: what Up/Down move between and Left/Right change.
public enum Field: Hashable, Sendable {
    /// A single value of the settings table (`ExplorerState.values`): s, m, and those to come.
    case value(Setting.ID)
    case logit(Int)
    case cosine(Int)
    case featureDirection
    case weightDirection(Int)
    case topK
    case unselectedRule
    case batchSamples
    case batchClasses
    case batchSpread
    case batchSeed
}

extension Field {
    public static let scale = Field.value(.scale)
    public static let margin = Field.value(.margin)
}
