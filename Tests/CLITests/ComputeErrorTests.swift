import Foundation
import TestSupport
import Testing

/// `marginscope compute` on bad input: one line on stderr naming the problem,
/// exit 64 (usage) or 65 (data), and nothing on stdout.
@Suite(.tags(.subprocess), TestRun.slow) struct ComputeErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        /// Fragments the message must contain (the option or place, and what is accepted).
        var mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageCases: [Case] = [
        Case(arguments: ["--cosines", "0.8"], status: 64, mentions: ["--cosines", "at least 2"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--target", "2"], status: 64, mentions: ["--target", "0...1"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--target", "-1"], status: 64, mentions: ["--target", "0...1"]),
        Case(arguments: ["--cosines", "0.8,1.5"], status: 64, mentions: ["--cosines", "value 2", "[-1, 1]"]),
        Case(arguments: ["--cosines", "0.8,abc"], status: 64, mentions: ["--cosines", "'abc'", "not a number"]),
        Case(arguments: ["--cosines", "0.8,nan"], status: 64, mentions: ["--cosines", "finite"]),
        Case(arguments: ["--cosines", "0.8,-inf"], status: 64, mentions: ["--cosines", "finite"]),
        Case(arguments: ["--cosines", "0.8,,0.1"], status: 64, mentions: ["--cosines", "value 2", "empty"]),
        Case(arguments: ["--logits", "1,1e400"], status: 64, mentions: ["--logits", "finite"]),
        Case(arguments: ["--angles", "30,200"], status: 64, mentions: ["--angles", "[0, 180]"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--scale", "0"], status: 64, mentions: ["--scale", "(0, 1000]"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--scale", "-3"], status: 64, mentions: ["--scale", "(0, 1000]"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--scale", "1001"], status: 64, mentions: ["--scale", "(0, 1000]"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--scale", "nan"], status: 64, mentions: ["--scale", "finite"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--margin", "-0.1"], status: 64, mentions: ["--margin", "[0, 2]"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--margin", "2.5"], status: 64, mentions: ["--margin", "[0, 2]"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--loss", "adaface"], status: 64, mentions: ["--loss", "adaface", "arcface", "bdlmcl"]),
        Case(
            arguments: ["--cosines", "0.8,0.3", "--loss", "cosface", "--fallback", "none"], status: 64, mentions: ["--fallback", "arcface"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--loss", "arcface", "--lambda", "5"], status: 64, mentions: ["--lambda", "sphereface"]),
        Case(
            arguments: ["--cosines", "0.8,0.3", "--loss", "arcface", "--margin-type", "arcface"], status: 64,
            mentions: ["--margin-type", "bdlmcl"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--loss", "combined", "--margin", "0.2"], status: 64, mentions: ["--margin", "--m1"]),
        Case(
            arguments: ["--cosines", "0.8,0.3", "--loss", "sphereface", "--margin", "2.5"], status: 64, mentions: ["--margin", "integer"]),
        Case(
            arguments: ["--cosines", "0.8,0.3", "--loss", "arcface", "--fallback", "soft"], status: 64, mentions: ["--fallback", "sinmm"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--loss", "normface", "--scale", "adacos"], status: 64, mentions: ["adacos", "3"]),
        Case(arguments: ["--cosines", "0.8,0.3,0.1", "--loss", "bdlmcl", "--m2", "0.1"], status: 64, mentions: ["--m2", "combined"]),
        Case(arguments: ["--cosines", "0.8,0.3,0.1", "--loss", "bdlmcl", "--top-k", "4"], status: 64, mentions: ["--top-k", "2...3"]),
        Case(
            arguments: ["--cosines", "0.8,0.3,0.1", "--loss", "bdlmcl", "--top-k", "1"], status: 64,
            mentions: ["--top-k", "2 to 10000", "1 refused"]),
        Case(arguments: ["--cosines", "0.8,0.3", "--loss", "cosface", "--top-k", "2"], status: 64, mentions: ["--top-k", "bdlmcl"]),
        Case(
            arguments: ["--cosines", "0.8,0.3", "--loss", "bdlmcl", "--unselected", "some"], status: 64,
            mentions: ["--unselected", "no-margin", "excluded"]),
        Case(arguments: ["--logits", "1,2", "--loss", "cosface"], status: 64, mentions: ["--logits", "softmax"]),
        Case(arguments: ["--cosines", "0.1,0.2", "--loss", "softmax"], status: 64, mentions: ["--cosines", "--logits"]),
        Case(arguments: ["--cosines", "0.1,0.2", "--format", "xml"], status: 64, mentions: ["--format", "table, json or csv"]),
        Case(arguments: [], status: 64, mentions: ["--cosines", "--logits"]),
        // A mistyped input option is named as unknown, not hidden behind "no sample given".
        Case(arguments: ["--cosine", "0.1,0.2"], status: 64, mentions: ["Unknown option '--cosine'"]),
        Case(arguments: ["--cosines", "0.1,0.2", "--batch-size", "4"], status: 64, mentions: ["--cosines", "--batch-size"]),
        Case(arguments: ["--batch-size", "0"], status: 64, mentions: ["--batch-size", "1 to 4096", "0 refused"]),
        Case(arguments: ["--batch-size", "-5"], status: 64, mentions: ["--batch-size", "1 to 4096", "-5 refused"]),
        Case(arguments: ["--batch-size", "5000"], status: 64, mentions: ["--batch-size", "1 to 4096"]),
        Case(arguments: ["--batch-size", "2.5"], status: 64, mentions: ["--batch-size", "'2.5'", "whole number", "1 to 4096"]),
        Case(arguments: ["--classes", "1"], status: 64, mentions: ["--classes", "2 to 10000"]),
        Case(arguments: ["--classes", "10001"], status: 64, mentions: ["--classes", "2 to 10000"]),
        Case(arguments: ["--dimension", "1"], status: 64, mentions: ["--dimension", "2...1024"]),
        Case(arguments: ["--dimension", "-3"], status: 64, mentions: ["--dimension", "2...1024"]),
        Case(arguments: ["--dimension", "x"], status: 64, mentions: ["--dimension", "'x'", "2...1024"]),
        Case(arguments: ["--batch", "-", "--dimension", "8"], status: 64, mentions: ["--batch", "--dimension", "synthetic"]),
        Case(arguments: ["--batch", "-", "--classes", "8"], status: 64, mentions: ["--batch", "--classes", "synthetic"]),
        Case(arguments: ["--batch-size", "4", "--spread", "-1"], status: 64, mentions: ["--spread", "0 to 10"]),
        Case(
            arguments: ["--batch-size", "4", "--seed", "x"], status: 64,
            mentions: ["--seed", "'x'", "whole number", "0 to 1000000000000000"]),
        Case(arguments: ["--batch-size", "4", "--loss", "softmax"], status: 64, mentions: ["softmax", "cosface"]),
        Case(arguments: ["--batch-size", "4", "--target", "1"], status: 64, mentions: ["--target", "label"]),
        Case(arguments: ["--batch", "/nonexistent/batch.csv"], status: 65, mentions: ["'/nonexistent/batch.csv'", "no such file"]),
        Case(arguments: ["--batch", "/"], status: 65, mentions: ["'/'", "directory"]),
    ]

    /// A usage error: ArgumentParser's form, "Error: …", then compute's usage line; bad data (65): one line.
    @Test(arguments: usageCases)
    func badCommandLineGetsAClearMessageAndNoOutput(_ c: Case) throws {
        let run = try CLI.run(c.arguments)
        #expect(run.status == c.status, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        if c.status == 64 {
            #expect(run.stderr.hasPrefix("Error: "), "\(run.stderr)")
            #expect(run.stderr.contains("\nUsage: marginscope compute "), "\(run.stderr)")
            #expect(run.stderr.hasSuffix("\n  See 'marginscope compute --help' for more information.\n"), "\(run.stderr)")
        } else {
            #expect(run.stderr.hasPrefix("marginscope compute: "))
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        }
        // The message itself is the first line: the option, the value and what is accepted are all on it.
        let first = String(run.stderr.prefix { $0 != "\n" })
        for fragment in c.mentions { #expect(first.contains(fragment), "\(fragment) in \(run.stderr)") }
    }

    struct FileCase: CustomTestStringConvertible, Sendable {
        var name: String
        var contents: [UInt8]
        var mentions: [String]
        var testDescription: String { name }
    }

    static let fileCases: [FileCase] = [
        FileCase(name: "empty", contents: [], mentions: ["empty"]),
        FileCase(name: "blank lines only", contents: Array("\n \n\n".utf8), mentions: ["empty"]),
        FileCase(name: "header only", contents: Array("label,c0,c1\n".utf8), mentions: ["header (row 1)", "no samples"]),
        FileCase(name: "ragged", contents: Array("0,0.1,0.2\n1,0.3,0.4\n1,0.3\n".utf8), mentions: ["row 3", "expected 3"]),
        FileCase(name: "one class", contents: Array("0,0.1\n".utf8), mentions: ["row 1", "at least 2 cosines"]),
        FileCase(
            name: "non-number", contents: Array("l,a,b\n0,0.1,0.2\n1,0.3,zz\n".utf8), mentions: ["row 3, column 3", "'zz'", "not a number"]),
        FileCase(name: "empty field", contents: Array("0,0.1,\n".utf8), mentions: ["row 1, column 3", "empty field"]),
        FileCase(name: "nan", contents: Array("0,nan,0.2\n".utf8), mentions: ["row 1, column 2", "finite"]),
        FileCase(name: "out of range", contents: Array("0,0.1,0.2\n0,0.1,-1.01\n".utf8), mentions: ["row 2, column 3", "[-1, 1]"]),
        FileCase(name: "label out of range", contents: Array("0,0.1,0.2\n2,0.1,0.2\n".utf8), mentions: ["row 2, column 1", "0...1"]),
        FileCase(name: "fractional label", contents: Array("0,0.1,0.2\n0.5,0.1,0.2\n".utf8), mentions: ["row 2, column 1", "integer"]),
        FileCase(name: "header width", contents: Array("l,a,b,c\n0,0.1,0.2\n".utf8), mentions: ["header", "4 fields", "row 2 has 3"]),
        FileCase(name: "binary", contents: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00], mentions: ["binary", "row 1"]),
        FileCase(name: "not UTF-8", contents: [0x30, 0x2C, 0xFF, 0xFE, 0x0A], mentions: ["UTF-8"]),
    ]

    @Test(arguments: fileCases)
    func malformedBatchFileNamesTheFileAndThePlace(_ c: FileCase) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", Data(c.contents))
        let run = try CLI.run(["--batch", path])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        #expect(run.stderr.contains(path))
        for fragment in c.mentions { #expect(run.stderr.contains(fragment), "\(fragment) in \(run.stderr)") }
    }

    @Test func malformedStandardInputIsNamedAsSuch() throws {
        let run = try CLI.run(["--batch", "-"], stdin: Data("0,0.1,0.2\n1,0.3\n".utf8))
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("standard input row 2"))
    }

    @Test func topKBeyondTheFileClassesIsAUsageError() throws {
        let run = try CLI.run(["--batch", "-", "--loss", "bdlmcl", "--top-k", "3"], stdin: Data("0,0.1,0.2\n".utf8))
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--top-k") && run.stderr.contains("2...2"))
    }

    @Test func unknownOptionIsAUsageErrorNamingIt() throws {
        let run = try CLI.run(["--cosines", "0.1,0.2", "--sacle", "3"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--sacle"))
    }
}
