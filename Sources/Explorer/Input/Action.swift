import TerminalUI

/// Everything that can change the explorer's state.
///
/// Keys, mouse and resize events become actions; `ExplorerState.apply(_:)` is
/// the only place the state changes.
public enum Action: Hashable, Sendable {
    case quit
    /// Esc: closes what is open, else nothing (it never quits).
    case dismiss
    /// Goes back one change of the values (the history lives in `ExplorerApp`).
    case undo
    /// Goes forward again after an undo.
    case redo
    case nextScreen
    case previousScreen
    case showScreen(Screen)
    case focusPrevious
    case focusNext
    case decrease
    case increase
    case decreaseCoarse
    case increaseCoarse
    /// Opens the prompt to type an exact value for the focused field.
    case beginEntry
    case makeTarget
    case addClass
    case removeClass
    case cyclePreset
    case reset
    case toggleHelp
    case toggleInputMode
    case cyclePlot
    /// Shows the focused plot alone in the window, or returns from it.
    case toggleZoom
    /// Presenter mode: the focused plot alone, no chrome, large markers.
    case togglePresenter
    /// The next theme (dark, light, mono, contrast).
    case cycleTheme
    /// Gradient bars on a logarithmic or a linear scale.
    case toggleLogarithmicBars
    case newSeed
    case toggleRule
    case showStateString
    case previousSample
    case nextSample
    case pageSamplesUp
    case pageSamplesDown
    case firstSample
    case lastSample
    /// `e`: explains the focused panel.
    case explainPanel
    /// Opens the lesson picker.
    case openLessons

    // Lesson mode (keys from `KeyTable.lessonBindings` while a lesson is open).
    case lessonNext
    case lessonPrevious
    /// Returns to the step's state after playing with the values.
    case lessonRestore
    /// Leaves the lesson for free exploration.
    case lessonLeave
    /// Answers the open question with a choice (0-based).
    case lessonAnswer(Int)

    // The lesson picker.
    case pickerMove(Int)
    case pickerOpen
    /// The margin family: next loss, ArcFace's next fallback, AdaCos's fixed scale.
    case cycleMarginType
    case cycleFallback
    case applyAdaCosScale
    /// Compare screen: one more loss, one fewer, the last one replaced by the next.
    case addComparedLoss
    case removeComparedLoss
    case cycleComparedLoss
    /// Training screen: play or pause.
    case togglePlay
    /// Training screen: one more epoch (and pause).
    case trainStep
    /// Training screen: back to epoch 0, from the seed.
    case trainRestart
    /// Training screen: more or fewer epochs per frame.
    case trainFaster
    case trainSlower
    /// Training screen: the next loss of the pane without the margin.
    case cycleBaseline

    // Not bound to keys: from the mouse, the prompt, or the terminal.
    case select(Field)
    case setValue(Field, Double)
    case selectSample(Int)
    case entryInput(Character)
    case entryBackspace
    case entrySubmit
    case resize(width: Int, height: Int)
    /// The run loop's frame while the training plays: this many more epochs.
    case advanceTraining(Int)
}
