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
    public var hits = HitMap()

    public init(state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?) {
        self.state = state
        self.glyphs = glyphs
        self.evaluation = Evaluation(state)
        self.batch = batch
    }

    /// θ or "th".
    public var theta: String { glyphs.theta }
}

/// The styles the explorer uses; meaning never rests on colour alone.
public enum Theme {
    public static let title = Style(bold: true)
    public static let tabActive = Style(bold: true, reverse: true)
    public static let tab = Style()
    public static let focused = Style(bold: true, reverse: true)
    public static let target = Style(foreground: .green, bold: true)
    public static let rival = Style(foreground: .red)
    public static let normFace = Style(foreground: .cyan)
    public static let lmcl = Style(foreground: .yellow)
    public static let positive = Style(foreground: .red)
    public static let negative = Style(foreground: .green)
    public static let dim = Style(dim: true)
    public static let label = Style(bold: true)
    public static let warning = Style(foreground: .yellow, bold: true)
    public static let error = Style(foreground: .red, bold: true)
    public static let hintKey = Style(bold: true, reverse: true)
}
