import Foundation
import TestSupport
import Testing

/// Nothing a user supplies reaches the terminal as a command: escape sequences in option values,
/// `--state`, file names and the text of files come out escaped (`\u{1B}`), in the program's own
/// messages, in ArgumentParser's, in `compute`'s output and in `bench`'s notes.
@Suite(.tags(.subprocess), TestRun.slow) struct EscapedOutputTests {
    /// A C0 control other than line feed and tab, DEL, or a C1 control (UTF-8 `C2 80…C2 9F`).
    static func rawControl(in data: Data) -> Int? {
        let bytes = [UInt8](data)
        for (i, byte) in bytes.enumerated() {
            if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F { return i }
            if byte == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return i }
        }
        return nil
    }

    static func expectNoRawControl(_ run: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for (stream, data) in [("stdout", run.stdoutData), ("stderr", Data(run.stderr.utf8))] {
            if let i = rawControl(in: data) {
                let around = String(decoding: data[max(0, i - 40)..<min(data.count, i + 20)], as: UTF8.self)
                Issue.record("a raw control character on \(stream): \(around.debugDescription)", sourceLocation: sourceLocation)
            }
        }
    }

    /// An OSC that sets the window title, a screen clear and a C1 CSI.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"

    @Test func aBatchFileNameIsEscapedInComputesOutput() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch\(Self.hostile).csv", "0,0.9,0.1\n1,0.2,0.8\n")
        let run = try CLI.run(["--batch", path])
        #expect(run.status == 0, "\(run.stderr)")
        // Swift's escapes: ESC as \u{1B}, BEL as \u{07}, the C1 CSI with four digits.
        #expect(run.stdout.contains("batch\\u{1B}]0;pwned\\u{07}\\u{1B}[2J\\u{009B}31m.csv"), "\(run.stdout)")
        Self.expectNoRawControl(run)
    }

    @Test(arguments: ["compute", "frame"])
    func aMissingBatchFileIsNamedEscaped(_ command: String) throws {
        let run = try CLI.run(["--batch", "/nonexistent/\(Self.hostile).csv"], subcommand: command)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("\\u{1B}]0;pwned"), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
        Self.expectNoRawControl(run)
    }

    /// Values refused by the program's own checks, by `--state`'s parser and by ArgumentParser
    /// (an unknown option, a value not among an enumeration's cases).
    static let refusedCommandLines: [[String]] = [
        ["compute", "--cosines", "0.8,\(hostile)"],
        ["compute", "--format", hostile],
        ["frame", "--state", "ms1;\(hostile)"],
        ["frame", "--keys", "<\(hostile)>"],
        ["frame", "--size", hostile],
        ["explore", "--state", "ms1;s=\(hostile)"],
        ["train", "--format", hostile],
        ["train", "--label-column", hostile, "--data", "x.csv"],
        ["lesson", "--check", "/nonexistent/\(hostile)"],
        ["lesson", "--list", "--lang", hostile],
        ["compute", "--\(hostile)"],
        [hostile],
    ]

    @Test(arguments: refusedCommandLines)
    func aRefusedValueIsQuotedEscaped(_ arguments: [String]) throws {
        let run = try CLI.run(arguments, subcommand: nil)
        #expect(run.status == 64 || run.status == 65, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("\\u{1B}"), "the value is not quoted: \(run.stderr)")
        Self.expectNoRawControl(run)
    }

    /// A line break in a refused value is quoted as `\n`: the message stays one line.
    @Test func aLineBreakInARefusedValueKeepsTheMessageOnOneLine() throws {
        let run = try CLI.run(["--cosines", "0.8,0.3\nx"])
        #expect(run.status == 64)
        let first = String(run.stderr.prefix { $0 != "\n" })
        #expect(
            first
                == "Error: The value '0.8,0.3\\nx' is invalid for '--cosines <c1,c2,...>': value 2 of 2 ('0.3\\nx') is not a number; expected cosines in [-1, 1].",
            "\(run.stderr.debugDescription)")
    }

    /// `bench` quotes the NumPy script's complaint in its notes: here a script that fails with
    /// an escape sequence in its message.
    @Test func benchNotesAreEscaped() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.file("bench\(Self.hostile).py", "import sys\nsys.exit('failed: \\x1b]0;pwned\\x07\\x1b[2J')\n")
        let run = try CLI.run(["--quick", "--filter", "lmcl loss+grad 256x1000", "--numpy-script", script], subcommand: "bench")
        #expect(run.status == 0, "\(run.stderr)")
        // The wording around the note is bench's own; what is checked is the complaint, quoted escaped.
        #expect(run.stdout.contains("skipped: failed: \\u{1B}]0;pwned"), "\(run.stdout)")
        Self.expectNoRawControl(run)
    }
}
