import Foundation
import Testing

@testable import MarginScopeCLI

/// The explorer's exit line (`marginscope --state '…'`) is safe to print and
/// pastes back into a shell as the same string: checked by letting bash read
/// each quoted form back (`printf %s`), an independent interpreter of the quoting.
@Suite("Exit line quoting")
struct ExitLineQuotingTests {
    static let samples = [
        "ms1;screen=cosine;s=30;m=0.35",
        "ms1;batch=it's here.csv",
        "ms1;batch=\u{1B}]0;pwned\u{07}\u{1B}[2J.csv",
        "back\\slash and 'quote' and \u{9B}C1 and tab\there",
    ]

    static var bash: String? {
        ["/bin/bash", "/usr/bin/bash"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: bash != nil, "needs bash"), arguments: samples)
    func theQuotedStateReadsBackInBashAndHoldsNoRawControlCharacters(_ text: String) throws {
        let quoted = Explore.shellQuoted(text)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }, "\(quoted.debugDescription)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.bash))
        process.arguments = ["-c", "printf %s \(quoted)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == text)
    }
}
