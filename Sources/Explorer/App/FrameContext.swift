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
    /// Where each panel was drawn, filled in by `ScreenParts.panel` (a lesson step highlights one).
    public let panels = PanelRects()

    public init(state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?, train: TrainingSnapshot? = nil) {
        self.state = state
        self.glyphs = glyphs
        self.evaluation = Evaluation(state)
        self.batch = batch
        self.train = train
    }

    /// θ or "th".
    public var theta: String { glyphs.theta }

    /// The language every word on screen is written in.
    public var language: Language { state.language }

    /// The strings of that language.
    public var strings: Strings { Strings(state.language) }

    /// The panel the open lesson step asks the student to look at.
    public var highlightedPanel: Panel? {
        guard let lesson = state.lesson, !lesson.isFinished else { return nil }
        return lesson.step.panel
    }

    /// Whether the open lesson question hides `quantity` (a `LessonQuantities` name) now.
    public func hides(_ quantity: String) -> Bool {
        guard let lesson = state.lesson, !lesson.isFinished else { return false }
        return lesson.hiddenQuantities.contains(quantity)
    }

    /// `text`, or a `?` as wide as it while the open lesson question hides `quantity`
    /// (a `LessonQuantities` name): the screens draw their numbers through this, so
    /// what the narrative hides is hidden on screen too.
    public func masked(_ quantity: String, _ text: String) -> String { masked(anyOf: [quantity], text) }

    /// `text`, or a `?` as wide as it while any of `quantities` is hidden (one number several names read).
    public func masked(anyOf quantities: [String], _ text: String) -> String {
        guard quantities.contains(where: hides) else { return text }
        return String(repeating: " ", count: max(0, ColumnWidth.of(text) - 1)) + "?"
    }
}

/// The rectangles the panels were drawn in during one frame, by `Panel` id.
///
/// A reference shared by every copy of the frame's context, so views that take the
/// context by value can still report where they drew.
public final class PanelRects {
    public private(set) var rects: [Panel: Rect] = [:]

    public init() {}

    public func record(_ panel: Panel, _ rect: Rect) { rects[panel] = rect }

    public subscript(panel: Panel) -> Rect? { rects[panel] }
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
