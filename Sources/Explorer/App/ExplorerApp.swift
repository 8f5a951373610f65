import LossMath
import TerminalUI

/// The running explorer: the state, the caches derived from it, and the loop
/// that turns events into actions and states into frames.
public final class ExplorerApp {
    public private(set) var state: ExplorerState
    public let glyphs: GlyphSet
    private let batchEngine: BatchEngine
    private let trainingEngine: TrainingEngine
    /// Where the mouse can act on the last frame drawn (read by the fuzz tests to aim clicks).
    private(set) var hits = HitMap()
    /// The changes `u` undoes and Ctrl-R redoes.
    private var history = UndoHistory()
    /// Computes the batch screen off this thread; nil computes it in place (`frame`, the tests).
    private var worker: BatchWorker?
    /// How long a frame waits for the batch before drawing the last one marked stale: a tenth of a
    /// second, the longest a response can take and still feel immediate. s, m and k changes finish
    /// well within it, and so does a new 1024×5994 batch on a slow 2-core machine (60–100 ms), which
    /// with a shorter wait flashed the busy note for the last few milliseconds of every press.
    /// Keys typed meanwhile (q too) are read as soon as the frame is drawn.
    static let batchPatience = Duration.milliseconds(100)
    /// Whether the last frame drew stale batch numbers (so the loop must redraw when they arrive,
    /// even if the work finished between that frame and the loop's next look).
    private var drewStale = false

    public init(
        state: ExplorerState, glyphs: GlyphSet, batchEngine: BatchEngine = BatchEngine(),
        trainingEngine: TrainingEngine = TrainingEngine()
    ) {
        self.state = state
        self.glyphs = glyphs
        self.batchEngine = batchEngine
        self.trainingEngine = trainingEngine
    }

    public var wantsQuit: Bool { state.wantsQuit }

    /// Computes the batch screen's numbers on a background thread from now on (the
    /// interactive explorer): a long regeneration shows a busy note over the last
    /// numbers, marked stale, while keys keep working.
    /// `lookAhead`: while idle, compute what → and ← on s and m lead to (the sums, the rank counts).
    public func computeBatchInBackground(lookAhead: Bool = true) {
        if worker == nil { worker = BatchWorker(engine: batchEngine, lookAhead: lookAhead) }
    }

    /// Waits until the background batch work, the look-ahead included, is done, or `timeout`
    /// passes; true when done (at once when computed in place). For benchmarks and tests.
    public func waitUntilIdle(timeout: Duration) -> Bool {
        worker?.waitUntilIdle(timeout: timeout) ?? true
    }

    /// Whether batch work is running or waiting (always false when computed in place).
    public var isBusy: Bool { worker?.isBusy ?? false }

    /// The action an event asks for in the current state and on the last frame drawn; nil when it asks for none.
    ///
    /// The one place terminal events become actions: keys through the key table
    /// (and the open overlay or prompt), the mouse through the hit map, a resize as itself.
    public func action(for event: Event) -> Action? {
        switch event {
        case .key(let key):
            return state.action(for: key)
        case .mouse(let mouse):
            if state.overlay != .none { return mouse.action == .press ? .dismiss : nil }
            if mouse.button == .wheelUp || mouse.button == .wheelDown {
                let up = mouse.button == .wheelUp
                return state.screen == .batch ? (up ? .previousSample : .nextSample) : (up ? .focusPrevious : .focusNext)
            }
            return hits.action(for: mouse)
        case .resize(let width, let height):
            return .resize(width: width, height: height)
        case .paste:
            // Pasted text is data, never keys: `handle` types it into an open value prompt.
            return nil
        }
    }

    /// Turns an event into an action and performs it.
    public func handle(_ event: Event) {
        if case .paste(let text) = event {
            guard case .entry = state.overlay else { return }
            for character in text where !character.isNewline && character != "\t" {
                perform(.entryInput(character))
            }
            return
        }
        if let action = action(for: event) { perform(action) }
    }

    /// Applies an action, recording value changes for undo; answers undo and redo from the history.
    public func perform(_ action: Action) {
        switch action {
        case .undo, .redo:
            let undo = action == .undo
            let restored = undo ? history.undo(from: state.undoable) : history.redo(from: state.undoable)
            if let restored { state.undoable = restored }
            state.message = restored != nil ? nil : state.strings[undo ? .msgNothingToUndo : .msgNothingToRedo]
        default:
            let before = state.undoable
            state.apply(action)
            if state.undoable != before { history.record(before) }
        }
    }

    /// Draws the current state (and remembers where the mouse can act).
    public func render() -> Canvas {
        drewStale = false
        let fits = state.width >= Frame.minimumWidth && state.height >= Frame.minimumHeight
        let showsBatch = state.screen == .batch && fits
        var snapshot: BatchSnapshot?
        if showsBatch, let worker {
            switch worker.request(state, patience: Self.batchPatience) {
            case .ready(let ready): snapshot = ready
            case .pending(let stale, let seconds): return renderBusy(stale: stale, seconds: seconds)
            }
        } else if showsBatch {
            snapshot = batchEngine.snapshot(for: state)
        }
        let training = state.screen == .train && fits ? trainingEngine.snapshot(for: state) : nil
        let rendered = Frame.render(state, glyphs: glyphs, batch: snapshot, train: training)
        hits = rendered.hits
        return rendered.canvas
    }

