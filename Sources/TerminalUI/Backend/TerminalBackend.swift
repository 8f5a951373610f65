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
    /// Waits for an event at most `timeout` (for an animation's next frame), without polling.
    func nextEvent(waitingAtMost timeout: Duration) -> TimedEvent
    /// Restores the terminal. Safe to call more than once.
    func stop()
}

/// What a wait with a time limit brought: an event, nothing in time, or the end of input.
public enum TimedEvent: Sendable {
    case event(Event)
    case timedOut
    case ended
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
        if !framesBeforeNext.isEmpty { framesBeforeNext.removeFirst() }
        let e = events.removeFirst()
        if case .resize(let w, let h) = e { size = (w, h) }
        return e
    }

    /// Always `nil`: every queued event is drawn, so tests see each frame.
    public func pendingEvent() -> Event? { nil }

    /// How many timed waits ran out: each stands for one frame of animation.
    public private(set) var timeouts = 0
    /// Timed waits that run out before the next queued event is given (the time between keys, in frames).
    private var framesBeforeNext: [Int] = []

    /// A queue whose events each come after `frames` timed waits have run out, so a test can
    /// let an animation play a set number of frames between keys.
    public convenience init(width: Int, height: Int, timedEvents: [(frames: Int, event: Event)]) {
        self.init(width: width, height: height, events: timedEvents.map(\.event))
        framesBeforeNext = timedEvents.map(\.frames)
    }

    /// Times out (at once, without sleeping) while the next event has frames left to wait, else gives it.
    public func nextEvent(waitingAtMost timeout: Duration) -> TimedEvent {
        if let first = framesBeforeNext.first, first > 0 {
            framesBeforeNext[0] -= 1
            timeouts += 1
            return .timedOut
        }
        return nextEvent().map(TimedEvent.event) ?? .ended
    }

    public func stop() { stopped = true }
}
