import Foundation
import TestSupport
import Testing

/// `compute`, `frame` and `explore` share the sample and batch options: the same values are
/// refused with the same message and exit 64 (each with its own usage line), and the help
/// gives the same line for each shared option.
@Suite(.tags(.subprocess), TestRun.slow) struct SharedOptionsTests {
    static let commands = ["compute", "frame", "explore"]

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// Fragments the message must hold: the option, the value and what is accepted.
        var mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refused: [Case] = [
        Case(arguments: ["--spread", "0.123"], mentions: ["--spread", "0.123", "steps of 0.01"]),
        Case(arguments: ["--spread", "-1"], mentions: ["--spread", "-1", "0 to 10"]),
        Case(arguments: ["--spread", "wide"], mentions: ["--spread", "'wide'", "0 to 10"]),
        Case(arguments: ["--batch-size", "0"], mentions: ["--batch-size", "0 refused", "1 to 4096"]),
        // A negative number is a value out of range, not an unknown option.
        Case(arguments: ["--batch-size", "-5"], mentions: ["--batch-size", "-5 refused", "1 to 4096"]),
        Case(arguments: ["--batch-size", "2.5"], mentions: ["--batch-size", "'2.5'", "whole number"]),
        Case(arguments: ["--classes", "10001"], mentions: ["--classes", "10001 refused", "2 to 10000"]),
        Case(arguments: ["--seed", "-1"], mentions: ["--seed", "-1 refused", "0 to 1000000000000000"]),
        // Beyond the explorer's seed grid: refused, not wrapped or rounded.
        Case(arguments: ["--seed", "1000000000000001"], mentions: ["--seed", "1000000000000001 refused", "0 to 1000000000000000"]),
        Case(arguments: ["--seed", "99999999999999999999"], mentions: ["--seed", "'99999999999999999999'", "whole number"]),
        Case(arguments: ["--top-k", "1"], mentions: ["--top-k", "1 refused", "2 to 10000"]),
        Case(arguments: ["--top-k", "5", "--classes", "3"], mentions: ["--top-k", "k = 5", "3 classes", "2...3"]),
        Case(arguments: ["--unselected", "maybe"], mentions: ["--unselected", "'maybe'", "no-margin or excluded"]),
        Case(arguments: ["--batch", "x.csv", "--classes", "8"], mentions: ["--batch", "--classes", "synthetic"]),
        Case(
            arguments: ["--loss", "foo"],
            mentions: ["--loss", "'foo'", "softmax, normface, cosface, arcface, sphereface, combined or bdlmcl"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--scale", "0"], mentions: ["--scale", "0", "(0, 1000] or adacos"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--scale", "big"], mentions: ["--scale", "'big'", "(0, 1000] or adacos"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--margin", "2.5"], mentions: ["--margin", "2.5", "[0, 2]"]),
        Case(
            arguments: ["--cosines", "0.5,0.25", "--loss", "arcface", "--fallback", "soft"], mentions: ["--fallback", "'soft'", "sinmm"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--loss", "combined", "--m1", "0"], mentions: ["--m1", "(0, 3]"]),
        Case(
            arguments: ["--cosines", "0.5,0.25", "--loss", "sphereface", "--lambda", "1001"], mentions: ["--lambda", "1001", "[0, 1000]"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--margin-type", "cosface"], mentions: ["--margin-type", "bdlmcl"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--target", "one"], mentions: ["--target", "'one'", "class index"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--target", "2"], mentions: ["--target", "2", "0...1"]),
        Case(arguments: ["--cosines", "0.5"], mentions: ["--cosines", "at least 2"]),
        Case(arguments: ["--cosines", "0.5,1.5"], mentions: ["--cosines", "value 2 of 2", "[-1, 1]"]),
        Case(arguments: ["--cosines", "0.5,0.25", "--angles", "30,60"], mentions: ["--cosines", "--angles", "one way"]),
    ]

    /// The message: everything before the usage line.
    static func message(_ stderr: String) -> String {
        stderr.components(separatedBy: "\nUsage: ").first ?? stderr
    }

    @Test(arguments: refused)
    func theThreeCommandsRefuseAValueAlikeWithTheirOwnUsageLine(_ c: Case) throws {
        var messages: [String: String] = [:]
        for command in Self.commands {
            // explore refuses before it looks for a terminal: standard input is not one here.
            let run = try CLI.run(c.arguments, subcommand: command)
            #expect(run.status == 64, "\(command): exit \(run.status): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(command): \(run.stdout)")
            #expect(run.stderr.hasPrefix("Error: "), "\(command): \(run.stderr)")
            #expect(
                run.stderr.contains("\nUsage: marginscope \(command) ")
                    && run.stderr.hasSuffix("\n  See 'marginscope \(command) --help' for more information.\n"),
                "\(command): \(run.stderr)")
            let first = String(run.stderr.prefix { $0 != "\n" })
            for fragment in c.mentions { #expect(first.contains(fragment), "\(command): '\(fragment)' not in \(first)") }
            messages[command] = Self.message(run.stderr)
        }
        #expect(Set(messages.values).count == 1, "different messages: \(messages)")
    }

    /// The help entries of `command`: each option's lines joined, keyed by the option's long name.
    static func helpEntries(_ command: String) throws -> [String: String] {
        let run = try CLI.run(["--help"], subcommand: command)
        #expect(run.status == 0, "\(run.stderr)")
        var entries: [String: String] = [:]
        var current: String?
        for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  --") {
                let name = String(line.dropFirst(2).prefix { $0 != " " })
                current = name
                entries[name] = line.trimmingCharacters(in: .whitespaces)
            } else if let name = current, line.hasPrefix("    ") {
                entries[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                current = nil
            }
        }
        return entries
    }

    static let sharedOptions = [
        "--loss", "--scale", "--margin", "--fallback", "--lambda", "--m1", "--m2", "--m3", "--margin-type", "--target", "--logits",
        "--cosines", "--angles", "--batch", "--batch-size", "--classes", "--seed", "--spread", "--top-k", "--unselected",
    ]

    @Test func theHelpGivesTheSameLineForEachSharedOption() throws {
        let help = try Dictionary(uniqueKeysWithValues: Self.commands.map { ($0, try Self.helpEntries($0)) })
        for option in Self.sharedOptions {
            let lines = Self.commands.map { help[$0]?[option] }
            #expect(lines.allSatisfy { $0 != nil }, "\(option) missing: \(lines)")
            #expect(Set(lines.compactMap { $0 }).count == 1, "\(option): \(lines)")
        }
        // The ranges are the settings table's, stated once (Settings.swift: N 1…4096, C 2…10000, spread 0…10 by 0.01).
        #expect(help["compute"]?["--batch-size"]?.contains("1 to 4096, in whole numbers. (default: 1024)") == true)
        #expect(help["compute"]?["--classes"]?.contains("2 to 10000, in whole numbers. (default: 5994)") == true)
        #expect(help["compute"]?["--spread"]?.contains("0 to 10, in steps of 0.01. (default: 0.12)") == true)
        // --dimension is compute's alone: the explorer has no dimension setting.
        #expect(help["compute"]?["--dimension"] != nil && help["frame"]?["--dimension"] == nil && help["explore"]?["--dimension"] == nil)
    }

    /// The value after "(default: " in `entry`.
    static func helpDefault(_ entry: String?) -> String? {
        guard let entry, let start = entry.range(of: "(default: ") else { return nil }
        return String(entry[start.upperBound...].prefix { $0 != ")" })
    }

    @Test func computesSyntheticBatchDefaultsAreTheSettingsTables() throws {
        // The explorer's defaults as frame's help states them; the values themselves from Settings.swift.
        let help = try Self.helpEntries("frame")
        let n = try #require(Self.helpDefault(help["--batch-size"]))
        let c = try #require(Self.helpDefault(help["--classes"]))
        let seed = try #require(Self.helpDefault(help["--seed"]))
        let spread = try #require(Self.helpDefault(help["--spread"]))
        #expect([n, c, seed, spread] == ["1024", "5994", "1", "0.12"])

        // Any synthetic option asks for a batch; the others take their defaults.
        let run = try CLI.run(["--loss", "bdlmcl", "--dimension", "64"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains("\(n) samples × \(c) classes, synthetic (seed \(seed), spread \(spread), dimension 64)"), "\(run.stdout)")

        let json = try jsonObject(CLI.run(["--loss", "bdlmcl", "--seed", seed, "--format", "json"]).stdoutData)
        let samples = try #require(json["samples"] as? [[String: Any]])
        #expect(samples.count == 1024)
        #expect(json["topK"] as? Int == 2 && json["unselected"] as? String == "no-margin")
        // The compute discussion promises samples in all three regions at s = 30, m = 0.35, k = 2.
        let ranks = samples.compactMap { $0["rank"] as? Int }
        let counts = [ranks.filter { $0 == 1 }.count, ranks.filter { $0 == 2 }.count, ranks.filter { $0 > 2 }.count]
        #expect(ranks.count == 1024 && counts.allSatisfy { $0 >= 25 }, "satisfied / boundary / beyond-k = \(counts)")
    }

    /// compute computes with the value given (it holds no state); the explorer holds values on
    /// grids and refuses one it cannot hold exactly, naming the grid.
    @Test func anOffGridScaleIsComputedExactlyByComputeAndRefusedByTheExplorer() throws {
        let arguments = ["--cosines", "0.5,0.25", "--scale", "30.004"]
        let run = try CLI.run(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try jsonObject(run.stdoutData)["scale"] as? Double == 30.004)
        var messages: Set<String> = []
        for command in ["frame", "explore"] {
            let refused = try CLI.run(arguments, subcommand: command)
            #expect(refused.status == 64)
            #expect(refused.stderr.hasPrefix("Error: --scale moves in steps of 0.01; 30.004 is not on that grid.\n"), "\(refused.stderr)")
            #expect(refused.stderr.contains("\nUsage: marginscope \(command) "), "\(refused.stderr)")
            messages.insert(Self.message(refused.stderr))
        }
        #expect(messages.count == 1)
    }

    /// A usage error found only once the batch file is read (k against its C) has the same form as one found while parsing.
    @Test(arguments: ["compute", "frame"])
    func aUsageErrorAfterReadingTheFileHasTheSameForm(_ command: String) throws {
        let run = try CLI.run(
            ["--batch", "-", "--loss", "bdlmcl", "--top-k", "3"] + (command == "frame" ? ["--screen", "batch"] : []),
            stdin: Data("0,0.1,0.2\n".utf8), subcommand: command)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("Error: --top-k: k = 3 is more than the 2 classes; expected 2...2.\n"), "\(run.stderr)")
        let parsed = try CLI.run(["--top-k", "1"], subcommand: command)
        // The lines after the message: the usage line and the help pointer, the same as ArgumentParser's.
        #expect(
            run.stderr.components(separatedBy: "\nUsage: ").last == parsed.stderr.components(separatedBy: "\nUsage: ").last,
            "\(run.stderr)\n\(parsed.stderr)")
    }

    @Test func aLessonStepOutOfRangeHasFramesUsageLine() throws {
        let run = try CLI.run(["--lesson", "cosface", "--step", "99"], subcommand: "frame")
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: --step: lesson cosface has "), "\(run.stderr)")
        #expect(run.stderr.contains("\nUsage: marginscope frame "), "\(run.stderr)")
    }
}
