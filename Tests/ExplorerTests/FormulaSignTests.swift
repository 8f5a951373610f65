import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// Formulas with the numbers substituted read like arithmetic: one sign per operator,
/// no zero called negative, and the geometry arrowhead points along the arrow.
@Suite struct FormulaSignTests {
    static func render(_ state: ExplorerState, glyphs: GlyphSet = .unicode, width: Int = 80, height: Int = 24) -> String {
        let app = ExplorerApp(state: state, glyphs: glyphs)
        app.handle(.resize(width: width, height: height))
        return app.render().text
    }

    /// An operator followed by a minus sign: `− -4.500`, `+ -1`, `·-0.100` (in ASCII `- -4.500`, `*-0.100`).
    static func doubleSigns(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "( [−+-] |[·*])-[0-9]")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) }
    }

    @Test func aNegativeTargetLogitIsSubtractedAsAnAddition() {
        var s = ExplorerState()
        s.screen = .softmax
        s.logitSteps = [-4.5, 2, 1, 0.5].map { ValueGrid.logit.exactSteps($0)! }
        for width in [80, 120, 160] {
            let text = Self.render(s, width: width, height: 40)
            #expect(Self.doubleSigns(text).isEmpty, "\(Self.doubleSigns(text)) in\n\(text)")
            // LSE(x) − x_y with x_y = −4.5: LSE = log Σ e^x_j, written as LSE + 4.5000.
            let lse = log([-4.5, 2, 1, 0.5].map { exp($0) }.reduce(0, +))
            #expect(text.contains("\(String(format: "%.4f", lse)) + 4.5000"), "\(text)")
        }
    }

    @Test func negativeCosinesAndLogitsOnTheCosineScreenCarryOneSign() {
        var s = ExplorerState()
        s.screen = .cosine
        // Target and rival below zero: z_y, z_rival and LSE are all negative.
        s.inputSteps = [-0.3, -0.2, -0.9, -0.95].map { ValueGrid.cosine.exactSteps($0)! }
        for glyphs in [GlyphSet.unicode, .ascii] {
            // 120 columns: the formula panel is wide enough for every substitution.
            let text = Self.render(s, glyphs: glyphs, width: 120, height: 40)
            #expect(Self.doubleSigns(text).isEmpty, "\(Self.doubleSigns(text)) in\n\(text)")
            // z_1 = 30·(−0.2) = −6: the rival's cosine in parentheses.
            #expect(text.contains("30·(-0.200) = -6.000") || text.contains("30*(-0.200) = -6.000"), "\(text)")
        }
    }

    @Test func aTargetGradientThatRoundsToZeroIsNotCalledTheOnlyNegative() {
        var s = ExplorerState()
        s.screen = .softmax
        // p_y = 1 − 3e−13: ∂L/∂x_y = −3e−13 prints as 0.0000.
        s.logitSteps = [30, 0, 0, -1].map { ValueGrid.logit.exactSteps($0)! }
        let text = Self.render(s, width: 120, height: 40)
        #expect(text.contains("= 0.0000"), "\(text)")
        #expect(!text.contains("the only negative"), "\(text)")
        s.logitSteps = [2, 1, 0.5, -1].map { ValueGrid.logit.exactSteps($0)! }
        #expect(Self.render(s, width: 120, height: 40).contains("the only negative"))
    }

    @Test func theGeometryArrowheadPointsTheWayDescentTurnsX() throws {
        // Independent of ∂L/∂x: descent turns x the way the loss falls, found by turning x
        // one step each way; the arrow is tangent, so its direction is ±(−sin φ, cos φ).
        var checked = 0
        for phiSteps in stride(from: 0, to: 3600, by: 150) {
            var s = ExplorerState()
            s.screen = .geometry
            s.featureDirectionSteps = phiSteps
            func loss(_ steps: Int) -> Double {
                var t = s
                t.featureDirectionSteps = (steps + 3600) % 3600
                return Evaluation(t).geometry.cosineResult.loss
            }
            let up = loss(phiSteps + 1), down = loss(phiSteps - 1)
            guard abs(up - down) > 1e-9 else { continue }
            let phi = Double(phiSteps) / 10 * Double.pi / 180
            let sense = up < down ? 1.0 : -1.0
            let d = (x: -sin(phi) * sense, y: cos(phi) * sense)
            let expected = abs(d.x) >= abs(d.y) ? (d.x > 0 ? "→" : "←") : (d.y > 0 ? "↑" : "↓")
            let text = Self.render(s, width: 80, height: 24)
            let pictureRows = text.split(separator: "\n").dropFirst().prefix(20).map { String($0.prefix(44)) }
            let arrows = pictureRows.joined().filter { "↑↓←→▲".contains($0) }
            #expect(arrows == expected, "φ = \(Double(phiSteps) / 10)°: expected \(expected), found \(arrows)")
            #expect(text.contains("arrow \(expected): −∂L/∂x"), "\(text)")
            checked += 1
        }
        #expect(checked > 15)
    }
}
