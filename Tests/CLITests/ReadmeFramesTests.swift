import Foundation
import TestSupport
import Testing

/// README.md's text screenshots are what `marginscope frame` prints today.
///
/// Each screenshot is a ```text block right after a marker `<!-- frame: ARGUMENTS -->`;
/// `Scripts/update-readme-frames.sh` regenerates them after a change to the screens.
@Suite(.tags(.subprocess), TestRun.slow) struct ReadmeFramesTests {
    struct Screenshot: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var text: String
        var line: Int
        var testDescription: String { "README.md line \(line): frame \(arguments.joined(separator: " "))" }
    }

    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    /// The marked blocks of `text`, with the arguments split at spaces (single quotes group words).
    static func screenshots(in text: String) -> [Screenshot] {
        let lines = text.components(separatedBy: "\n")
        var found: [Screenshot] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.hasPrefix("<!-- frame: "), line.hasSuffix(" -->") else { i += 1; continue }
            let arguments = words(String(line.dropFirst("<!-- frame: ".count).dropLast(" -->".count)))
            guard i + 1 < lines.count, lines[i + 1] == "```text",
                let end = lines[(i + 2)...].firstIndex(of: "```")
            else {
                found.append(Screenshot(arguments: arguments, text: "(no ```text block after the marker)", line: i + 1))
                i += 1
                continue
            }
            found.append(Screenshot(arguments: arguments, text: lines[(i + 2)..<end].joined(separator: "\n") + "\n", line: i + 1))
            i = end + 1
        }
        return found
    }

    static func words(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, started = false
        for ch in text {
            if ch == "'" {
                quoted.toggle(); started = true
            } else if ch == " " && !quoted {
                if started { words.append(current) }
                current = ""; started = false
            } else {
                current.append(ch); started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    static let all: [Screenshot] = (try? String(contentsOf: readme, encoding: .utf8)).map(screenshots) ?? []

    @Test func theReadmeHasMarkedScreenshots() {
        #expect(Self.all.count >= 2, "no <!-- frame: … --> markers found in \(Self.readme.path)")
    }

    @Test(arguments: all)
    func eachScreenshotIsWhatFramePrints(_ shot: Screenshot) throws {
        let run = try CLI.run(shot.arguments, subcommand: "frame")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == shot.text,
            """
            README.md line \(shot.line) is stale; run Scripts/update-readme-frames.sh. frame prints:
            \(run.stdout)
            """)
    }

    @Test func theMarkerParserFindsBlocksAndQuotedArguments() {
        let text = "intro\n<!-- frame: --size 80x24 --keys 'jj t' -->\n```text\nA\nB\n```\n<!-- frame: --screen batch -->\nno block\n"
        let shots = Self.screenshots(in: text)
        #expect(shots.count == 2)
        #expect(shots.first?.arguments == ["--size", "80x24", "--keys", "jj t"])
        #expect(shots.first?.text == "A\nB\n")
        #expect(shots.last?.text.hasPrefix("(no ```text block") == true)
    }
}