    /// The batch screen while its numbers are computed: the last snapshot finished, drawn
    /// for the settings it belongs to and dimmed, under a note saying what is being
    /// computed and what is shown instead.
    private func renderBusy(stale: (snapshot: BatchSnapshot, state: ExplorerState)?, seconds: Double) -> Canvas {
        drewStale = true
        var shown = state
        if let old = stale?.state.batch {
            shown.batch.samples = old.samples
            shown.batch.classes = old.classes
            shown.batch.spreadSteps = old.spreadSteps
            shown.batch.seed = old.seed
            shown.batch.selectedSample = min(shown.batch.selectedSample, max(0, old.samples - 1))
        }
        let rendered = Frame.render(shown, glyphs: glyphs, batch: stale?.snapshot)
        hits = rendered.hits
        var canvas = rendered.canvas
        // Everything between the tabs and the status line is stale: dim it.
        for y in 1..<max(1, canvas.height - 2) {
            for x in 0..<canvas.width {
                var cell = canvas[x, y]
                guard cell.width > 0 else { continue }
                cell.style = cell.style.dimmed
                canvas.set(x: x, y: y, cell)
            }
        }
        let fill = { (key: StringKey, batch: BatchSettings) in
            Template.fill(StringTable.text(key, self.state.language)) { name in
                switch name {
                case "samples": "\(batch.samples)"
                case "classes": "\(batch.classes)"
                case "seconds": String(format: "%.1f", seconds)
                default: nil
                }
            }
        }
        var lines = [Line(fill(.batchComputing, state.batch), style: Theme.label)]
        if let old = stale?.state.batch { lines.append(Line(fill(.batchStale, old), style: Theme.dim)) }
        let body = Rect(x: 0, y: 1, width: canvas.width, height: max(0, canvas.height - 3))
        Popup(title: StringTable.text(.batchComputingTitle, state.language), lines: lines, glyphs: glyphs).render(in: body, on: &canvas)
        // The theme decides what "dim" looks like (contrast and light have none).
        canvas.apply(Palette(state.display.theme))
        return canvas
    }

    /// Whether the run loop must wake up by itself: the training screen is playing.
    public var isAnimating: Bool { state.screen == .train && state.train.playing && state.overlay == .none }

    /// How long a frame of the training animation lasts (about 30 frames per second).
    public static let frameInterval = Duration.milliseconds(33)
    /// The training a frame may do, so that a key pressed while playing is read within a frame.
    public static let trainingBudget = Duration.milliseconds(25)

    /// Advances a playing training screen by one frame's epochs: `speed`, or fewer when
    /// that many would not fit in `trainingBudget` at the speed epochs have run so far.
    public func tick() {
        guard isAnimating else { return }
        let epochs = min(state[.speed], trainingEngine.affordableEpochs(within: Self.trainingBudget))
        perform(.advanceTraining(epochs))
    }

    /// Runs until the user quits or input ends; the caller restores the terminal.
    ///
    /// Events that have already arrived are handled together and drawn once
    /// (a paste, a held key, a burst over ssh): the screen never lags behind
    /// a queue of keys, drawing each state on the way. A frame is still
    /// drawn at least every 0.1 s while input keeps coming. While the training
    /// screen plays, the wait for input ends at the next frame's time and the
    /// training advances (`tick`); otherwise the loop blocks until an event.
    public func run(on backend: TerminalBackend) {
        let size = backend.size
        perform(.resize(width: size.width, height: size.height))
        backend.draw(render())
        let clock = ContinuousClock()
        var nextFrame = clock.now.advanced(by: Self.frameInterval)
        while !state.wantsQuit {
            if let worker, worker.isBusy || drewStale {
                // Batch work in flight: look for keys without blocking, and redraw when the
                // work finishes (and every 0.1 s meanwhile, for the elapsed time).
                guard let pending = backend.pendingEvent() else {
                    _ = worker.waitForProgress(timeout: .milliseconds(100))
                    backend.draw(render())
                    continue
                }
                handle(pending)
            } else if isAnimating {
                var timedOut = false
                switch backend.nextEvent(waitingAtMost: max(.zero, nextFrame - clock.now)) {
                case .event(let event): handle(event)
                case .timedOut: timedOut = true
                case .ended: return
                }
                if isAnimating {
                    // A key between frames is drawn with the next frame, which comes on time.
                    if !timedOut && clock.now < nextFrame { continue }
                    nextFrame = clock.now.advanced(by: Self.frameInterval)
                    tick()
                }
            } else {
                guard let event = backend.nextEvent() else { return }
                handle(event)
                nextFrame = clock.now.advanced(by: Self.frameInterval)
            }
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
