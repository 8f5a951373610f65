import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// End-to-end: the real explorer (not the backend demo) in tmux, ended or
/// disturbed every way a classroom can manage, always gives the terminal back.
///
/// Each run starts `marginscope` in a private tmux server through a small shell
/// script that, once the program has ended, writes its exit status and
/// `stty -a` to a file. The checks: tmux's `alternate_on` is off, the cursor is
/// visible, and `stty -a` shows `icanon` and `echo` (canonical mode and echo
/// back). Waits poll (generous limits for a loaded two-core machine); every
/// tmux call is time-limited, and the server is killed in a `defer`.
@Suite("Terminal faults", .tags(.terminal), TestRun.slow)
struct TerminalFaultTests {
    static var canRun: Bool { TmuxSession.isAvailable && MarginScopeBinary.url != nil }

    /// One run of the explorer in a pane, with the file its shell reports to.
    struct Run {
        let session: TmuxSession
        let report: URL
        let directory: URL

        /// Starts `arguments` (shell words, already quoted) with `environment` prefixed,
        /// e.g. `"TERM=dumb"` or `"env -u TERM"`; `redirect` is appended to the program's command;
        /// `prelude` runs in the shell first (`trap '' HUP`). Without `backtrace`, `SWIFT_BACKTRACE`
        /// is left unset, as for a user.
        static func start(
            _ arguments: String = "", environment: String = "", redirect: String = "",
            prelude: String = "", backtrace: Bool = true,
            width: Int = 80, height: Int = 24
        ) throws -> Run {
            let binary = try #require(MarginScopeBinary.url)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marginscope-fault-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let report = directory.appendingPathComponent("report")
            // interactive=no: after a crash the Swift backtracer would otherwise wait for a key.
            let settings = backtrace ? "LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no" : "LANG=C.UTF-8"
            let program = "\(environment) \(settings) \"\(binary.path)\" \(arguments) \(redirect)"
            let script =
                "\(prelude) \(program); echo \"MS-EXIT=$?\" > \(report.path).tmp; stty -a >> \(report.path).tmp; "
                + "mv \(report.path).tmp \(report.path); sleep 60"
            let session = try TmuxSession.start(command: "sh -c '\(script)'", width: width, height: height)
            return Run(session: session, report: report, directory: directory)
        }

        /// The screen as text, for failure messages.
        var screenText: String { ((try? session.capture()) ?? []).joined(separator: "\n") }

        func finish() {
            session.kill()
            try? FileManager.default.removeItem(at: directory)
        }

        /// Waits for the explorer's first frame: its tab bar and the alternate screen.
        func waitForExplorer() throws {
            try #require(try session.waitFor(text: "1 Softmax", timeout: 30), "the explorer never drew: \(screenText)")
            try #require(try session.waitUntil(timeout: 10) { try session.alternateOn() }, "no alternate screen")
        }

        /// The exit status and `stty -a` words, once the program has ended.
        func outcome(timeout: TimeInterval = 30) throws -> (status: Int32?, stty: Set<String>) {
            try #require(
                try session.waitUntil(timeout: timeout) { FileManager.default.fileExists(atPath: report.path) },
                "the program did not end: \(screenText)")
            let text = try String(contentsOf: report, encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            let status = lines.first.flatMap { Int32($0.dropFirst("MS-EXIT=".count)) }
            let words = Set(
                lines.dropFirst().joined(separator: " ")
                    .split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init))
            return (status, words)
        }

