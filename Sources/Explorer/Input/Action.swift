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
    case newSeed
    case toggleRule
    case showStateString
    case previousSample
    case nextSample
    case pageSamplesUp
    case pageSamplesDown
    case firstSample
    case lastSample
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
