import Foundation
import TestSupport
import Testing

/// `marginscope train` end to end: output formats, reproducibility, refusals.
@Suite(.tags(.subprocess), TestRun.slow) struct TrainCommandTests {
    static func train(_ arguments: [String], stdin: Data? = nil) throws -> RunResult {
        try CLI.run(arguments, stdin: stdin, subcommand: "train")
    }

    @Test("the same seed prints the same JSON bit for bit; another seed does not")
    func sameSeedSameOutput() throws {
        let arguments = ["--loss", "cosface", "--scale", "16", "--margin", "0.2", "--epochs", "12", "--seed", "7", "--format", "json"]
        let first = try Self.train(arguments)
        let second = try Self.train(arguments)
        #expect(first.status == 0 && first.stderr.isEmpty)
        #expect(first.stdoutData == second.stdoutData)
        let other = try Self.train(arguments.dropLast(3) + ["8", "--format", "json"])
        #expect(other.stdout != first.stdout)
    }

    @Test("JSON has one object per printed epoch with every column; --every keeps the last epoch")
    func jsonRows() throws {
        let result = try Self.train(["--epochs", "10", "--every", "4", "--format", "json"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["epoch"] as? Int } == [0, 4, 8, 10])
        for object in objects {
            #expect(
                Set(object.keys) == ["epoch", "loss", "trainAccuracy", "testAccuracy", "meanAngle", "p95Angle", "minClassGap", "medianGap"])
        }
        // The built-in class directions start evenly spread: 360°/8 apart.
        #expect(abs((objects[0]["minClassGap"] as? Double ?? 0) - 45) < 1e-9)
    }

    @Test("CSV has a header and one row per printed epoch; no holdout gives an empty testAccuracy")
    func csvRows() throws {
        let result = try Self.train(["--epochs", "3", "--format", "csv", "--holdout", "0", "--loss", "softmax"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "epoch,loss,trainAccuracy,testAccuracy,meanAngle,p95Angle,minClassGap,medianGap")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[3].isEmpty })
    }

    @Test("a CSV data file trains, with the label in any column and a header")
    func dataFileTrains() throws {
        let directory = try TemporaryDirectory()
        // Two classes on either side of x = 0, label first, then two features.
        var rows = "label,x,y\n"
        for i in 0..<40 { rows += "\(i % 2 == 0 ? 3 : 7),\(i % 2 == 0 ? -1 - Double(i) / 40 : 1 + Double(i) / 40),\(Double(i % 5) / 5)\n" }
        let path = directory.url.appendingPathComponent("two.csv").path
        try rows.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Self.train(["--data", path, "--label-column", "first", "--epochs", "60", "--every", "60", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let last = try #require(result.stdout.split(separator: "\n").last).split(separator: ",")
        #expect(Double(last[2]) == 1)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var contents: String
        var arguments: [String] = []
        var mentions: [String]
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "a feature that is not a number", contents: "1,2,0\n3,x,1\n", mentions: ["row 2, column 2", "'x' is not a number"]),
        Refusal(name: "a label that is not an integer", contents: "1,2,0\n3,4,1.5\n", mentions: ["row 2, column 3", "not an integer"]),
        Refusal(name: "a short row", contents: "1,2,0\n3,1\n", mentions: ["row 2", "expected 3"]),
        Refusal(name: "one class only", contents: "1,2,0\n3,4,0\n", mentions: ["at least two classes"]),
        Refusal(name: "an empty file", contents: "", mentions: ["is empty"]),
        Refusal(name: "a header and nothing else", contents: "a,b,label\n", mentions: ["header (row 1) but no samples"]),
        Refusal(
            name: "a label column past the end", contents: "1,2,0\n3,4,1\n", arguments: ["--label-column", "4"],
            mentions: ["no label column 4"]),
        Refusal(name: "an infinite feature", contents: "1,2,0\ninf,4,1\n", mentions: ["row 2, column 1", "not a finite number"]),
    ]

    @Test("malformed data files are refused with exit 65, the row and column named", arguments: refusals)
    func malformedFilesAreRefused(_ refusal: Refusal) throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("bad.csv").path
        try refusal.contents.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Self.train(["--data", path, "--epochs", "1"] + refusal.arguments)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("marginscope train: '\(path)'") || result.stderr.hasPrefix("marginscope train: --data"))
        for mention in refusal.mentions { #expect(result.stderr.contains(mention), "\(result.stderr)") }
    }

    @Test("a missing file is refused with exit 65")
    func missingFile() throws {
        let result = try Self.train(["--data", "/nonexistent/marginscope.csv"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("--data: cannot read '/nonexistent/marginscope.csv': no such file"))
    }

    @Test(
        "options out of range are refused with exit 64 and the accepted range",
        arguments: [
            (["--scale", "0"], "expected s in (0, 1000]"),
            (["--margin", "1.5"], "expected m in [0, 1]"),
            (["--loss", "normface", "--margin", "0.2"], "--margin applies to cosface"),
            (["--loss", "softmax", "--scale", "8"], "softmax has no scale"),
            (["--holdout", "1"], "expected a fraction in [0, 1)"),
            (["--epochs", "0"], "expected 1...1000000"),
            (["--momentum", "1"], "expected μ in [0, 1)"),
            (["--every", "0"], "expected 1 or more"),
            (["--label-column", "first"], "--label-column applies to --data"),
            (["--loss", "arcface2"], "arcface2"),
        ])
    func badOptionsAreRefused(_ arguments: [String], _ message: String) throws {
        let result = try Self.train(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
