import Foundation
import TestSupport
import Testing

/// `explore` and `frame` take the settings table's ranges and grids, and fail in one format.
@Suite(.tags(.subprocess), TestRun.slow) struct ExplorerOptionsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refused: [Case] = [
        // Off the explorer's grid: refused, never rounded (frame --scale 30.004 used to run at 30.00).
        Case(arguments: ["--scale", "30.004"], mentions: ["--scale", "steps of 0.01", "30.004"]),
        Case(arguments: ["--cosines", "0.6205,0.5", "--margin", "0.3"], mentions: ["--cosines", "steps of 0.001"]),
        Case(arguments: ["--margin", "0.123", "--cosines", "0.6,0.5"], mentions: ["--margin", "steps of 0.01"]),
        Case(arguments: ["--spread", "0.123"], mentions: ["--spread", "steps of 0.01"]),
        // The same spread range as compute ([0, 10]), not 0.01…1.
        Case(arguments: ["--spread", "11"], mentions: ["--spread", "0 to 10"]),
        Case(arguments: ["--batch-size", "5000"], mentions: ["--batch-size", "1 to 4096"]),
        Case(arguments: ["--screen", "nope"], mentions: ["--screen", "softmax"]),
        Case(arguments: ["--unselected", "some"], mentions: ["--unselected", "no-margin"]),
        Case(arguments: ["--top-k", "5", "--classes", "3"], mentions: ["--top-k", "3 classes"]),
        // Standard input as a batch cannot be read back from a state string (the explorer reads keys there).
        Case(arguments: ["--state", "ms1;batch=-"], mentions: ["--state", "standard input"]),
        Case(arguments: ["--state", "ms1;batch=standard input"], mentions: ["--state", "standard input"]),
        // A state string's batch file with a synthetic batch's option: one of them must go.
        Case(arguments: ["--state", "ms1;batch=x.csv", "--seed", "3"], mentions: ["--state", "--seed", "synthetic"]),
    ]

    @Test(arguments: refused)
    func frameRefusesWithItsOwnUsageLineAndExit64(_ c: Case) throws {
        let run = try CLI.run(c.arguments, subcommand: "frame")
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        for fragment in c.mentions { #expect(run.stderr.contains(fragment), "\(fragment) in \(run.stderr)") }
        #expect(run.stderr.contains("Usage: marginscope frame"), "\(run.stderr)")
    }

    @Test func exploreRefusesTheSameWayBeforeTouchingTheTerminal() throws {
        let run = try CLI.run(["--scale", "30.004"], subcommand: "explore")
        #expect(run.status == 64)
        #expect(run.stderr.contains("steps of 0.01") && run.stderr.contains("Usage: marginscope explore"), "\(run.stderr)")
    }

    @Test func computeTakesTheSameSpreadGrid() throws {
        let run = try CLI.run(["--batch-size", "4", "--classes", "3", "--spread", "0.123"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("steps of 0.01"), "\(run.stderr)")
        let ok = try CLI.run(["--batch-size", "4", "--classes", "3", "--spread", "2.5"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func valuesOnTheGridAreKeptExactly() throws {
        let run = try CLI.run(["--cosines", "0.625,0.5", "--scale", "30.01", "--margin", "0.12", "--keys", "S"], subcommand: "frame")
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.stdout.replacingOccurrences(of: "\n", with: "")
        #expect(text.contains("s=30.01;m=0.12"), "\(run.stdout)")
        #expect(text.contains("cos=0.625,0.5"), "\(run.stdout)")
    }

    @Test func theHelpOfFrameAndExploreGivesTheTableRanges() throws {
        for command in ["frame", "explore"] {
            let run = try CLI.run(["--help"], subcommand: command)
            let help = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            #expect(help.contains("0 to 10, in steps of 0.01"), "\(command): spread")
            #expect(help.contains("1 to 4096"), "\(command): batch size")
        }
    }
}

/// The help offers only what each command accepts.
@Suite(.tags(.subprocess), TestRun.slow) struct ExplorerHelpTests {
    @Test func exploreHelpDoesNotOfferStandardInputAsABatchFile() throws {
        let run = try CLI.run(["--help"], subcommand: "explore")
        #expect(run.status == 0)
        #expect(run.stdout.contains("--batch <file>"), "\(run.stdout)")
        #expect(!run.stdout.contains("standard input"), "\(run.stdout)")
    }

    @Test func frameHelpSaysThatADashReadsTheBatchFromStandardInput() throws {
        let run = try CLI.run(["--help"], subcommand: "frame")
        #expect(run.status == 0)
        #expect(run.stdout.contains("--batch - reads the batch file from standard input"), "\(run.stdout)")
    }
}
