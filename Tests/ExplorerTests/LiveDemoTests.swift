import Foundation
import TestSupport
import Testing

/// The instructor's demo of issue 10, end to end in tmux at 80×24: keys that must not
/// end or damage a demo, a foreign write repaired by Ctrl-L, and at the end the screen
/// is exactly what `frame` draws for the state the explorer reports.
@Suite("Live demo", .tags(.terminal), TestRun.slow)
struct LiveDemoTests {
    typealias Run = TerminalFaultTests.Run

    /// The state string shown by `S`: the box's lines from "ms1;" up to the closing note, joined.
    static func stateString(_ screen: [String]) -> String? {
        guard let first = screen.firstIndex(where: { $0.contains("ms1;") }) else { return nil }
        var text = ""
        for line in screen[first...] {
            guard !line.contains("(one line") else { break }
            let inner = line.trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "┃|#")).trimmingCharacters(in: .whitespaces)
            text += inner
        }
        return text.hasPrefix("ms1;") ? text : nil
    }

    @Test(.enabled(if: TerminalInputTests.canRun, "needs tmux and a built marginscope binary"))
    func aDemoSurvivesEveryKeyAndEndsOnTheScreenFrameDraws() throws {
        let binary = try #require(MarginScopeBinary.url)
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()

        // Esc, Alt-1 (ESC 1) and an arrow split by a slow link: none quits, none is another key.
        try run.session.sendKeys("Escape")
        try TerminalInputTests.expectRunning(run, after: "Esc")
        try TerminalInputTests.sendBytes(run, "\u{1B}1")
        try TerminalInputTests.expectRunning(run, after: "M-1")
        #expect(!(try run.session.capture().contains { $0.contains("logit x_j") }), "M-1 acted as 1: \(run.screenText)")
        try TerminalInputTests.sendBytes(run, "\u{1B}")
        Thread.sleep(forTimeInterval: 0.03)
        try TerminalInputTests.sendBytes(run, "[C")
        #expect(try run.session.waitFor(text: "31.00"), "the split → did not raise s to 31: \(run.screenText)")

        // x on screen 2 with s selected: nothing deleted, the status line says why.
        try run.session.sendKeys("2", "x")
        #expect(try run.session.waitFor(text: "Select a class first"), "\(run.screenText)")
        #expect(try run.session.capture().contains { $0.contains("-0.100") }, "x deleted a class: \(run.screenText)")

        // c twice is lossless; u and Ctrl-R undo and redo.
        try run.session.sendKeys("c", "c", "u", "C-r")
        try TerminalInputTests.expectRunning(run, after: "c c u Ctrl-R")

        // Another program writes over the screen; Ctrl-L repairs it.
        let tty = try run.session.display("#{pane_tty}")
        let handle = try #require(FileHandle(forWritingAtPath: tty), "cannot open \(tty)")
        handle.write(Data("\u{1B}[5;3HFOREIGN-1\u{1B}[12;40H-29.96.9 0.07\u{1B}[20;1HFOREIGN-2\n".utf8))
        try handle.close()
        try #require(try run.session.waitFor(text: "FOREIGN-2"), "the foreign write did not show: \(run.screenText)")
        try run.session.sendKeys("C-l")
        #expect(
            try run.session.waitUntil(timeout: 5) { try !run.session.capture().contains { $0.contains("FOREIGN") } },
            "\(run.screenText)")

        // The state the explorer reports, then the overlay closed (Esc closes, never quits).
        try run.session.sendKeys("S")
        try #require(try run.session.waitFor(text: "ms1;"), "\(run.screenText)")
        let state = try #require(Self.stateString(try run.session.capture()), "no state string in \(run.screenText)")
        try run.session.sendKeys("Escape")
        #expect(
            try run.session.waitUntil(timeout: 5) { try !run.session.capture().contains { $0.contains("ms1;") } },
            "\(run.screenText)")
        Thread.sleep(forTimeInterval: 0.3)
        try TerminalInputTests.expectRunning(run, after: "the whole demo")

        let expected = try Subprocess.run(binary.path, ["frame", "--size", "80x24", "--state", state]).stdout
        let trim = { (lines: [String]) in lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) } }
        let shown = trim(Array(try run.session.capture().prefix(24)))
        let framed = trim(Array(expected.components(separatedBy: "\n").prefix(24)))
        #expect(shown == framed, "state \(state)\nscreen:\n\(shown.joined(separator: "\n"))\nframe:\n\(framed.joined(separator: "\n"))")
        #expect(state.contains("s=31"), "\(state)")
        try run.session.sendKeys("q")
        #expect(try run.outcome().status == 0)
    }
}
