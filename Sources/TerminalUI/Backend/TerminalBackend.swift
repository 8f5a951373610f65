/// What a terminal can show.
public struct TerminalCapabilities: Hashable, Sendable {
    /// Colours are used (false under `NO_COLOR` or `--no-color`).
    public var color: Bool
    /// Unicode (braille, blocks, box drawing, θ) can be shown; false under `--ascii`.
    public var unicode: Bool

    public init(color: Bool = true, unicode: Bool = true) {
        self.color = color
        self.unicode = unicode
    }
}

/// A place frames are drawn and events come from: ncurses, or memory in tests.
///
/// The application draws a whole `Canvas` each frame; the backend writes only
/// what changed since the last one.
public protocol TerminalBackend: AnyObject {
    /// Current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows `canvas`, writing only the cells that changed since the last call.
    func draw(_ canvas: Canvas)
    /// Blocks until an event arrives (no polling); `nil` when input has ended.
    func nextEvent() -> Event?
    /// The next event if one has already arrived, else `nil` at once.
    func pendingEvent() -> Event?
    /// Restores the terminal. Safe to call more than once.
    func stop()
}

/// An in-memory backend for tests: events come from a queue, frames are kept.
public final class TestBackend: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    public private(set) var frames: [Canvas] = []
    /// How many cells each `draw` actually had to write.
    public private(set) var writtenCells: [Int] = []
    public private(set) var stopped = false
    private var events: [Event]

    public init(width: Int, height: Int, events: [Event] = []) {
        self.size = (width, height)
        self.events = events
    }

    public var lastFrame: Canvas? { frames.last }

    public func draw(_ canvas: Canvas) {
        let changes = canvas.changes(from: frames.last)
        writtenCells.append(changes.reduce(0) { $0 + $1.cells.count })
        frames.append(canvas)
    }

    public func nextEvent() -> Event? {
        guard !events.isEmpty else { return nil }
        let e = events.removeFirst()
        if case .resize(let w, let h) = e { size = (w, h) }
        return e
    }

    /// Always `nil`: every queued event is drawn, so tests see each frame.
    public func pendingEvent() -> Event? { nil }

    public func stop() { stopped = true }
}
