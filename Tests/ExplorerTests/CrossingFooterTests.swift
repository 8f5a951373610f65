import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The crossing footer's shift is the difference of the unrounded crossings, rounded once.
@Suite struct CrossingFooterTests {
    @Test func theShiftIsTheUnroundedDifferenceRoundedOnce() throws {
        // CosFace, by hand: without m the target ties rival r at θ = acos(c_r); with m at acos(c_r + m).
        var checked = 0
        for rivalSteps in stride(from: -900, through: 600, by: 37) {
            for marginSteps in stride(from: 5, through: 60, by: 11) {
                var s = ExplorerState()
                s.screen = .cosine
                s.inputSteps = [950, rivalSteps, -990, -995]
                s.marginSteps = marginSteps
                let c = Double(rivalSteps) / 1000, m = Double(marginSteps) / 100
                guard c + m <= 1 else { continue }
                let t0 = acos(c) * 180 / .pi, t1 = acos(c + m) * 180 / .pi
                let app = ExplorerApp(state: s, glyphs: .unicode)
                app.handle(.resize(width: 160, height: 48))
                let text = app.render().text
                let expected = String(format: "crossing %.1f° → %.1f°, shift %.1f°", t0, t1, t0 - t1)
                #expect(text.contains(expected), "rival \(c), m \(m): expected \(expected)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
