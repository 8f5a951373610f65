import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every command's output on a standard output that refuses it: `> /dev/full`, `>&-`, a pipe
/// whose reader has gone. The program must say so in one line and exit 74 (`EX_IOERR`), never
/// trap with a backtrace; with SIGPIPE at its default a gone reader ends it silently, as
/// `marginscope compute … | head` users expect.
@Suite(.tags(.subprocess), TestRun.slow) struct WriteFailureTests {
    /// One command line per command that prints, and help (printed by the argument parser's side).
    static let commands: [[String]] = [
        ["compute", "--cosines", "0.8,0.3,-0.1"],
        ["compute", "--batch-size", "256", "--classes", "50", "--format", "csv", "--gradients"],
        ["frame", "--size", "80x24"],
        ["train", "--epochs", "2"],
        ["lesson", "--list"],
        ["bench", "--quick", "--no-numpy", "--no-peers", "--filter", "frame softmax 80x24"],
        ["compute", "--help"],
    ]

    static var binary: String? { CLI.binary?.path }

    @Test(arguments: commands, [Spawn.Output.full, .closed])
    func aRefusedWriteGivesOneLineAndExit74(_ command: [String], _ output: Spawn.Output) throws {
        let ending = try Spawn.run([try #require(Self.binary)] + command, output: output, ignoringSIGPIPE: false)
        Self.expectOneLineAndExit74(ending, reason: output == .full ? "No space left on device" : "Bad file descriptor")
    }

    @Test(arguments: commands)
    func aGoneReaderWithSIGPIPEIgnoredGivesOneLineAndExit74(_ command: [String]) throws {
        let ending = try Spawn.run([try #require(Self.binary)] + command, output: .brokenPipe, ignoringSIGPIPE: true)
        Self.expectOneLineAndExit74(ending, reason: "Broken pipe")
    }

    @Test(arguments: commands)
    func aGoneReaderWithSIGPIPEAtItsDefaultEndsSilently(_ command: [String]) throws {
        let ending = try Spawn.run([try #require(Self.binary)] + command, output: .brokenPipe, ignoringSIGPIPE: false)
        #expect(ending.signal == SIGPIPE, "\(ending)")
        #expect(ending.stderr.isEmpty, "\(ending)")
    }

    static func expectOneLineAndExit74(_ ending: Spawn.Ending, reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ending.status == 74, "\(ending)", sourceLocation: sourceLocation)
        #expect(ending.stderr.hasPrefix("marginscope"), "\(ending)", sourceLocation: sourceLocation)
        #expect(
            ending.stderr.filter { $0 == "\n" }.count == 1 && ending.stderr.hasSuffix("\n"), "one line: \(ending)",
            sourceLocation: sourceLocation)
        #expect(ending.stderr.contains("cannot write to standard output: \(reason)"), "\(ending)", sourceLocation: sourceLocation)
        // A trap prints a backtrace naming the build machine's source files.
        #expect(!ending.stderr.contains(".swift"), "\(ending)", sourceLocation: sourceLocation)
    }
}
