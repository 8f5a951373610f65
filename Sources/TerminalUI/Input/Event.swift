/// A mouse button or wheel movement.
public enum MouseButton: Hashable, Sendable {
    case left, middle, right, wheelUp, wheelDown
}

/// What the mouse did.
public enum MouseAction: Hashable, Sendable {
    case press, release, drag
}

/// A mouse event at a cell of the screen (0-based column `x`, row `y`).
public struct MouseEvent: Hashable, Sendable {
    public var action: MouseAction
    public var button: MouseButton
    public var x: Int
    public var y: Int

    public init(_ action: MouseAction, _ button: MouseButton, x: Int, y: Int) {
        self.action = action
        self.button = button
        self.x = x
        self.y = y
    }
}

/// Everything that can happen to the application from outside.
public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Text the terminal marked as pasted (bracketed paste): data, never
    /// commands. Control characters other than tab and newline are removed.
    case paste(String)
}
