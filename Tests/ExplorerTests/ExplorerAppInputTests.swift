import TerminalUI
import Testing

@testable import Explorer

/// How the explorer's loop takes input: queued events are handled together
/// and drawn once, and a paste is text, never commands.
@Suite("Explorer input loop")
struct ExplorerAppInputTests {
    /// A backend whose events have all "already arrived": `pendingEvent` hands them out.
    final class BurstBackend: TerminalBackend {
        let size: (width: Int, height: Int) = (80, 24)
        var events: [Event]
        var draws = 0

        init(_ events: [Event]) { self.events = events }

        func draw(_ canvas: Canvas) { draws += 1 }
        func nextEvent() -> Event? { events.isEmpty ? nil : events.removeFirst() }
        func pendingEvent() -> Event? { nextEvent() }
        func nextEvent(waitingAtMost timeout: Duration) -> TimedEvent { nextEvent().map(TimedEvent.event) ?? .ended }
        func stop() {}
    }

    @Test func aBurstOfKeysIsDrawnOnceNotOncePerKey() {
        // s starts at 30 on the cosine screen (the teaching example); 40 presses of → make it 70.
        var state = ExplorerState()
        state.screen = .cosine
        let backend = BurstBackend(Array(repeating: .key(.right), count: 40))
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.run(on: backend)
        #expect(app.state.scale == 70)
        // The first frame, then one for the whole burst (not 41).
        #expect(backend.draws <= 3, "\(backend.draws) draws")
    }

    @Test func aPasteIsTypedIntoAnOpenValuePromptOnly() {
        var state = ExplorerState()
        state.screen = .cosine
        let app = ExplorerApp(state: state, glyphs: .unicode)
        let before = app.state
        app.handle(.paste("q\n2Tx"))
        #expect(app.state == before, "a paste with no prompt open changed the state")
        #expect(!app.wantsQuit)
        app.handle(.key(.enter))
        guard case .entry = app.state.overlay else {
            Issue.record("Enter did not open the value prompt: \(app.state.overlay)")
            return
        }
        app.handle(.paste("4\n5"))
        app.handle(.key(.enter))
        #expect(app.state.scale == 45)
        #expect(!app.wantsQuit)
    }
}