        /// Alternate screen off, cursor visible, canonical mode and echo on.
        func expectRestored(_ stty: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try session.alternateOn() == false, "still on the alternate screen", sourceLocation: sourceLocation)
            #expect(try session.cursorVisible(), "cursor hidden", sourceLocation: sourceLocation)
            #expect(stty.contains("icanon") && stty.contains("echo"), "stty -a: \(stty.sorted())", sourceLocation: sourceLocation)
            #expect(!stty.contains("-icanon") && !stty.contains("-echo"), "stty -a: \(stty.sorted())", sourceLocation: sourceLocation)
        }

        /// The `marginscope` process running in the pane.
        func programPID() throws -> Int32 {
            let root = try session.panePID()
            var found: Int32?
            _ = try session.waitUntil(timeout: 10) {
                found = try TmuxSession.process(named: "marginscope", below: root)
                return found != nil
            }
            return try #require(found, "no marginscope process in the pane")
        }

        static func isAlive(_ pid: Int32) -> Bool {
            // Zombies count as gone: /proc/<pid>/stat's third field is the state.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            guard let close = stat.lastIndex(of: ")") else { return false }
            return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        }
    }

    // MARK: - Every way out

    enum Ending: String, CaseIterable, Sendable {
        case quitKey, controlC, sigterm, sighup, sigint, forcedTrap
    }

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"), arguments: Ending.allCases)
    func theExplorerGivesTheTerminalBackWhicheverWayItEnds(_ ending: Ending) throws {
        let run = try Run.start(ending == .forcedTrap ? "--force-trap" : "")
        defer { run.finish() }
        if ending != .forcedTrap {
            // The forced trap ends the program right after its first frame; the others wait for it.
            try run.waitForExplorer()
            #expect(try run.session.cursorVisible() == false)
        }
        switch ending {
        case .quitKey: try run.session.sendKeys("q")
        case .controlC: try run.session.sendKeys("C-c")
        case .sigterm: #expect(kill(try run.programPID(), SIGTERM) == 0)
        case .sighup: #expect(kill(try run.programPID(), SIGHUP) == 0)
        case .sigint: #expect(kill(try run.programPID(), SIGINT) == 0)
        case .forcedTrap: break
        }
        let (status, stty) = try run.outcome()
        try run.expectRestored(stty)
        let screen = try run.session.capture(history: true)
        switch ending {
        case .quitKey, .controlC:
            #expect(status == 0)
            // The state string is printed on the way out, on the normal screen.
            #expect(screen.contains { $0.contains("marginscope --state '") }, "\(screen)")
        case .sigterm: #expect(status == 128 + SIGTERM)
        case .sighup: #expect(status == 128 + SIGHUP)
        case .sigint: #expect(status == 128 + SIGINT)
        case .forcedTrap:
            // A Swift trap is SIGILL on x86_64 and SIGTRAP on arm64.
            #expect(status == 128 + SIGILL || status == 128 + SIGTRAP)
            #expect(screen.contains { $0.contains("Fatal error: forced trap for testing") }, "\(screen)")
        }
    }

    /// Closing the pane (what closing a terminal window does) hangs the program
    /// up; it must end at once, not spin on a terminal that is gone.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func closingThePaneEndsTheProgram() throws {
        // A second window keeps the server up after the pane is gone.
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        let pid = try run.programPID()
        try run.session.tmux(["new-window", "-d", "-t", run.session.name, "sleep 60"])
        try run.session.tmux(["kill-pane", "-t", "\(run.session.name):0.0"])
        let ended = try run.session.waitUntil(timeout: 20) { !Run.isAlive(pid) }
        if !ended { kill(pid, SIGKILL) }
        #expect(ended, "marginscope (pid \(pid)) still running after its pane was closed")
    }

    // MARK: - Disturbances while running

    /// Resizes, dozens of them, down to 1×1 and up to 300×100, with keys
    /// arriving in between; then the explorer must still draw and quit cleanly.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func aResizeStormWhileKeysArriveLeavesAWorkingExplorer() throws {
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        var random = FuzzRandom(seed: 6)
        // No Esc or q: with nothing open they quit.
        let keys = ["j", "l", "Tab", "Right", "?", "4", "]", "v", "H", "1", "a", "x", "Enter", "5", "Enter", "BTab", "Down"]
        let sizes = [(1, 1), (2, 2), (10, 3), (79, 23), (300, 100), (60, 20), (59, 19), (120, 40)]
        for i in 0..<40 {
            let (w, h) =
                i % 3 == 0 ? random.pick(sizes) : (Int.random(in: 1...300, using: &random), Int.random(in: 1...100, using: &random))
            try run.session.tmux(["resize-window", "-t", run.session.name, "-x", String(w), "-y", String(h)])
            try run.session.sendKeys(random.pick(keys))
            if i % 10 == 9 {
                #expect(!FileManager.default.fileExists(atPath: run.report.path), "the explorer ended during the storm")
            }
        }
        try run.session.tmux(["resize-window", "-t", run.session.name, "-x", "100", "-y", "30"])
        // Back to the softmax screen, whose title proves a full redraw at the new size: 1 shows it, or
        // closes help first; an open prompt is cancelled with Esc (never sent otherwise: it would quit).
        // Decide on a settled screen: under load the explorer may still be working through the storm's
        // keys, and an Esc aimed at a prompt that a queued Enter has already closed would quit.
        func settledScreen() throws -> [String] {
            var last = try run.session.capture()
            for _ in 0..<25 {
                Thread.sleep(forTimeInterval: 0.2)
                let now = try run.session.capture()
                if now == last { return now }
                last = now
            }
            return last
        }
        var redrawn = false
        for _ in 0..<6 where !redrawn {
            redrawn = try run.session.waitFor(text: "Softmax cross-entropy", timeout: 3)
            if !redrawn { try run.session.sendKeys(try settledScreen().contains { $0.contains("Type a value") } ? "Escape" : "1") }
        }
        #expect(redrawn, "\(run.screenText)")
        #expect(try run.session.alternateOn())
        try run.session.sendKeys("q")
        let (status, stty) = try run.outcome()
        #expect(status == 0)
        try run.expectRestored(stty)
    }

    /// A 1×1 terminal: the explorer shows what it can, takes keys, and quits cleanly.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func aOneByOneTerminalStillQuitsCleanly() throws {
        let run = try Run.start(width: 1, height: 1)
        defer { run.finish() }
        try #require(try run.session.waitUntil(timeout: 30) { try run.session.alternateOn() }, "never went full-screen")
        for key in ["j", "Tab", "?", "Escape", "l"] { try run.session.sendKeys(key) }
        #expect(!FileManager.default.fileExists(atPath: run.report.path), "the explorer ended before q")
        try run.session.sendKeys("q")
        let (status, stty) = try run.outcome()
        #expect(status == 0)
        try run.expectRestored(stty)
    }

    // MARK: - Terminals it cannot use

    enum Unusable: String, CaseIterable, Sendable {
        case termUnset, termDumb, termEmpty, stdoutToFile, stdinFromFile
    }

    /// No full-screen mode: exit status 1, one clear message on standard error
    /// naming the cause and pointing to `frame` and `compute`, nothing on
    /// standard output, and the terminal untouched.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"), arguments: Unusable.allCases)
    func aTerminalItCannotUseGetsAClearMessageAndIsLeftAlone(_ kind: Unusable) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marginscope-unusable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        let input = directory.appendingPathComponent("in")
        try Data("q\n".utf8).write(to: input)
        let environment: String, redirect: String, cause: String
        switch kind {
        case .termUnset: (environment, redirect, cause) = ("env -u TERM", "2> \(err.path)", "TERM environment variable is not set")
        case .termDumb: (environment, redirect, cause) = ("TERM=dumb", "2> \(err.path)", "TERM is \"dumb\"")
        case .termEmpty: (environment, redirect, cause) = ("TERM=", "2> \(err.path)", "TERM environment variable is not set")
        case .stdoutToFile: (environment, redirect, cause) = ("", "> \(out.path) 2> \(err.path)", "standard output is not one")
        case .stdinFromFile: (environment, redirect, cause) = ("", "< \(input.path) 2> \(err.path)", "standard input is not one")
        }
        let run = try Run.start(environment: environment, redirect: redirect)
        defer { run.finish() }
        let (status, stty) = try run.outcome()
        #expect(status == 1)
        try run.expectRestored(stty)
        let message = try String(contentsOf: err, encoding: .utf8)
        #expect(message.contains(cause), "\(message)")
        #expect(message.contains("marginscope frame") && message.contains("marginscope compute"), "\(message)")
        #expect(message.filter { $0 == "\n" }.count == 1, "one line: \(message)")
        if kind == .stdoutToFile { #expect(try Data(contentsOf: out).isEmpty) }
        // Nothing reached the terminal: the pane shows no escape-sequence debris or text.
        #expect(
            try run.session.capture().allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty },
            "\(run.screenText)")
    }

    /// Neither standard input nor output a terminal (a pipe, cron, CI): the same clear refusal, without tmux.
    @Test(.enabled(if: MarginScopeBinary.url != nil, "needs a built marginscope binary"))
    func noTerminalAtAllGetsTheSameRefusal() throws {
        let binary = try #require(MarginScopeBinary.url)
        let result = try Subprocess.run(binary.path, [], timeout: 30)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("standard input is not one") && result.stderr.contains("marginscope frame"), "\(result.stderr)")
    }

    /// A `TERM` terminfo does not know: the explorer falls back to xterm-256color, says so, and quits cleanly.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func anUnknownTermFallsBackAndSaysSo() throws {
        let run = try Run.start(environment: "TERM=no-such-terminal-type")
        defer { run.finish() }
        try run.waitForExplorer()
        #expect(try run.session.waitFor(text: "no-such-terminal-type", timeout: 10), "\(run.screenText)")
        try run.session.sendKeys("q")
        let (status, stty) = try run.outcome()
        #expect(status == 0)
        try run.expectRestored(stty)
    }
}
