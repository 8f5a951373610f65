import Foundation
import TestSupport
import Testing

/// End-to-end: the real explorer in tmux at 80×24, driven by keys as a user would.
///
/// It opens on the teaching example, the LMCL loss reacts to the keys with the
/// value the mathematics gives, q gives the terminal back, and the state string
/// printed on the way out reproduces the last screen.
@Suite("Explorer end to end", .tags(.terminal), TestRun.slow)
struct ExplorerEndToEndTests {
    static var canRun: Bool { TmuxSession.isAvailable && MarginScopeBinary.url != nil }

    /// The LMCL loss for cosines `c`, target 0: LSE(z) − z_0 with z_0 = s(c_0 − m), z_j = s·c_j, computed here.
    static func lmclLoss(_ c: [Double], s: Double, m: Double) -> Double {
        let z = c.enumerated().map { $0.offset == 0 ? s * ($0.element - m) : s * $0.element }
        let top = z.max()!
        return top + log(z.map { exp($0 - top) }.reduce(0, +)) - z[0]
    }

    static func lossLine(_ lines: [String]) -> String? {
        lines.first { $0.contains("LMCL     L = ") }
    }

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func theLossReactsToKeysAndQuitRestoresTheTerminal() throws {
        let binary = try #require(MarginScopeBinary.url)
        let program = "LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no \"\(binary.path)\""
        let session = try TmuxSession.start(command: "sh -c '\(program); echo MS-EXIT=$?; stty -a; echo MS-DONE; sleep 30'")
        defer { session.kill() }

        try #require(try session.waitFor(text: "LMCL     L = "), "the explorer never drew the cosine screen")
        let first = try session.capture()
        #expect(first[0].contains("1 Softmax") && first[0].contains("Cosine margin"))
        let teaching = [0.62, 0.5, 0.2, -0.1]
        #expect(Self.lossLine(first)?.contains(String(format: "L = %.4f", Self.lmclLoss(teaching, s: 30, m: 0.35))) == true)
        #expect(try session.alternateOn())

        // ↓ selects m; → three times raises it to 0.38; Shift-free coarse H lowers s by 10.
        try session.sendKeys("Down", "Right", "Right", "Right")
        let raised = String(format: "L = %.4f", Self.lmclLoss(teaching, s: 30, m: 0.38))
        #expect(try session.waitFor(text: raised), "after m → 0.38 the screen should show \(raised)")
        try session.sendKeys("Up", "H")
        let lowered = String(format: "L = %.4f", Self.lmclLoss(teaching, s: 20, m: 0.38))
        #expect(try session.waitFor(text: lowered), "after s → 20 the screen should show \(lowered)")

        // Typing an exact value: Enter, then the number.
        try session.sendKeys("Down", "Enter")
        try session.sendKeys("0.2", literal: true)
        try session.sendKeys("Enter")
        let typed = String(format: "L = %.4f", Self.lmclLoss(teaching, s: 20, m: 0.2))
        #expect(try session.waitFor(text: typed), "after typing m = 0.2 the screen should show \(typed)")

        try session.sendKeys("q")
        try #require(try session.waitFor(text: "MS-DONE", history: true, timeout: 20), "the explorer did not exit on q")
        let after = try session.capture(history: true)
        #expect(try session.alternateOn() == false)
        #expect(try session.cursorVisible())
        #expect(after.contains { $0.hasPrefix("MS-EXIT=0") })
        #expect(
            after.contains { $0.contains("marginscope --state 'ms1;screen=cosine;s=20;m=0.2;") },
            "the state string printed on quit should hold s = 20 and m = 0.2")
        let words = Set(after.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo"))
    }

    @Test(.enabled(if: canRun, "needs tmux and a built marginscope binary"))
    func everyScreenIsReachableWithTheNumberKeys() throws {
        let binary = try #require(MarginScopeBinary.url)
        let session = try TmuxSession.start(command: "LANG=C.UTF-8 \"\(binary.path)\" --batch-size 64 --classes 50 --screen cosine")
        defer { session.kill() }
        try #require(try session.waitFor(text: "LMCL     L = "))
        let expectations = [
            ("1", "Softmax cross-entropy"), ("3", "Unit circle"), ("4", "BD-LMCL rule and batch"), ("2", "Scale and margin"),
        ]
        for (key, title) in expectations {
            try session.sendKeys(key)
            #expect(try session.waitFor(text: title), "key \(key) should show \(title)")
        }
        try session.sendKeys("?")
        #expect(try session.waitFor(text: "Help: Cosine margin"))
        try session.sendKeys("Escape")
        #expect(try session.waitUntil { try !session.capture().contains { $0.contains("Help: Cosine margin") } })
        try session.sendKeys("q")
    }
}
