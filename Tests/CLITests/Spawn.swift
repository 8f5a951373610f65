import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the real binary with its standard output wired the way a failing shell would wire it,
/// which `Process` cannot do: to `/dev/full`, closed, or into a pipe whose reader is gone.
enum Spawn {
    /// Where the child's standard output goes.
    enum Output: String, CustomTestStringConvertible, CaseIterable, Sendable {
        /// `> /dev/full`: every write fails with ENOSPC.
        case full
        /// `>&-`: writes fail with EBADF.
        case closed
        /// A pipe whose read end was closed before the child started: writes raise SIGPIPE,
        /// or fail with EPIPE when it is ignored.
        case brokenPipe
        var testDescription: String { rawValue }
    }

    /// How the child ended: an exit status, or the signal that killed it.
    struct Ending: Equatable, CustomStringConvertible {
        var status: Int32?
        var signal: Int32?
        var stderr: String
        var description: String {
            (status.map { "exit \($0)" } ?? "signal \(signal ?? 0)") + ", stderr: \(stderr.debugDescription)"
        }
    }

    /// Runs `arguments` (the executable first) with `output` as standard output, standard input
    /// from `/dev/null`, and SIGPIPE at its default or ignored (`ignoringSIGPIPE`, through
    /// `sh -c 'trap "" PIPE; exec …'`, since a spawned process inherits an ignored signal).
    static func run(_ arguments: [String], output: Output, ignoringSIGPIPE: Bool) throws -> Ending {
        let directory = try TemporaryDirectory()
        let errPath = directory.url.appendingPathComponent("stderr").path
        let argv = ignoringSIGPIPE ? ["/bin/sh", "-c", "trap '' PIPE; exec \"$@\"", "sh"] + arguments : arguments

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pipeEnds: [Int32] = [-1, -1]
        switch output {
        case .full: posix_spawn_file_actions_addopen(&actions, 1, "/dev/full", O_WRONLY, 0)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        case .brokenPipe:
            try #require(pipe(&pipeEnds) == 0)
            close(pipeEnds[0])
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        defer { if pipeEnds[1] >= 0 { close(pipeEnds[1]) } }

        // Whatever the test runner does with SIGPIPE, the child starts with the default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")
        if pipeEnds[1] >= 0 { close(pipeEnds[1]); pipeEnds[1] = -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        if status & 0x7F == 0 { return Ending(status: (status >> 8) & 0xFF, signal: nil, stderr: stderr) }
        return Ending(status: nil, signal: status & 0x7F, stderr: stderr)
    }

    /// Runs `script` with `/bin/sh -c` (`$0` is the binary), for limits (`ulimit -v`) and
    /// endless inputs (`yes … |`); standard output and error are captured in files.
    static func shell(_ script: String, binary: URL) throws -> RunResult {
        try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, binary.path])
    }
}
