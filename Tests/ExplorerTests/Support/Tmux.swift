import Foundation
import TestSupport

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
        _ = try session.tmux([
            "-f", "/dev/null", "new-session", "-d", "-s", session.name,
            "-x", String(width), "-y", String(height), command,
        ])
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
        let result = try Subprocess.run(executable.path, ["-L", socket] + arguments, timeout: 15)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }
}

extension TmuxSession {
    /// The pid of the process whose command starts with `name` among the descendants of `root`, read from `ps`.
    static func process(named name: String, below root: Int32) throws -> Int32? {
        let text = try Subprocess.run("/bin/ps", ["-A", "-o", "pid=,ppid=,comm="], timeout: 15).stdout
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
