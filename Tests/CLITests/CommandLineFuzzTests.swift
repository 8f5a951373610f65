import Foundation
import TestSupport
import Testing

/// Seeded random command lines for every command but `bench` (which times things: see
/// `EscapedOutputTests`), with control characters and whole and broken escape sequences in
/// every string option, in file names and in unknown options. Each run must end with a
/// documented status (0, 1 for "no terminal here", 64, 65), never a signal or a trap, and
/// print no raw control character other than line feed and tab on either stream.
///
/// Short run, part of `swift test`: 150 command lines, seed 20261202. Long run:
/// `MARGINSCOPE_CLI_FUZZ_RUNS=5000 swift test --filter CommandLineFuzz`
/// (`MARGINSCOPE_CLI_FUZZ_SEED` picks another seed).
@Suite(.tags(.subprocess, .fuzz), TestRun.slow) struct CommandLineFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let runs = environment["MARGINSCOPE_CLI_FUZZ_RUNS"].flatMap { Int($0) } ?? 150
    static let seed = environment["MARGINSCOPE_CLI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261202

    /// The string options of each command (flags are added at random too).
    static let options: [String: [String]] = [
        "compute": [
            "--loss", "--scale", "--margin", "--target", "--logits", "--cosines", "--angles", "--top-k",
            "--unselected", "--batch", "--batch-size", "--classes", "--seed", "--spread", "--dimension", "--format",
        ],
        "frame": [
            "--state", "--screen", "--loss", "--scale", "--margin", "--target", "--logits", "--cosines", "--angles",
            "--batch", "--batch-size", "--classes", "--seed", "--spread", "--top-k", "--unselected", "--size", "--keys",
        ],
        "explore": ["--state", "--screen", "--scale", "--margin", "--cosines", "--batch"],
        "train": [
            "--loss", "--scale", "--margin", "--epochs", "--seed", "--data", "--label-column", "--holdout", "--width",
            "--activation", "--learning-rate", "--momentum", "--batch-size", "--format", "--every",
        ],
        "lesson": ["--check", "--lang"],
    ]
    static let flags: [String: [String]] = [
        "compute": ["--gradients", "--all"], "frame": ["--ascii"], "explore": ["--ascii", "--no-mouse", "--no-color"],
        "train": ["--no-standardize"], "lesson": ["--list"],
    ]

    /// Pieces of hostile text: whole sequences (CSI, OSC ended by BEL or ST, DCS, SS3, C1 CSI),
    /// broken ones (a lone ESC, an unterminated OSC), and single controls.
    static let hostilePieces = [
        "\u{1B}[2J", "\u{1B}[31m", "\u{1B}]0;pwned\u{07}", "\u{1B}]8;;http://x\u{1B}\\", "\u{1B}P1$r\u{1B}\\",
        "\u{1B}OP", "\u{9B}6n", "\u{1B}", "\u{1B}[", "\u{1B}]0;unterminated", "\u{07}", "\r", "\n", "\t",
        "\u{7F}", "\u{85}", "\u{08}", "\u{1B}[?1049h", "\u{9D}0;c1\u{9C}",
    ]
    /// Pieces of ordinary text, so that some values parse and reach later checks.
    static let plainPieces = [
        "0.8,0.3", "30", "0.35", "1", "2", "cosface", "bdlmcl", "ms1;screen=batch", "80x24",
        "jj<Right>", "table", "json", "x", "-", "", " ", "ø", "θ", "…",
    ]

    struct Generator {
        var random: SeededGenerator
        let directory: TemporaryDirectory
        /// Real files with hostile names: a good batch, a good training file, a bad one.
        let files: [String]

        mutating func text() -> String {
            (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Bool.random(using: &random) ? Self.pick(hostilePieces, &random) : Self.pick(plainPieces, &random)
            }.joined()
        }

        mutating func value(for option: String) -> String {
            if ["--batch", "--data", "--check"].contains(option), Int.random(in: 0..<3, using: &random) == 0 {
                return Self.pick(files, &random)
            }
            if option == "--state", Bool.random(using: &random) {
                return "ms1;" + Self.pick(["batch=", "s=", "screen=", "cos=", ""], &random) + text()
            }
            return text()
        }

        mutating func commandLine() -> [String] {
            let command = Self.pick(["compute", "frame", "explore", "train", "lesson"], &random)
            var arguments = [command]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                switch Int.random(in: 0..<10, using: &random) {
                case 0: arguments.append("--" + text())
                case 1: arguments.append(Self.pick(flags[command]!, &random))
                case 2: arguments.append(text())
                default:
                    let option = Self.pick(options[command]!, &random)
                    arguments += [option, value(for: option)]
                }
            }
            // Keep the slow paths short: a synthetic batch of at most the default, few epochs.
            if command == "train" && !arguments.contains("--epochs") { arguments += ["--epochs", "2"] }
            return arguments
        }

        static func pick<T>(_ items: [T], _ random: inout SeededGenerator) -> T {
            items[Int.random(in: 0..<items.count, using: &random)]
        }
    }

    @Test func randomHostileCommandLinesNeverCrashAndNeverPrintARawControlCharacter() throws {
        let directory = try TemporaryDirectory()
        let files = [
            try directory.file("good\u{1B}]0;pwned\u{07}.csv", "0,0.9,0.1\n1,0.2,0.8\n"),
            try directory.file("train\u{1B}[2J.csv", "a,b,label\n0.1,0.2,0\n0.3,0.1,1\n0.2,0.4,0\n0.5,0.3,1\n"),
            try directory.file("bad\u{9B}31m.csv", "0,0.1,\u{1B}[31mred\n"),
        ]
        var generator = Generator(random: SeededGenerator(seed: Self.seed), directory: directory, files: files)
        var statuses: [Int32: Int] = [:]
        var failures = 0
        for index in 0..<Self.runs {
            let arguments = generator.commandLine()
            let run = try CLI.run(arguments, subcommand: nil)
            statuses[run.status, default: 0] += 1
            let documented: Set<Int32> = [0, 1, 64, 65]
            let control = EscapedOutputTests.rawControl(in: run.stdoutData) ?? EscapedOutputTests.rawControl(in: Data(run.stderr.utf8))
            if !documented.contains(run.status) || control != nil {
                failures += 1
                Issue.record(
                    """
                    command line \(index) (seed \(Self.seed)): \(arguments.debugDescription)
                    exit \(run.status)\(control != nil ? ", a raw control character" : "")
                    stdout: \(run.stdout.prefix(300).debugDescription)
                    stderr: \(run.stderr.prefix(600).debugDescription)
                    """)
                if failures >= 10 { break }
            }
        }
        if Self.environment["MARGINSCOPE_CLI_FUZZ_REPORT"] != nil {
            print("CLI fuzz: \(Self.runs) command lines, seed \(Self.seed), exit statuses \(statuses.sorted { $0.key < $1.key })")
        }
    }
}
