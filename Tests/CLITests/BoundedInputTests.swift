import Foundation
import TestSupport
import Testing

/// Batch input (`compute --batch`, `frame --batch`, `train --data`) read as a stream with stated
/// limits: endless or binary input is refused early with one line and exit 65, within a memory
/// bound, instead of being gathered until memory runs out. Each run is under `ulimit -v`, so that
/// a reader without limits ends in a trap here rather than taking the machine's memory.
@Suite(.tags(.subprocess), TestRun.slow) struct BoundedInputTests {
    /// The commands that read a CSV from standard input, with the prefix of their messages.
    static let readers: [(arguments: String, prefix: String)] = [
        ("compute --batch -", "marginscope compute: "),
        ("frame --size 80x24 --batch -", "marginscope frame: "),
        ("train --epochs 1 --data -", "marginscope train: "),
    ]

    static func run(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        try Spawn.shell(script, binary: try #require(CLI.binary, sourceLocation: sourceLocation))
    }

    static func expectRefusal(
        _ run: RunResult, prefix: String, mentions: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(run.status == 65, "exit \(run.status): \(run.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(run.stdoutData.isEmpty, "partial output: \(run.stdout.prefix(200))", sourceLocation: sourceLocation)
        #expect(
            run.stderr.hasPrefix(prefix) && run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr.prefix(300))",
            sourceLocation: sourceLocation)
        for fragment in mentions {
            #expect(run.stderr.contains(fragment), "'\(fragment)' not in: \(run.stderr.prefix(300))", sourceLocation: sourceLocation)
        }
    }

    /// `/dev/zero` on standard input never ends; its first byte is binary.
    @Test(arguments: 0..<3)
    func endlessZerosOnStandardInputAreRefusedAtTheFirstBlock(_ reader: Int) throws {
        let (arguments, prefix) = Self.readers[reader]
        let run = try Self.run("ulimit -v 1000000; \"$0\" \(arguments) < /dev/zero")
        Self.expectRefusal(run, prefix: prefix, mentions: ["standard input row 1:", "binary data", "0x0"])
    }

    /// Text without a line end, without end: refused once one row passes 1 MiB.
    @Test(arguments: 0..<3)
    func anEndlessRowIsRefusedPastOneMebibyte(_ reader: Int) throws {
        let (arguments, prefix) = Self.readers[reader]
        let run = try Self.run("ulimit -v 1000000; tr '\\0' 7 < /dev/zero | \"$0\" \(arguments)")
        Self.expectRefusal(run, prefix: prefix, mentions: ["standard input row 1:", "longer than 1048576 bytes", "1 MiB"])
    }

    /// Valid rows without end (`yes`): refused at the stated total of 50,000,000 cosines, the
    /// memory never beyond what that batch needs (8 bytes a cosine, twice while it grows).
    @Test func endlessValidRowsAreRefusedAtTheStatedTotal() throws {
        let row = "0," + Array(repeating: "0", count: 10_000).joined(separator: ",")
        let run = try Self.run("ulimit -v 1600000; yes '\(row)' | \"$0\" compute --batch -")
        // 5000 rows of 10,000 cosines reach the limit exactly; row 5001 would pass it.
        Self.expectRefusal(
            run, prefix: "marginscope compute: ",
            mentions: ["standard input row 5001:", "more than 50000000 cosines", "5000 samples × 10000 classes"])
    }

    /// Under a tighter memory limit the same endless rows end when the batch's array cannot grow:
    /// one line and exit 71 (`EX_OSERR`), not a trap.
    @Test func aBatchThatOutgrowsTheMemoryGivesExit71() throws {
        let row = "0," + Array(repeating: "0", count: 10_000).joined(separator: ",")
        let run = try Self.run("ulimit -v 500000; yes '\(row)' | \"$0\" compute --batch -")
        #expect(run.status == 71, "exit \(run.status): \(run.stderr.prefix(300))")
        #expect(run.stdoutData.isEmpty)
        #expect(run.stderr.hasPrefix("marginscope compute: not enough memory for the batch's cosines"), "\(run.stderr.prefix(300))")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr.prefix(300))")
    }

    /// The limits are stated in the help of every command that reads a batch or data file.
    @Test(arguments: ["compute", "frame", "train"])
    func theHelpStatesTheLimits(_ command: String) throws {
        let run = try CLI.run(["--help"], subcommand: command)
        #expect(run.status == 0)
        // ArgumentParser wraps help lines: compare with the line breaks taken out.
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("at most 1 MiB per row"), "\(run.stdout)")
        #expect(text.contains(command == "train" ? "50,000,000 features" : "50,000,000 cosines"), "\(run.stdout)")
    }
}
