import Foundation
import Testing

@testable import Explorer

/// The text fast paths of a frame against the slow ways they replace: `StateString.trim` on
/// ASCII, and `Template.fill` from its kept pieces.
@Suite struct TextFastPathTests {
    /// `trim` as it was written first, character by character.
    static func referenceTrim(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }

    @Test func trimmingIsTheCharacterByCharacterTrim() {
        var samples = ["", ".", "0", "-0", "-0.0", "0.000", "10", "100", "10.00", "1.50", "-2.500", "0.", ".0", "a.0", "0.0\r\n", "x0"]
        samples += ["θ.0", "1.0\u{301}", "2.00́", "中.00", "-0.0é"]
        let alphabet = Array("0123456789.-0.0")
        var seed: UInt64 = 42
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<(seed % 9) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            samples.append(s)
        }
        for v in [0.0, -0.0, 0.05, -0.05, 1, 2.5, -3.25, 1e-9, 123.456] {
            for d in 0...6 { samples.append(String(format: "%.\(d)f", v)) }
        }
        for s in samples { #expect(StateString.trim(s) == Self.referenceTrim(s), "\(s.debugDescription)") }
    }

    @Test func fillingFromKeptPiecesIsFillingAfresh() {
        let texts = [
            "", "{a}", "x{a}y{b}z", "{", "}", "{}", "{a b}", "{{a}}", "{a", "a}", "{1a}", "{a_1}{a_1}", "θ {name} ‖∇‖ {k}",
            "中文{k}，{m}。", "e\u{301}{a}", "{a\u{301}}", "{\u{301}a}",
        ]
        let values = ["a": "A", "b": "", "name": "θ_y", "k": "2", "m": "0.35", "a_1": "{a}"]
        for text in texts + StringTable.entries.values.flatMap({ [$0.en, $0.zh] }) {
            // The fill as it was first written: scanning the text every time.
            var fresh = ""
            Template.scan(text) { piece in
                switch piece {
                case .text(let t): fresh += t
                case .placeholder(let name): fresh += values[name] ?? "{\(name)}"
                }
            }
            let first = Template.fill(text) { values[$0] }
            let second = Template.fill(text) { values[$0] }
            #expect(first == second && first == fresh, "\(text)")
        }
    }
}
