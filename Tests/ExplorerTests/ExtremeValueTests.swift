import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The explorer at the ends of every range: s from 0.01 to 1000, m at its
/// maximum, logits ±1e6, cosines at exactly ±1, 2 and 12 classes, k = 2 and
/// k = C, a batch of one sample. Every screen is drawn at 80×24 and 160×48 in
/// both glyph sets; the numbers must be finite, the probabilities must sum to
/// 1, nothing may read "nan" or "inf", and the extreme values must be shown
/// whole, not cut.
@Suite struct ExtremeValueTests {
    /// A named extreme state, with an optional file batch.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var state: ExplorerState
        var file: CosineBatch?
        var testDescription: String { name }
    }

    static func base(_ screen: Screen, classes: Int = 4) -> ExplorerState {
        var s = ExplorerState()
        s.screen = screen
        s.batch.samples = 64
        s.batch.classes = 50
        while s.classCount < classes { s.addClass() }
        while s.classCount > classes { s.removeClass(at: s.classCount - 1) }
        return s
    }

    static let cases: [Case] = {
        var list: [Case] = []
        for screen in Screen.allCases {
            for (name, scale, margin) in [
                ("s=0.01 m=0", 1, 0), ("s=1000 m=2", 100_000, 200), ("s=0.01 m=2", 1, 200), ("s=1000 m=0", 100_000, 0),
            ] {
                var s = base(screen)
                s.scaleSteps = scale
                s.marginSteps = margin
                list.append(Case(name: "\(screen.key) \(name)", state: s))
            }
            for classes in [2, ExplorerState.maximumClasses] {
                var s = base(screen, classes: classes)
                s.scaleSteps = 100_000
                s.marginSteps = 200
                s.target = classes - 1
                list.append(Case(name: "\(screen.key) C=\(classes) at the limits", state: s))
            }
        }
        // Softmax: logits at ±1e6, the target at either end.
        for target in [0, 1] {
            var s = base(.softmax, classes: 3)
            s.logitSteps = [ValueGrid.logit.maximumSteps, ValueGrid.logit.minimumSteps, 0]
            s.target = target
            list.append(Case(name: "softmax logits ±1e6 target \(target)", state: s))
        }
        var equal = base(.softmax, classes: ExplorerState.maximumClasses)
        equal.logitSteps = Array(repeating: ValueGrid.logit.maximumSteps, count: ExplorerState.maximumClasses)
        list.append(Case(name: "softmax twelve logits all 1e6", state: equal))
        // Cosines at exactly ±1, in both input modes.
        for mode in [CosineInputMode.cosine, .angle] {
            var s = base(.cosine, classes: 3)
            s.scaleSteps = 100_000
            s.marginSteps = 200
            s.inputSteps = [1000, -1000, 1000]
            if mode == .angle { s.toggleInputMode() }
            list.append(Case(name: "cosine ±1 in \(mode) mode", state: s))
        }
        // Geometry: x on a class direction and opposite one.
        var g = base(.geometry, classes: 2)
        g.weightDirectionSteps = [0, 1800]
        g.featureDirectionSteps = 0
        g.scaleSteps = 100_000
        list.append(Case(name: "geometry x on W0, W1 opposite, s=1000", state: g))
        // Batch: k = 2 and k = C; C = 2; a single sample (synthetic and from a file, cosines at ±1).
        for (k, classes) in [(2, 50), (50, 50), (2, 2)] {
            for scale in [1, 100_000] {
                var s = base(.batch)
                s.batch.classes = classes
                s.batch.topK = k
                s.scaleSteps = scale
                s.marginSteps = 200
                list.append(Case(name: "batch k=\(k) C=\(classes) s-steps=\(scale)", state: s))
            }
        }
        var one = base(.batch)
        one.batch.samples = 1
        one.scaleSteps = 100_000
        list.append(Case(name: "batch of one synthetic sample", state: one))
        for (cosines, label) in [([1.0, -1.0], 0), ([-1.0, 1.0], 0), ([1.0, 1.0], 1), ([-1.0, -1.0, -1.0], 2)] {
            var s = base(.batch)
            s.batch.file = "one.csv"
            s.batch.samples = 1
            s.batch.classes = cosines.count
            s.scaleSteps = 100_000
            s.marginSteps = 200
            list.append(
                Case(
                    name: "batch file of one sample \(cosines) label \(label)", state: s,
                    file: CosineBatch(labels: [label], cosines: cosines, classCount: cosines.count)))
        }
        return list
    }()

    static func render(_ c: Case, width: Int, height: Int, glyphs: GlyphSet, overlay: ExplorerState.Overlay = .none)
        -> (ExplorerApp, Canvas, BatchEngine)
    {
        var state = c.state
        state.overlay = overlay
        state.width = width
        state.height = height
        let engine = BatchEngine(file: c.file)
        let app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: engine)
        return (app, app.render(), engine)
    }

    @Test(arguments: cases)
    func extremesStayFiniteAndReadable(_ c: Case) {
        for glyphs in [GlyphSet.unicode, .ascii] {
            for (width, height) in [(80, 24), (160, 48)] {
                let (app, canvas, engine) = Self.render(c, width: width, height: height, glyphs: glyphs)
                var failures = FuzzInvariants.check(app.state) + FuzzInvariants.check(Evaluation(app.state))
                failures += FuzzInvariants.check(canvas, hits: app.hits, state: app.state)
                if c.state.screen == .batch { failures += FuzzInvariants.check(engine.snapshot(for: app.state)) }
                #expect(failures.isEmpty, "\(width)x\(height): \(failures)\n\(canvas.text)")

                // The extreme settings are shown whole wherever s and m are shown.
                let text = canvas.text
                // The training screen shows its own s and m (`TrainScreenTests`), not the explorer's.
                if c.state.screen != .softmax && c.state.screen != .train {
                    #expect(text.contains(ValueGrid.scale.format(c.state.scaleSteps)), "s cut at \(width)x\(height):\n\(text)")
                    #expect(text.contains(ValueGrid.margin.format(c.state.marginSteps)), "m cut at \(width)x\(height):\n\(text)")
                }
            }
        }
    }

    /// At logits (1e6, −1e6, 0) the probabilities are (1, 0, 0) to within e^−1e6, and the
    /// loss is LSE − x_y: 1e6 − 1e6 = 0 for target 0 and 1e6 + 1e6 = 2e6 for target 1 (by hand).
    @Test func logitsAtAMillionGiveTheHandDerivedLossAndProbabilities() {
        for (target, loss) in [(0, 0.0), (1, 2e6)] {
            var s = Self.base(.softmax, classes: 3)
            s.logitSteps = [ValueGrid.logit.maximumSteps, ValueGrid.logit.minimumSteps, 0]
            s.target = target
            let e = Evaluation(s)
            #expect(e.softmax.probabilities == [1, 0, 0])
            #expect(e.softmax.loss == loss)
            #expect(e.softmax.gradient == [target == 0 ? 0 : 1, target == 1 ? -1 : 0, 0])
            let text = Self.render(Case(name: "", state: s), width: 80, height: 24, glyphs: .unicode).1.text
            #expect(text.contains("1.0000") && text.contains(target == 0 ? "L = 0" : "L = 2e6"), "\(text)")
        }
    }

    /// Cosines (1, −1) with s = 1000, m = 2: z = (1000·(1 − 2), −1000) = (−1000, −1000), so
    /// p = (½, ½), L = ln 2 and ∂L/∂cos = s·(p − 1[j=y]) = (−500, 500); NormFace (m = 0) gives L = ln(1 + e^−2000) = 0.
    @Test func cosinesAtPlusAndMinusOneGiveTheHandDerivedNumbers() {
        var s = Self.base(.cosine, classes: 2)
        s.inputSteps = [1000, -1000]
        s.scaleSteps = 100_000
        s.marginSteps = 200
        let e = Evaluation(s)
        #expect(e.lmcl.probabilities == [0.5, 0.5])
        #expect(abs(e.lmcl.loss - log(2)) < 1e-12)
        #expect(e.lmcl.gradient == [-500, 500])
        #expect(e.normFace.loss == 0)
        let text = Self.render(Case(name: "", state: s), width: 80, height: 24, glyphs: .unicode).1.text
        #expect(text.contains("-500.00") && text.contains("+500.00") && text.contains("0.6931"), "\(text)")
    }

    /// Axis ticks a few units apart near a million must not share a label.
    @Test func ticksNearAMillionHaveDistinctLabels() {
        let labels = tickLabels([999_995, 1_000_000, 1_000_005])
        #expect(labels == ["999995", "1e6", "1.000005e6"])
        #expect(tickLabels([0, 0.5, 1]) == ["0.0", "0.5", "1.0"])
    }

    /// Every screen and overlay at the sizes of the issue, in both glyph sets:
    /// no trap, and a frame of exactly the terminal's size with no "nan" or "inf".
    @Test func everyScreenAndOverlayRendersAtEverySize() {
        let overlays: [ExplorerState.Overlay] = [.none, .help, .entry(field: .scale, text: "1e309"), .stateString]
        for screen in Screen.allCases {
            let c = Case(name: screen.key, state: Self.base(screen))
            for overlay in overlays {
                for (width, height) in [(1, 1), (2, 2), (10, 3), (79, 23), (300, 100)] {
                    for glyphs in [GlyphSet.unicode, .ascii] {
                        let (app, canvas, _) = Self.render(c, width: width, height: height, glyphs: glyphs, overlay: overlay)
                        let failures = FuzzInvariants.check(canvas, hits: app.hits, state: app.state)
                        #expect(failures.isEmpty, "\(screen) \(overlay) \(width)x\(height): \(failures)")
                    }
                }
            }
        }
    }
}
