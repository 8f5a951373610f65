import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program running in a private tmux server, for end-to-end tests of the
/// real binary: send keys, read the screen, ask tmux about the terminal.
///
/// Every session has its own server (`tmux -L marginscope-test-<uuid>`,
/// started with `-f /dev/null` so no user configuration applies), so tests
/// can run in parallel and never touch a tmux the developer is using. Call
/// `kill()` when done (a `defer` right after `start`).
///
/// Tests that need tmux should be gated on `TmuxSession.isAvailable`, so that
/// a machine without tmux skips them instead of failing.
struct TmuxSession {
    /// The `-L` socket name of this session's private server.
    let socket: String
    /// The session name inside that server.
    let name: String

    /// Something tmux refused or that did not happen in time.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The tmux executable on `PATH`, or `nil`.
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Whether tmux is installed; tests skip when it is not.
    static var isAvailable: Bool { executable != nil }

    /// Starts `command` (run by tmux through `sh -c`) in a detached pane of
    /// `width` × `height` cells.
    static func start(command: String, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        let session = TmuxSession(socket: "marginscope-test-\(UUID().uuidString)", name: "e2e")
        _ = try session.tmux(["-f", "/dev/null", "new-session", "-d", "-s", session.name,
                              "-x", String(width), "-y", String(height), command])
        return session
    }

    /// Sends keys in tmux's notation (`"q"`, `"C-c"`, `"Up"`, `"Enter"`); with
    /// `literal`, the strings are typed as they are (`send-keys -l`).
    func sendKeys(_ keys: String..., literal: Bool = false) throws {
        _ = try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible screen as lines; with `history`, the scrollback too, and
    /// lines the terminal wrapped are joined again.
    func capture(history: Bool = false) throws -> [String] {
        let options = history ? ["-J", "-S", "-2000"] : []
        let text = try tmux(["capture-pane", "-p", "-t", name] + options)
        return text.components(separatedBy: "\n")
    }

    /// A tmux format (`#{alternate_on}`, `#{cursor_flag}`, …) for the pane.
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the pane is showing the alternate screen (a full-screen program is on).
    func alternateOn() throws -> Bool { try display("#{alternate_on}") == "1" }

    /// Whether the cursor is visible in the pane.
    func cursorVisible() throws -> Bool { try display("#{cursor_flag}") == "1" }

    /// Whether the pane's command has exited (only kept with `remain-on-exit`).
    func paneDead() throws -> Bool { try display("#{pane_dead}") == "1" }

    /// The process id of the pane's first process (the shell running `command`).
    func panePID() throws -> Int32 {
        guard let pid = Int32(try display("#{pane_pid}")) else { throw Failure(description: "tmux gave no pane pid") }
        return pid
    }

    /// Waits until `text` appears on the screen (or in the scrollback with
    /// `history`); false after `timeout` seconds.
    @discardableResult
    func waitFor(text: String, history: Bool = false, timeout: TimeInterval = 10) throws -> Bool {
        try waitUntil(timeout: timeout) { try capture(history: history).contains { $0.contains(text) } }
    }

    /// Polls `condition` every 50 ms until it holds; false after `timeout` seconds.
    func waitUntil(timeout: TimeInterval = 10, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Ends the session's server and everything running in it.
    func kill() {
        _ = try? tmux(["kill-server"])
    }

    /// Runs tmux on this session's server and returns its standard output.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        guard let executable = Self.executable else { throw Failure(description: "tmux is not installed") }
        let result = try Subprocess.run(executable.path, ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.errors)")
        }
        return result.output
    }
}

/// Runs a short command synchronously, with a clean signal state and a time limit.
///
/// Not Foundation's `Process`: it spawns with the signal mask of the calling
/// thread, and test threads block most signals, so a tmux server started that
/// way never sees SIGTERM or SIGCHLD and `kill-server` waits forever. Here the
/// child starts with no signal blocked and every disposition at its default.
enum Subprocess {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ path: String, _ arguments: [String], timeout: Double = 15) throws -> Result {
        let directory = FileManager.default.temporaryDirectory
        let outputURL = directory.appendingPathComponent("marginscope-e2e-\(UUID().uuidString).out")
        let errorsURL = directory.appendingPathComponent("marginscope-e2e-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorsURL)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environment)
        guard spawned == 0 else {
            throw TmuxSession.Failure(description: "cannot run \(path): error \(spawned)")
        }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() >= deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw TmuxSession.Failure(description: "\(path) \(arguments.joined(separator: " ")) took over \(timeout) s")
            }
            usleep(5_000)
        }
        let exited = status & 0x7F == 0
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Result(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                      output: read(outputURL), errors: read(errorsURL))
    }
}

/// The built `marginscope` executable, for end-to-end tests.
enum MarginScopeBinary {
    /// `MARGINSCOPE_BINARY` if set, else the first executable named
    /// `marginscope` found beside the test bundle or in a folder above it
    /// (SwiftPM puts both in the same products folder); `nil` when none is built.
    static var url: URL? {
        if let explicit = ProcessInfo.processInfo.environment["MARGINSCOPE_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let starts = [Bundle.main.executableURL, Bundle.main.bundleURL,
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".")].compactMap { $0 }
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<6 {
                for sub in ["", "debug", "release"] {
                    let candidate = (sub.isEmpty ? directory : directory.appendingPathComponent(sub))
                        .appendingPathComponent("marginscope")
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                       !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path) {
                        return candidate
                    }
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        return nil
    }
}

extension TmuxSession {
    /// The pid of the process whose command starts with `name` among the descendants of `root`, read from `ps`.
    static func process(named name: String, below root: Int32) throws -> Int32? {
        let text = try Subprocess.run("/bin/ps", ["-A", "-o", "pid=,ppid=,comm="]).output
        var parent: [Int32: Int32] = [:]
        var command: [Int32: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard fields.count == 3, let pid = Int32(fields[0]), let ppid = Int32(fields[1]) else { continue }
            parent[pid] = ppid
            command[pid] = String(fields[2])
        }
        func descends(_ pid: Int32) -> Bool {
            var current = pid
            for _ in 0..<16 {
                guard let up = parent[current] else { return false }
                if up == root { return true }
                current = up
            }
            return false
        }
        return command.first { $0.value.hasPrefix(name) && descends($0.key) }?.key
    }
}
