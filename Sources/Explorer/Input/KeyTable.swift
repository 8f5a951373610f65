import TerminalUI

/// One line of the key table: keys, the action they send, and what it does.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    /// What the help overlay says, from the string table.
    public var help: StringKey
    /// The short label the hint bar uses; nil keeps it out of the hint bar.
    public var hint: StringKey?
    /// Screens where the binding applies; empty means every screen.
    public var screens: Set<Screen>

    public init(_ keys: [Key], _ action: Action, _ help: StringKey, hint: StringKey? = nil, on screens: Set<Screen> = []) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
        self.screens = screens
    }

    public func applies(on screen: Screen) -> Bool { screens.isEmpty || screens.contains(screen) }
}

/// The one key table: the reducer, the help overlay and the hint bar all read it.
public enum KeyTable {
    private static func ch(_ s: String) -> [Key] { s.map { Key.character($0) } }

    /// The training screen has its own s, m and `r`; the presets and the teaching example are the others'.
    private static let notTraining = Set(Screen.allCases).subtracting([.train])

    public static let bindings: [KeyBinding] = [
        KeyBinding([.tab], .nextScreen, .keyNextScreen, hint: .hintScreen),
        KeyBinding([.backTab], .previousScreen, .keyPreviousScreen),
        KeyBinding(ch("1"), .showScreen(.softmax), .keySoftmaxScreen),
        KeyBinding(ch("2"), .showScreen(.cosine), .keyCosineScreen),
        KeyBinding(ch("3"), .showScreen(.geometry), .keyGeometryScreen),
        KeyBinding(ch("4"), .showScreen(.batch), .keyBatchScreen),
        KeyBinding(ch("5"), .showScreen(.compare), .keyCompareScreen),
        KeyBinding(ch("6"), .showScreen(.train), .keyTrainScreen),
        KeyBinding([.up] + ch("k"), .focusPrevious, .keyFocusPrevious, hint: .hintSelect),
        KeyBinding([.down] + ch("j"), .focusNext, .keyFocusNext),
        KeyBinding([.left] + ch("h"), .decrease, .keyDecrease, hint: .hintAdjust),
        KeyBinding([.right] + ch("l"), .increase, .keyIncrease),
        KeyBinding([.shiftLeft] + ch("H"), .decreaseCoarse, .keyDecreaseCoarse),
        KeyBinding([.shiftRight] + ch("L"), .increaseCoarse, .keyIncreaseCoarse),
        KeyBinding([.enter] + ch("="), .beginEntry, .keyBeginEntry, hint: .hintType),
        KeyBinding(ch("t"), .makeTarget, .keyMakeTarget, hint: .hintTarget, on: [.softmax, .cosine, .geometry]),
        KeyBinding(ch("a+"), .addClass, .keyAddClass, hint: .hintAdd, on: [.softmax, .cosine, .geometry]),
        KeyBinding(ch("x-"), .removeClass, .keyRemoveClass, hint: .hintRemove, on: [.softmax, .cosine, .geometry]),
        KeyBinding(ch("c"), .toggleInputMode, .keyInputMode, hint: .hintInputMode, on: [.cosine]),
        KeyBinding(ch("v"), .cyclePlot, .keyCyclePlot, hint: .hintPlot, on: [.cosine, .batch, .compare]),
        KeyBinding(ch("n"), .newSeed, .keyNewSeed, hint: .hintNew, on: [.batch]),
        KeyBinding(ch("o"), .toggleRule, .keyToggleRule, hint: .hintRule, on: [.batch]),
        KeyBinding(ch("]"), .nextSample, .keyNextSample, hint: .hintSample, on: [.batch]),
        KeyBinding(ch("["), .previousSample, .keyPreviousSample, on: [.batch]),
        KeyBinding([.pageDown] + ch("}"), .pageSamplesDown, .keyPageDown, on: [.batch]),
        KeyBinding([.pageUp] + ch("{"), .pageSamplesUp, .keyPageUp, on: [.batch]),
        KeyBinding([.home], .firstSample, .keyFirstSample, on: [.batch]),
        KeyBinding([.end], .lastSample, .keyLastSample, on: [.batch]),
        KeyBinding(ch("M"), .cycleMarginType, .keyCycleMarginType, hint: .hintMargin, on: [.cosine, .geometry, .batch]),
        KeyBinding(ch("F"), .cycleFallback, .keyCycleFallback, on: [.cosine, .geometry, .batch, .compare]),
        KeyBinding(ch("A"), .applyAdaCosScale, .keyAdaCosScale, on: [.cosine, .geometry, .compare]),
        KeyBinding(ch("a+"), .addComparedLoss, .keyAddComparedLoss, hint: .hintAdd, on: [.compare]),
        KeyBinding(ch("x-"), .removeComparedLoss, .keyRemoveComparedLoss, on: [.compare]),
        KeyBinding(ch("M"), .cycleComparedLoss, .keyCycleComparedLoss, hint: .hintLoss, on: [.compare]),
        KeyBinding(ch(" "), .togglePlay, .keyTogglePlay, hint: .hintPlay, on: [.train]),
        KeyBinding(ch("."), .trainStep, .keyTrainStep, hint: .hintStep, on: [.train]),
        KeyBinding(ch("+"), .trainFaster, .keyTrainFaster, hint: .hintSpeed, on: [.train]),
        KeyBinding(ch("-"), .trainSlower, .keyTrainSlower, on: [.train]),
        KeyBinding(ch("o"), .cycleBaseline, .keyCycleBaseline, hint: .hintLoss, on: [.train]),
        KeyBinding(ch("r"), .trainRestart, .keyTrainRestart, hint: .hintRestart, on: [.train]),
        KeyBinding(ch("u"), .undo, .keyUndo),
        KeyBinding([.control("r")], .redo, .keyRedo),
        KeyBinding(ch("p"), .cyclePreset, .keyPreset, hint: .hintPreset, on: notTraining),
        KeyBinding(ch("r"), .reset, .keyReset, hint: .hintReset, on: notTraining),
        KeyBinding(ch("S"), .showStateString, .keyStateString, hint: .hintState),
        KeyBinding(ch("e"), .explainPanel, .keyExplain),
        KeyBinding(ch("G"), .openLessons, .keyLessons),
        KeyBinding(ch("z"), .toggleZoom, .keyZoom, hint: .hintZoom, on: [.softmax, .cosine, .batch]),
        KeyBinding(ch("z"), .toggleZoom, .keyZoomNone, on: [.geometry, .compare]),
        KeyBinding(ch("g"), .toggleLogarithmicBars, .keyLogBars, on: [.softmax, .cosine]),
        KeyBinding(ch("P"), .togglePresenter, .keyPresenter),
        KeyBinding(ch("T"), .cycleTheme, .keyTheme),
        KeyBinding(ch("?"), .toggleHelp, .keyHelp, hint: .hintHelp),
        KeyBinding(ch("q") + [.control("c")], .quit, .keyQuit, hint: .hintQuit),
        KeyBinding([.escape], .dismiss, .keyDismiss),
    ]

    /// The keys of the lesson mode: while a lesson is open they are looked up before
    /// `bindings` (so PgDn turns the page, not the samples); every other key works as usual.
    /// The digits answer only while the step's question is open (`ExplorerState.action(for:)`).
    public static let lessonBindings: [KeyBinding] = [
        KeyBinding([.character(" "), .pageDown], .lessonNext, .keyLessonNext),
        KeyBinding([.backspace, .pageUp], .lessonPrevious, .keyLessonPrevious),
        KeyBinding(ch("r"), .lessonRestore, .keyLessonRestore),
        KeyBinding([.escape], .lessonLeave, .keyLessonLeave),
        KeyBinding(ch("1234"), .lessonAnswer(0), .keyLessonAnswer),
    ]

    /// The action `key` sends on `screen`, if any.
    public static func action(for key: Key, on screen: Screen) -> Action? {
        bindings.first { $0.applies(on: screen) && $0.keys.contains(key) }?.action
    }

    /// Bindings that apply on `screen`, in table order.
    public static func bindings(on screen: Screen) -> [KeyBinding] {
        bindings.filter { $0.applies(on: screen) }
    }
}
