import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// End-to-end: what terminals actually send reaches the real explorer in
/// tmux as the keys meant, whatever `TERM` says; nothing a terminal sends on
/// its own (focus reports, pastes, Alt combinations, escape sequences split
/// by a slow link) ends the program or acts as another key.
@Suite("Terminal input", .tags(.terminal), TestRun.slow)
struct TerminalInputTests {
    typealias Run = TerminalFaultTests.Run

    /// The pane's screen as text, for failure messages.
    static func text(_ session: TmuxSession) -> String { ((try? session.capture()) ?? []).joined(separator: "\n") }
    static var canRun: Bool { TerminalFaultTests.canRun }

    /// A small batch, so the batch screen is ready at once in a debug build.
    static let smallBatch = "--state \"ms1;screen=batch;N=64;C=10\""

    /// Sends raw bytes to the pane, as a terminal would.
    static func sendBytes(_ run: Run, _ text: String) throws {
        try run.session.sendKeys(text, literal: true)
    }

    static func expectRunning(_ run: Run, after what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Give a wrongly read key time to act before looking.
        Thread.sleep(forTimeInterval: 0.4)
        #expect(
            !FileManager.default.fileExists(atPath: run.report.path), "the explorer ended after \(what)", sourceLocation: sourceLocation)
        #expect(
            try run.session.capture().contains { $0.contains("? help") }, "the explorer's screen is gone after \(what)",
            sourceLocation: sourceLocation)
    }

    @Test(
        .enabled(if: canRun, "needs tmux and a built marginscope binary"),
        arguments: ["xterm-256color", "xterm", "vt100", "screen", "tmux-256color"])
    func keysReachTheExplorerWhateverTheTerminalType(_ term: String) throws {
        let run = try Run.start(Self.smallBatch, environment: "TERM=\(term)")
        defer { run.finish() }
        try #require(try run.session.waitFor(text: "#0:", timeout: 30), "the batch screen never drew: \(run.screenText)")

        // tmux's End and Home (ESC[4~ and ESC[1~ with its own TERM), then xterm's and PuTTY's spellings.
        try run.session.sendKeys("End")
        #expect(try run.session.waitFor(text: "#63:"), "End: \(run.screenText)")
        try run.session.sendKeys("Home")
        #expect(try run.session.waitFor(text: "#0:"), "Home: \(run.screenText)")
        try Self.sendBytes(run, "\u{1B}[F")
        #expect(try run.session.waitFor(text: "#63:"), "xterm End: \(run.screenText)")
        try Self.sendBytes(run, "\u{1B}[1~")
        #expect(try run.session.waitFor(text: "#0:"), "PuTTY Home: \(run.screenText)")
        try Self.sendBytes(run, "\u{1B}[4~")
        #expect(try run.session.waitFor(text: "#63:"), "PuTTY End: \(run.screenText)")
        try Self.sendBytes(run, "\u{1B}OH")
        #expect(try run.session.waitFor(text: "#0:"), "application-mode Home: \(run.screenText)")

        // Alt with letters and digits, focus reports, F13, a colour reply, a cursor report, a title.
        let before = try run.session.capture()
        try run.session.sendKeys("M-1", "M-q", "M-a")
        try Self.sendBytes(run, "\u{1B}[I\u{1B}[O\u{1B}[1;2P\u{1B}[25~\u{1B}]11;rgb:0000/0000/0000\u{07}\u{1B}[5;10R\u{1B}]0;q\u{1B}\\")
        try Self.expectRunning(run, after: "Alt keys, focus reports, F13 and replies")
        #expect(try run.session.capture() == before, "the screen changed: \(run.screenText)")

        try run.session.sendKeys("q")
        let (status, stty) = try run.outcome()
        #expect(status == 0)
        try run.expectRestored(stty)
    }

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func aPasteContainingQIsNotTypedAsKeys() throws {
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        try Self.sendBytes(run, "\u{1B}[200~q\rqx\u{03}\u{1B}[201~")
        try Self.expectRunning(run, after: "a paste of q, x and Ctrl-C")
        // Into an open value prompt it is typed as text: s = 12 (s is selected on the cosine screen).
        try run.session.sendKeys("2")
        try #require(try run.session.waitFor(text: "Cosine margin"))
        try run.session.sendKeys("Enter")
        try #require(try run.session.waitFor(text: "Type a value"), "\(run.screenText)")
        try Self.sendBytes(run, "\u{1B}[200~12\u{1B}[201~")
        try run.session.sendKeys("Enter")
        try run.session.sendKeys("q")
        let (status, _) = try run.outcome()
        #expect(status == 0)
        let screen = try run.session.capture(history: true).joined()
        #expect(screen.contains(";s=12;"), "\(screen)")
    }

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func anArrowSplitByASlowLinkIsStillAnArrow() throws {
        let run = try Run.start("--screen cosine")
        defer { run.finish() }
        try run.waitForExplorer()
        try #require(try run.session.waitFor(text: "30.00"), "\(run.screenText)")
        // s is selected: → adds 1. ESC now, the rest 30 ms later, as over a slow ssh link.
        try Self.sendBytes(run, "\u{1B}")
        Thread.sleep(forTimeInterval: 0.03)
        try Self.sendBytes(run, "[C")
        #expect(try run.session.waitFor(text: "31.00"), "\(run.screenText)")
        try Self.expectRunning(run, after: "a split arrow sequence")
        try run.session.sendKeys("q")
        #expect(try run.outcome().status == 0)
    }

    /// The mouse still works through the parser: a drag on the s slider sets s, the wheel moves the selection.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func mouseDragsAndTheWheelStillWork() throws {
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        func row(_ index: Int) throws -> String { try run.session.capture()[index] }
        try #require(try row(2).contains("30.00"), "\(run.screenText)")
        // SGR reports, as tmux sends them with mode 1006: press on the track, drag right, release.
        try Self.sendBytes(run, "\u{1B}[<0;20;3M\u{1B}[<32;30;3M\u{1B}[<0;30;3m")
        #expect(try run.session.waitUntil(timeout: 5) { try !row(2).contains("30.00") && row(2).contains("▶ s") }, "\(run.screenText)")
        try Self.sendBytes(run, "\u{1B}[<65;10;10M")
        #expect(try run.session.waitUntil(timeout: 5) { try row(3).contains("▶ m") }, "\(run.screenText)")
        try run.session.sendKeys("q")
        #expect(try run.outcome().status == 0)
    }

    /// Esc alone reaches the explorer as Esc (it closes the help), after the escape delay.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func escAloneArrivesAsEsc() throws {
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        try run.session.sendKeys("?")
        try #require(try run.session.waitFor(text: "this help"), "\(run.screenText)")
        try run.session.sendKeys("Escape")
        #expect(
            try run.session.waitUntil(timeout: 5) { try !run.session.capture().contains { $0.contains("this help") } },
            "Esc did not close the help: \(run.screenText)")
        try Self.expectRunning(run, after: "Esc closed the help")
        try run.session.sendKeys("q")
        #expect(try run.outcome().status == 0)
    }

    /// Another program writes to the terminal; Ctrl-L puts back exactly the screen `frame` prints.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func controlLRepaintsTheWholeScreenAfterAForeignWrite() throws {
        let binary = try #require(MarginScopeBinary.url)
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        let tty = try run.session.display("#{pane_tty}")
        let garbage = "\u{1B}[5;3HGARBAGE-1\u{1B}[12;40H-29.96.9 0.07\u{1B}[2J\u{1B}[20;1HGARBAGE-2\n"
        let handle = try #require(FileHandle(forWritingAtPath: tty), "cannot open \(tty)")
        handle.write(Data(garbage.utf8))
        try handle.close()
        try #require(try run.session.waitFor(text: "GARBAGE-2"), "the foreign write did not show: \(run.screenText)")
        try run.session.sendKeys("C-l")
        #expect(
            try run.session.waitUntil(timeout: 5) { try !run.session.capture().contains { $0.contains("GARBAGE") } },
            "\(run.screenText)")
        Thread.sleep(forTimeInterval: 0.3)
        let expected = try Subprocess.run(binary.path, ["frame", "--size", "80x24"]).stdout
        let trim = { (lines: [String]) in lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) } }
        let shown = trim(Array(try run.session.capture().prefix(24)))
        let framed = trim(Array(expected.components(separatedBy: "\n").prefix(24)))
        #expect(shown == framed, "screen:\n\(shown.joined(separator: "\n"))\nframe:\n\(framed.joined(separator: "\n"))")
        try run.session.sendKeys("q")
        #expect(try run.outcome().status == 0)
    }

    /// 10,000 keys arrive at once (a held key, a paste without brackets); they are
    /// worked through and the explorer answers `q` within seconds, with the right state.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func tenThousandKeysAtOnceAreHandledWithinSeconds() throws {
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        // j then k: one field down and back up, 5,000 times; the state ends where it began.
        let start = Date()
        try Self.sendBytes(run, String(repeating: "jk", count: 5_000) + "S")
        try #require(try run.session.waitFor(text: "ms1;", timeout: 60), "\(run.screenText)")
        let elapsed = Date().timeIntervalSince(start)
        try run.session.sendKeys("q")
        let (status, _) = try run.outcome()
        #expect(status == 0)
        #expect(elapsed < 15, "10,000 keys took \(elapsed) s")
        let screen = try run.session.capture(history: true).joined()
        // The teaching example the explorer opens on.
        #expect(screen.contains("marginscope --state 'ms1;screen=cosine;s=30;m=0.35;y=0;cos=0.62,0.5,0.2,-0.1;"), "\(screen)")
    }

    /// Exported COLUMNS and LINES (a shell's, from before a resize) do not fix the size.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func theRealWindowSizeBeatsExportedColumnsAndLines() throws {
        let run = try Run.start(environment: "COLUMNS=50 LINES=15")
        defer { run.finish() }
        try run.waitForExplorer()
        // The tab bar ends with "? help" at the right edge; the hint bar is the last row.
        func rightEdge() throws -> Int { try run.session.capture().first { $0.contains("? help") }.map { $0.count } ?? 0 }
        #expect(try run.session.waitUntil(timeout: 10) { try rightEdge() == 80 }, "\(run.screenText)")
        #expect(try run.session.capture().prefix(24).last?.contains("quit") == true, "\(run.screenText)")
        try run.session.tmux(["resize-window", "-t", run.session.name, "-x", "100", "-y", "30"])
        #expect(try run.session.waitUntil(timeout: 10) { try rightEdge() == 100 }, "\(run.screenText)")
        try run.session.sendKeys("q")
        #expect(try run.outcome().status == 0)
    }

    /// A UTF-8 locale that is not installed still gets Unicode (through C.UTF-8), not ASCII.
    @Test(.enabled(if: canRun && !Self.localeInstalled("en_US.utf8"), "needs tmux, the binary, and en_US.UTF-8 not installed"))
    func anUninstalledUtf8LocaleFallsBackToCUtf8() throws {
        let binary = try #require(MarginScopeBinary.url)
        let session = try TmuxSession.start(command: "env LANG=en_US.UTF-8 LC_ALL= \"\(binary.path)\"; sleep 30")
        defer { session.kill() }
        try #require(try session.waitFor(text: "Softmax", timeout: 30))
        #expect(try session.waitUntil(timeout: 5) { try session.capture().joined().contains("┌") }, "ASCII frame: \(Self.text(session))")
        try session.sendKeys("q")
    }

    static func localeInstalled(_ name: String) -> Bool {
        ((try? Subprocess.run("/usr/bin/locale", ["-a"]).stdout) ?? "").split(separator: "\n").contains {
            $0.lowercased() == name.lowercased()
        }
    }
}
