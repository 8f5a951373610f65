import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The compare screen: its numbers against MARGINS-style test vectors (checked with
/// 40-digit arithmetic, independent of this code), its plots' marks, its keys.
@Suite struct CompareScreenTests {
    /// B = (0.62, 0.35, −0.20, 0.10), target 0.
    static func stateB(scale: Int, margin: Int) -> ExplorerState {
        var s = ExplorerState()
        s.inputs = [620, 350, -200, 100].map(ClassInput.cosine)
        s.scaleSteps = scale
        s.marginSteps = margin
        s.screen = .compare
        return s
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func theArcFaceRowReproducesVectorA1() {
        let rows = CompareScreen.rows(Self.stateB(scale: 6400, margin: 50))
        let arc = rows.first { $0.type == .arcFace }!.result
        #expect(Self.close(arc.loss, 11.651654058755))
        #expect(Self.close(arc.probabilities[0], 8.7046424580757e-06))
        #expect(Self.close(arc.targetCosineGradient!, -80.41077504806))
        #expect(Self.close(arc.angleGradient[0], 63.09043963313))
    }

    @Test func theSphereFaceRowReproducesVectorS2() {
        // S2: SphereFace, s = 30, m = 4, λ = 5 (the defaults of the rows).
        let rows = CompareScreen.rows(Self.stateB(scale: 3000, margin: 35))
        let sphere = rows.first { $0.type == .sphereFace }!.result
        #expect(Self.close(sphere.loss, 0.9960617026536))
        #expect(Self.close(sphere.targetCosineGradient!, -22.998930122902))
        #expect(Self.close(sphere.angleGradient[0], 18.045002198751))
    }

    @Test func arcFacesMarginInDegreesIsMAtEveryAngleBelowPiMinusM() {
        // ArcFace's band has constant width m in θ: 0.5 rad = 28.6479°.
        let row = CompareScreen.rows(Self.stateB(scale: 6400, margin: 50)).first { $0.type == .arcFace }!
        #expect(Self.close(row.marginDegrees!, 0.5 * 180 / Double.pi, 1e-9))
    }

    @Test func anUnboundedCosineGradientReadsInfinityNeverInfOrNaN() {
        var s = Self.stateB(scale: 3000, margin: 50)
        s.inputs[0] = .cosine(1000)
        for glyphs in [GlyphSet.unicode, .ascii] {
            let app = ExplorerApp(state: s, glyphs: glyphs)
            app.handle(.resize(width: 80, height: 24))
            let text = app.render().text
            #expect(!text.contains("nan") && !text.contains(" inf"))
            #expect(text.contains(glyphs.isUnicode ? "∞" : "unbounded"))
        }
    }

    @Test(arguments: ComparePlot.allCases)
    func everyPlotTellsItsLossesApartByMarkAlone(_ which: ComparePlot) {
        let state = Self.stateB(scale: 3000, margin: 35)
        let context = FrameContext(state: state, glyphs: .unicode, batch: nil)
        let plot = CompareScreen.plot(which, context: context)
        #expect(SeriesMarkCheck.problems(plot, width: 60, height: 18) == [])
        #expect(SeriesMarkCheck.problems(plot, width: 100, height: 22) == [])
    }

    @Test func theLossKeysKeepTwoToFourDistinctLosses() {
        var s = ExplorerState()
        s.screen = .compare
        s.apply(key: .character("a"))
        #expect(s.compared == [.normFace, .cosFace, .arcFace, .sphereFace])
        #expect(s.message?.contains("at most 4") == true)
        s.apply(key: .character("x")); s.apply(key: .character("x"))
        #expect(s.compared == [.normFace, .cosFace])
        s.apply(key: .character("x"))
        #expect(s.compared == [.normFace, .cosFace])
        s.apply(key: .character("M"))
        #expect(s.compared == [.normFace, .arcFace])
        #expect(Set(s.compared).count == s.compared.count)
    }

    @Test func theCompareStateSurvivesTheStateString() throws {
        var s = ExplorerState()
        s.screen = .compare
        s.compared = [.arcFace, .combined]
        s.marginType = .arcFace
        s.fallback = .continuous
        s.comparePlot = .decisionPlane
        let back = try StateString.decode(StateString.encode(s))
        #expect(back.compared == s.compared && back.fallback == .continuous && back.marginType == .arcFace)
        #expect(back.comparePlot == .decisionPlane && back.screen == .compare)
    }
}
