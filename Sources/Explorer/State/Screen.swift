/// The explorer's screens, in Tab order.
public enum Screen: Int, CaseIterable, Hashable, Sendable {
    case softmax, cosine, geometry, batch, train

    public var title: String {
        switch self {
        case .softmax: return "Softmax"
        case .cosine: return "Cosine margin"
        case .geometry: return "Geometry"
        case .batch: return "BD-LMCL batch"
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

/// Which plot the cosine screen shows when there is room for only one.
public enum CosinePlot: Int, CaseIterable, Hashable, Sendable {
    case targetLogit, targetProbability, decisionPlane

    public var title: String {
        switch self {
        case .targetLogit: return "target logit vs θ_y"
        case .targetProbability: return "target probability vs θ_y"
        case .decisionPlane: return "decision boundary in (θ_y, θ_rival)"
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
