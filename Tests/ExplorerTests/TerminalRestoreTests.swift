import Foundation
import TestSupport
import Testing

/// End-to-end: the real `marginscope` binary in tmux gives the terminal back
/// on every way out (Docs/Decisions.md: the terminal restorer).
///
/// Each case runs the hidden backend demo (`marginscope --backend-demo`, with
/// `--force-trap` for the crash) in a private tmux server, waits until it is
/// full-screen, ends it one way, and then checks in the same pane that the
/// alternate screen is off, the cursor is visible and `stty -a` shows
/// canonical input with echo. Skipped when tmux or the binary is missing.
@Suite("Terminal restoration", .tags(.terminal), TestRun.slow)
struct TerminalRestoreTests {
    /// The ways the program can end.
    enum Ending: String, CaseIterable, Sendable {
        case quitKey, controlC, sigterm, sighup, forcedTrap
    }

    static var canRun: Bool { TmuxSession.isAvailable && MarginScopeBinary.url != nil }

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"), arguments: Ending.allCases)
    func terminalIsRestoredWhicheverWayTheProgramEnds(_ ending: Ending) throws {
        let binary = try #require(MarginScopeBinary.url)
        let flags = ending == .forcedTrap ? "--backend-demo --force-trap" : "--backend-demo"
        // interactive=no: after a crash the Swift backtracer would otherwise
        // wait 30 s for a key ("Press space to interact").
        let program = "LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no \"\(binary.path)\" \(flags)"
        let session = try TmuxSession.start(
            command: "sh -c '\(program); echo MS-EXIT=$?; stty -a; echo MS-DONE; sleep 30'")
        defer { session.kill() }

        try #require(try session.waitFor(text: "MarginScope backend demo"), "the demo never drew its screen")
        try #require(try session.waitUntil { try session.alternateOn() }, "the demo never entered the alternate screen")
        #expect(try session.cursorVisible() == false)

        switch ending {
        case .quitKey: try session.sendKeys("q")
        case .controlC: try session.sendKeys("C-c")
        case .sigterm: try signalDemo(in: session, SIGTERM)
        case .sighup: try signalDemo(in: session, SIGHUP)
        case .forcedTrap: try session.sendKeys("x")
        }

        try #require(try session.waitFor(text: "MS-DONE", history: true, timeout: 20), "the demo did not exit")
        let lines = try session.capture(history: true)
        #expect(try session.alternateOn() == false)
        #expect(try session.cursorVisible())

        let afterExit = lines.drop(while: { !$0.hasPrefix("MS-EXIT=") })
        let status = afterExit.first.flatMap { Int32($0.dropFirst("MS-EXIT=".count)) }
        switch ending {
        case .quitKey, .controlC: #expect(status == 0)
        case .sigterm: #expect(status == 128 + SIGTERM)
        case .sighup: #expect(status == 128 + SIGHUP)
        case .forcedTrap:
            // A Swift trap is SIGILL on x86_64 and SIGTRAP on arm64.
            #expect(status == 128 + SIGILL || status == 128 + SIGTRAP)
            // Written while full-screen; it must survive leaving the alternate screen.
            #expect(lines.contains { $0.contains("Fatal error: forced trap for testing") })
        }
        let words = Set(afterExit.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon"), "stty -a after exit: \(afterExit.joined(separator: "\n"))")
        #expect(words.contains("echo"))
        #expect(!words.contains("-icanon") && !words.contains("-echo"))
    }

    /// Sends `signal` to the `marginscope` process running in the pane.
    private func signalDemo(in session: TmuxSession, _ signal: Int32) throws {
        let pid = try #require(
            try TmuxSession.process(named: "marginscope", below: session.panePID()), "no marginscope process in the pane")
        #expect(Foundation.kill(pid, signal) == 0)
    }
}
