import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// End-to-end: the real explorer in tmux, sent every signal whose default
/// action ends a process, crash signals from `kill`, a vanished terminal
/// and job control, gives the terminal back and reports what happened in
/// its exit status.
@Suite("Terminal signals", .tags(.terminal), TestRun.slow)
struct TerminalSignalTests {
    typealias Run = TerminalFaultTests.Run

    /// The pane's screen as text, for failure messages.
    static func text(_ session: TmuxSession) -> String { ((try? session.capture()) ?? []).joined(separator: "\n") }
    static var canRun: Bool { TerminalFaultTests.canRun }

    #if os(Linux)
        /// The fourteen signals of issue 16 (glibc's SIGRTMIN is 34, SIGRTMAX 64).
        static let fatalSignals: [Int32] = [
            SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS,
            SIGPIPE, SIGSTKFLT, SIGPWR, SIGIO, 34, 64,
        ]
    #else
        static let fatalSignals: [Int32] = [SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS, SIGPIPE]
    #endif

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"), arguments: fatalSignals)
    func everySignalThatEndsTheProgramRestoresTheTerminalFirst(_ signal: Int32) throws {
        let run = try Run.start()
        defer { run.finish() }
        try run.waitForExplorer()
        #expect(kill(try run.programPID(), signal) == 0)
        let (status, stty) = try run.outcome()
        #expect(status == 128 + signal)
        try run.expectRestored(stty)
        #expect(try run.session.display("#{mouse_any_flag}#{mouse_button_flag}#{mouse_sgr_flag}") == "000", "mouse reports left on")
    }

    /// SIGQUIT, SIGSEGV and SIGABRT sent with `kill` (no `SWIFT_BACKTRACE`, as a
    /// user runs it): restored at once, status 128 + n, no 30 s "Program crashed" prompt.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"), arguments: [SIGQUIT, SIGSEGV, SIGABRT])
    func crashSignalsFromKillEndAtOnceWithTheirStatus(_ signal: Int32) throws {
        let run = try Run.start(backtrace: false)
        defer { run.finish() }
        try run.waitForExplorer()
        let sent = Date()
        #expect(kill(try run.programPID(), signal) == 0)
        let (status, stty) = try run.outcome(timeout: 25)
        #expect(Date().timeIntervalSince(sent) < 20, "it waited (the backtracer's prompt holds 30 s)")
        #expect(status == 128 + signal)
        try run.expectRestored(stty)
        #expect(!(try run.session.capture(history: true)).contains { $0.contains("Program crashed") }, "\(run.screenText)")
    }

