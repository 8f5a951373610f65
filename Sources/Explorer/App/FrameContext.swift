import LossMath
import TerminalUI

/// What every view needs while drawing one frame: the state, the glyphs, the
/// derived numbers, and the hit map it fills in for the mouse.
public struct FrameContext {
    public let state: ExplorerState
    public let glyphs: GlyphSet
    public let evaluation: Evaluation
    /// The batch screen's numbers, when that screen is drawn.
    public let batch: BatchSnapshot?
    /// The training screen's runs, when that screen is drawn.
    public let train: TrainingSnapshot?
    public var hits = HitMap()

    public init(state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?, train: TrainingSnapshot? = nil) {
        self.state = state
        self.glyphs = glyphs
        self.evaluation = Evaluation(state)
        self.batch = batch
        self.train = train
    }

    /// θ or "th".
    public var theta: String { glyphs.theta }
}

/// The styles the explorer uses, as roles of the theme table (`Palette`);
/// meaning never rests on colour alone.
///
/// Each is drawn in the dark theme's attributes until the frame is finished;
/// `Canvas.apply(_:)` then redraws the roles in the chosen theme.
public enum Theme {
    public static let title = Style(role: .title)
    public static let tabActive = Style(role: .activeTab)
    public static let tab = Style(role: .tab)
    public static let focused = Style(role: .focused)
    public static let target = Style(role: .accent)
    public static let rival = Style(role: .opponent)
    public static let normFace = Style(role: .series1)
    public static let lmcl = Style(role: .series2)
    public static let positive = Style(role: .positive)
    public static let negative = Style(role: .negative)
    public static let dim = Style(role: .secondary)
    public static let label = Style(role: .label)
    public static let warning = Style(role: .warning)
    public static let error = Style(role: .error)
    public static let hintKey = Style(role: .keyHint)
}
