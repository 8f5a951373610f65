import LossMath
import TerminalUI

/// The running explorer: the state, the caches derived from it, and the loop
/// that turns events into actions and states into frames.
public final class ExplorerApp {
    public private(set) var state: ExplorerState
    public let glyphs: GlyphSet
    private let batchEngine: BatchEngine
    /// Where the mouse can act on the last frame drawn (read by the fuzz tests to aim clicks).
    private(set) var hits = HitMap()

    public init(state: ExplorerState, glyphs: GlyphSet, batchEngine: BatchEngine = BatchEngine()) {
        self.state = state
        self.glyphs = glyphs
        self.batchEngine = batchEngine
    }

    public var wantsQuit: Bool { state.wantsQuit }

    /// Turns an event into an action and applies it.
    public func handle(_ event: Event) {
        switch event {
        case .key(let key):
            state.apply(key: key)
        case .mouse(let mouse):
            if state.overlay != .none {
                if mouse.action == .press { state.apply(.dismiss) }
            } else if mouse.button == .wheelUp || mouse.button == .wheelDown {
                state.apply(state.screen == .batch
                    ? (mouse.button == .wheelUp ? .previousSample : .nextSample)
                    : (mouse.button == .wheelUp ? .focusPrevious : .focusNext))
            } else if let action = hits.action(for: mouse) {
                state.apply(action)
            }
        case .resize(let width, let height):
            state.apply(.resize(width: width, height: height))
        case .paste(let text):
            // Pasted text is data: typed into an open value prompt, never run as keys.
            guard case .entry = state.overlay else { return }
            for character in text where !character.isNewline && character != "\t" {
                state.apply(.entryInput(character))
            }
        }
    }

    /// Draws the current state (and remembers where the mouse can act).
    public func render() -> Canvas {
        let snapshot = state.screen == .batch && state.width >= Frame.minimumWidth && state.height >= Frame.minimumHeight
            ? batchEngine.snapshot(for: state) : nil
        let rendered = Frame.render(state, glyphs: glyphs, batch: snapshot)
        hits = rendered.hits
        return rendered.canvas
    }

    /// Runs until the user quits or input ends; the caller restores the terminal.
    ///
    /// Events that have already arrived are handled together and drawn once
    /// (a paste, a held key, a burst over ssh): the screen never lags behind
    /// a queue of keys, drawing each state on the way. A frame is still
    /// drawn at least every 0.1 s while input keeps coming.
    public func run(on backend: TerminalBackend) {
        let size = backend.size
        state.apply(.resize(width: size.width, height: size.height))
        backend.draw(render())
        let clock = ContinuousClock()
        while !state.wantsQuit, let event = backend.nextEvent() {
            handle(event)
            let deadline = clock.now.advanced(by: .milliseconds(100))
            while !state.wantsQuit, clock.now < deadline, let next = backend.pendingEvent() {
                handle(next)
            }
            if !state.wantsQuit { backend.draw(render()) }
        }
    }

    /// Replaces the message line (e.g. a TERM fallback note).
    public func show(message: String) {
        state.message = message
    }
}
