import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The outcome of one run of a program.
public struct RunResult: Sendable {
    /// The exit status, or 128 + n when signal n ended the program (the shell's convention).
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
}

/// Runs a program to its end and collects what it wrote, for every test target.
///
/// Output goes to temporary files (no pipe to fill and deadlock on large outputs); the child
/// starts with every signal at its default and none blocked, whatever the test runner set,
/// so signal tests see what a shell user would. A run past `timeout` is killed and fails.
public enum Subprocess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public static func run(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        directory: URL? = nil, timeout: Double = 300
    ) throws -> RunResult {
        try run(executable.path, arguments, stdin: stdin, environment: environment, directory: directory, timeout: timeout)
    }

    /// Runs `path` with `arguments`; `environment` replaces the test's own when given.
    public static func run(
        _ path: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        directory: URL? = nil, timeout: Double = 300
    ) throws -> RunResult {
        let scratch = try TemporaryDirectory()
        let outputURL = scratch.url.appendingPathComponent("stdout")
        let errorsURL = scratch.url.appendingPathComponent("stderr")
        let inputURL = scratch.url.appendingPathComponent("stdin")
        if let stdin { try stdin.write(to: inputURL) }

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
        posix_spawn_file_actions_addopen(&actions, 0, stdin == nil ? "/dev/null" : inputURL.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // posix_spawn_file_actions_addchdir_np is not in Swift's Glibc module: a shell changes directory, then execs.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, path] } ?? [path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        // A bare name is looked up in PATH, as a shell would.
        let spawned =
            command[0].contains("/")
            ? posix_spawn(&pid, command[0], &actions, &attributes, argv, variables)
            : posix_spawnp(&pid, command[0], &actions, &attributes, argv, variables)
        guard spawned == 0 else { throw Failure("cannot run \(path): error \(spawned)") }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() >= deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw Failure("\(path) \(arguments.joined(separator: " ")) took over \(timeout) s")
            }
            usleep(2_000)
        }
        let exited = status & 0x7F == 0
        let output = (try? Data(contentsOf: outputURL)) ?? Data()
        let errors = (try? Data(contentsOf: errorsURL)) ?? Data()
        return RunResult(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self),
            stdoutData: output)
    }
}