    /// The terminal goes away with SIGHUP ignored (nohup, some ssh setups): the
    /// next read fails with EIO; the program ends quietly with status 129, never a trap.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"), arguments: [1, 2])
    func aVanishedTerminalEndsQuietlyWithTheHangUpStatus(_ attempt: Int) throws {
        let run = try Run.start(prelude: "trap \"\" HUP;")
        defer { run.finish() }
        try run.waitForExplorer()
        let pid = try run.programPID()
        try run.session.tmux(["new-window", "-d", "-t", run.session.name, "sleep 60"])
        try run.session.tmux(["kill-pane", "-t", "\(run.session.name):0.0"])
        try #require(
            try run.session.waitUntil(timeout: 20) { FileManager.default.fileExists(atPath: run.report.path) },
            "marginscope (pid \(pid)) did not end after its pane was closed")
        let text = try String(contentsOf: run.report, encoding: .utf8)
        #expect(text.hasPrefix("MS-EXIT=129\n"), "attempt \(attempt): \(text.prefix(40))")
    }

    /// Ctrl-Z suspends (the shell gets a sane terminal back), a resize made while
    /// stopped is seen after `fg`, and the screen and mouse reports come back.
    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func controlZSuspendsAndFgRepaintsAtTheNewSize() throws {
        let binary = try #require(MarginScopeBinary.url)
        // An interactive shell, for job control.
        let session = try TmuxSession.start(command: "env PS1='$ ' bash --norc --noprofile -i")
        defer { session.kill() }
        try #require(try session.waitFor(text: "$"))
        try session.sendKeys("LANG=C.UTF-8 \"\(binary.path)\"; echo MS-EXIT=$?", "Enter")
        try #require(try session.waitFor(text: "1 Softmax", timeout: 30), "\(Self.text(session))")
        try #require(try session.waitUntil { try session.alternateOn() })
        #expect(try session.display("#{mouse_button_flag}") == "1")

        try session.sendKeys("C-z")
        #expect(try session.waitFor(text: "Stopped", timeout: 10), "\(Self.text(session))")
        #expect(try session.alternateOn() == false)
        #expect(try session.cursorVisible())
        #expect(try session.display("#{mouse_any_flag}#{mouse_button_flag}") == "00")
        try session.sendKeys(
            "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sort | tr '\\n' ' '; echo", "Enter")
        #expect(try session.waitFor(text: "echo icanon"), "\(Self.text(session))")

        try session.tmux(["resize-window", "-t", session.name, "-x", "100", "-y", "30"])
        try session.sendKeys("fg", "Enter")
        #expect(try session.waitUntil(timeout: 10) { try session.alternateOn() })
        #expect(
            try session.waitUntil(timeout: 10) { try session.capture().first { $0.contains("? help") }?.count == 100 },
            "\(Self.text(session))")
        #expect(try session.display("#{mouse_button_flag}#{mouse_sgr_flag}") == "11", "mouse mode not restored")
        // Repainted whole: exactly what `frame` prints for the same state and size, no shell text left.
        Thread.sleep(forTimeInterval: 0.3)
        let trim = { (lines: [String]) in lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) } }
        let framed = trim(
            Array(
                try Subprocess.run(binary.path, ["frame", "--size", "100x30"]).stdout
                    .components(separatedBy: "\n").prefix(30)))
        #expect(trim(Array(try session.capture().prefix(30))) == framed, "\(Self.text(session))")
        #expect(try session.cursorVisible() == false)
        try session.sendKeys("q")
        // After `fg` the shell does not run the rest of the command line; the state line shows a normal exit.
        #expect(try session.waitFor(text: "marginscope --state 'ms1;", timeout: 10), "\(Self.text(session))")
    }

    #if os(Linux)
        /// The batch screen's work runs on the worker pool's threads ("ms-pool"), which block the
        /// asynchronous signals, so a resize, Ctrl-Z or Ctrl-C is still taken by the explorer's own
        /// thread, as before the pool existed; faults stay unblocked. Read from /proc's per-thread
        /// `SigBlk` masks of the running explorer, started from a thread that blocks nothing.
        @Test(.enabled(if: canRun && ProcessInfo.processInfo.activeProcessorCount > 1, "needs tmux, 2 cores and the binary"))
        func thePoolThreadsLeaveSignalsToTheExplorersThread() throws {
            let run = try Run.start()
            defer { run.finish() }
            try run.waitForExplorer()
            try run.session.sendKeys("4")
            #expect(try run.session.waitFor(text: "BD-LMCL", timeout: 30), "\(run.screenText)")
            let pid = try run.programPID()
            func blocked(_ task: String) -> UInt64? {
                guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8),
                    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") })
                else { return nil }
                return UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16)
            }
            func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal - 1) }
            // "BD-LMCL" is on the screen before the batch job has started the pool (the settings
            // panel's title, drawn while the first snapshot is computed): wait for the pool's threads.
            func poolThreads() throws -> (tasks: [String], pool: [String]) {
                let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
                let pool = tasks.filter {
                    (try? String(contentsOfFile: "/proc/\(pid)/task/\($0)/comm", encoding: .utf8))?
                        .trimmingCharacters(in: .whitespacesAndNewlines) == "ms-pool"
                }
                return (tasks, pool)
            }
            var (tasks, pool) = try poolThreads()
            let deadline = Date().addingTimeInterval(20)
            while pool.isEmpty && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
                (tasks, pool) = try poolThreads()
            }
            #expect(!pool.isEmpty, "no ms-pool thread in \(tasks)")
            for task in pool {
                let mask = try #require(blocked(task))
                for signal in [SIGWINCH, SIGCONT, SIGTSTP, SIGINT, SIGTERM, SIGHUP] {
                    #expect(mask & bit(signal) != 0, "ms-pool thread \(task) takes signal \(signal)")
                }
                for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE] {
                    #expect(mask & bit(signal) == 0, "ms-pool thread \(task) blocks fault \(signal)")
                }
            }
            // The explorer's own thread takes them.
            let main = try #require(blocked(String(pid)))
            #expect(main & (bit(SIGWINCH) | bit(SIGTSTP) | bit(SIGCONT)) == 0)
            try run.session.sendKeys("q")
        }
    #endif
}
