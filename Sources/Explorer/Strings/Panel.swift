/// A panel of one of the explorer's screens: what a lesson step highlights and what `e` explains.
///
/// The identifiers (`cosine.loss`) are what lesson files name in their `panel:` lines.
public enum Panel: String, CaseIterable, Hashable, Sendable {
    case softmaxTable = "softmax.table"
    case softmaxPlot = "softmax.plot"
    case softmaxFormulas = "softmax.formulas"
    case cosineControls = "cosine.controls"
    case cosineLoss = "cosine.loss"
    case cosineClasses = "cosine.classes"
    case cosinePlot = "cosine.plot"
    case cosineFormulas = "cosine.formulas"
    case geometryCircle = "geometry.circle"
    case geometryDirections = "geometry.directions"
    case geometryGradient = "geometry.gradient"
    case batchControls = "batch.controls"
    case batchRegions = "batch.regions"
    case batchView = "batch.view"
    case compareLosses = "compare.losses"
    case comparePlot = "compare.plot"
    case trainControls = "train.controls"
    case trainCircles = "train.circles"
    case trainCharts = "train.charts"

    /// The screen the panel is on.
    public var screen: Screen {
        switch self {
        case .softmaxTable, .softmaxPlot, .softmaxFormulas: return .softmax
        case .cosineControls, .cosineLoss, .cosineClasses, .cosinePlot, .cosineFormulas: return .cosine
        case .geometryCircle, .geometryDirections, .geometryGradient: return .geometry
        case .batchControls, .batchRegions, .batchView: return .batch
        case .compareLosses, .comparePlot: return .compare
        case .trainControls, .trainCircles, .trainCharts: return .train
        }
    }

    /// The panel that holds `field` on `screen`: the one `e` explains when that field has the focus.
    public static func holding(_ field: Field, on screen: Screen) -> Panel {
        switch (screen, field) {
        case (.softmax, _): return .softmaxTable
        case (.cosine, .scale), (.cosine, .margin): return .cosineControls
        case (.cosine, _): return .cosineClasses
        case (.geometry, _): return .geometryDirections
        case (.batch, _): return .batchControls
        case (.compare, _): return .compareLosses
        case (.train, _): return .trainControls
        }
    }

    /// The panel's short name.
    public var nameKey: StringKey { StringKey(rawValue: "panel." + rawValue)! }

    /// Two or three sentences on what the panel shows and what to notice.
    public var explanationKey: StringKey { StringKey(rawValue: "explain." + rawValue)! }
}
