import Foundation
import LossMath
import Testing

/// The outcome of one run of the real `marginscope` binary.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

/// Runs the built `marginscope` executable, found next to the test bundle.
enum CLI {
    /// The executable: `MARGINSCOPE_TEST_BINARY` if set (to run the tests against another
    /// build, e.g. the commit before a fix), else searched upward from the test bundle (which
    /// handles `--scratch-path`), else `.build/debug/marginscope` relative to this file.
    static let binary: URL? = {
        let manager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["MARGINSCOPE_TEST_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("marginscope")
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   manager.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
        }
        let fallback = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/marginscope")
        return manager.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }()

    /// Runs `marginscope compute <arguments>` (or the bare command with `subcommand: nil`).
    static func run(_ arguments: [String], stdin: Data? = nil, subcommand: String? = "compute") throws -> RunResult {
        let binary = try #require(binary, "the marginscope executable was not found next to the test bundle")
        return try Subprocess.run(binary, (subcommand.map { [$0] } ?? []) + arguments, stdin: stdin)
    }
}

/// Process spawning with output to temporary files (no pipe deadlock on large outputs).
enum Subprocess {
    static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil) throws -> RunResult {
        let directory = try TemporaryDirectory()
        let outURL = directory.url.appendingPathComponent("stdout")
        let errURL = directory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = directory.url.appendingPathComponent("stdin")
            try stdin.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL)
        let errData = try Data(contentsOf: errURL)
        return RunResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            stdoutData: outData)
    }
}

/// A fresh directory under the system temporary directory, removed on deinit.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("marginscope-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        try file(name, Data(contents.utf8))
    }

    func file(_ name: String, _ contents: Data) throws -> String {
        let path = url.appendingPathComponent(name).path
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A small seeded generator for test inputs.
typealias SeededGenerator = SplitMix64

/// Parses JSON output into a dictionary, recording a failure when it is not an object.
func jsonObject(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: data)
    return try #require(value as? [String: Any], "output is not a JSON object", sourceLocation: sourceLocation)
}
