import TerminalUI

/// One line of the key table: keys, the action they send, and what it does.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    /// What the help overlay says.
    public var help: String
    /// The short label the hint bar uses; nil keeps it out of the hint bar.
    public var hint: String?
    /// Screens where the binding applies; empty means every screen.
    public var screens: Set<Screen>

    public init(_ keys: [Key], _ action: Action, _ help: String, hint: String? = nil, on screens: Set<Screen> = []) {
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
        KeyBinding([.tab], .nextScreen, "next screen", hint: "screen"),
        KeyBinding([.backTab], .previousScreen, "previous screen"),
        KeyBinding(ch("1"), .showScreen(.softmax), "softmax screen"),
        KeyBinding(ch("2"), .showScreen(.cosine), "cosine margin screen"),
        KeyBinding(ch("3"), .showScreen(.geometry), "geometry screen"),
        KeyBinding(ch("4"), .showScreen(.batch), "BD-LMCL batch screen"),
        KeyBinding(ch("5"), .showScreen(.train), "training screen"),
        KeyBinding([.up] + ch("k"), .focusPrevious, "select the value above", hint: "select"),
        KeyBinding([.down] + ch("j"), .focusNext, "select the value below"),
        KeyBinding([.left] + ch("h"), .decrease, "decrease (clockwise)", hint: "adjust"),
        KeyBinding([.right] + ch("l"), .increase, "increase (anticlockwise)"),
        KeyBinding([.shiftLeft] + ch("H"), .decreaseCoarse, "decrease by a coarse step"),
        KeyBinding([.shiftRight] + ch("L"), .increaseCoarse, "increase by a coarse step"),
        KeyBinding([.enter] + ch("="), .beginEntry, "type an exact value", hint: "type"),
        KeyBinding(ch("t"), .makeTarget, "make selected class target", hint: "target",
                   on: [.softmax, .cosine, .geometry]),
        KeyBinding(ch("a+"), .addClass, "add a class", hint: "add", on: [.softmax, .cosine, .geometry]),
        KeyBinding(ch("x-"), .removeClass, "remove the selected class", hint: "del",
                   on: [.softmax, .cosine, .geometry]),
        KeyBinding(ch("c"), .toggleInputMode, "inputs: cos θ or θ in deg", hint: "cos/θ", on: [.cosine]),
        KeyBinding(ch("v"), .cyclePlot, "next plot (when one fits)", hint: "plot", on: [.cosine, .batch]),
        KeyBinding(ch("n"), .newSeed, "new batch (next seed)", hint: "new", on: [.batch]),
        KeyBinding(ch("e"), .toggleRule, "rule: no-margin / excluded", hint: "rule", on: [.batch]),
        KeyBinding(ch("]"), .nextSample, "next sample", hint: "sample", on: [.batch]),
        KeyBinding(ch("["), .previousSample, "previous sample", on: [.batch]),
        KeyBinding([.pageDown] + ch("}"), .pageSamplesDown, "page down the samples", on: [.batch]),
        KeyBinding([.pageUp] + ch("{"), .pageSamplesUp, "page up the samples", on: [.batch]),
        KeyBinding([.home], .firstSample, "first sample", on: [.batch]),
        KeyBinding([.end], .lastSample, "last sample", on: [.batch]),
        KeyBinding(ch(" "), .togglePlay, "play / pause training", hint: "play", on: [.train]),
        KeyBinding(ch("."), .trainStep, "train one epoch (pauses)", hint: "step", on: [.train]),
        KeyBinding(ch("+"), .trainFaster, "more epochs per frame", hint: "speed", on: [.train]),
        KeyBinding(ch("-"), .trainSlower, "fewer epochs per frame", on: [.train]),
        KeyBinding(ch("o"), .cycleBaseline, "left pane loss (NF, softmax)", hint: "loss", on: [.train]),
        KeyBinding(ch("r"), .trainRestart, "restart from the seed", hint: "restart", on: [.train]),
        KeyBinding(ch("u"), .undo, "undo the last change"),
        KeyBinding([.control("r")], .redo, "redo what was undone"),
        KeyBinding(ch("p"), .cyclePreset, "next preset (s, m)", hint: "preset", on: notTraining),
        KeyBinding(ch("r"), .reset, "reset to teaching example", hint: "reset", on: notTraining),
        KeyBinding(ch("S"), .showStateString, "show the state string", hint: "state"),
        KeyBinding(ch("?"), .toggleHelp, "this help", hint: "help"),
        KeyBinding(ch("q") + [.control("c")], .quit, "quit", hint: "quit"),
        KeyBinding([.escape], .dismiss, "close a popup (never quits)"),
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
