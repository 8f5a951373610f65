import TerminalUI

/// How the explorer shows its frame, apart from what it shows: the zoomed plot,
/// presenter mode, the theme and the gradient bars' scale.
///
/// None of it is an undo step or part of the state string (like `--ascii`, it
/// describes the room, not the example); `--theme` sets the theme at start.
public struct DisplayMode: Hashable, Sendable {
    /// The focused plot fills the window (`z`, or a click on the plot).
    public var zoomed = false
    /// Presenter mode (`P`): no tab, status or hint bar, the focused plot alone with
    /// large point markers and the numbers that matter in one line.
    public var presenter = false
    /// The theme the finished frame is redrawn in (`T` cycles, `--theme` sets).
    public var theme: Palette.Name = .dark
    /// Gradient bars on a logarithmic scale (`g`) instead of a linear one.
    public var logarithmicBars = false

    public init() {}
}
