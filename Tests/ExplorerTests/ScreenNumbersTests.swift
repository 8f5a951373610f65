import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The numbers on screen are the mathematics, checked against hand derivations.
@Suite struct ScreenNumbersTests {
    static func render(_ state: ExplorerState, width: Int = 160, height: Int = 48) -> String {
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.handle(.resize(width: width, height: height))
        return app.render().text
    }

    @Test func theCosineScreenShowsTheLMCLLossOfTheTeachingExample() {
        // Hand derivation: z = 30·(0.62 − 0.35, 0.5, 0.2, −0.1) = (8.1, 15, 6, −3);
        // L = log(e^8.1 + e^15 + e^6 + e^−3) − 8.1.
        let z = [8.1, 15.0, 6.0, -3.0]
        let loss = log(z.map { exp($0) }.reduce(0, +)) - 8.1
        let text = Self.render(ExplorerState())
        #expect(text.contains("LMCL     L = \(String(format: "%.4f", loss))"))
        // NormFace: z = 30·(0.62, 0.5, 0.2, −0.1).
        let zn = [18.6, 15.0, 6.0, -3.0]
        let normFace = log(zn.map { exp($0) }.reduce(0, +)) - 18.6
        #expect(text.contains("NormFace L = \(String(format: "%.4f", normFace))"))
    }

    @Test func theSoftmaxScreenShowsTheCrossEntropyOfItsLogits() {
        var s = ExplorerState()
        s.screen = .softmax
        let x = [2.0, 1.0, 0.5, -1.0]
        let loss = log(x.map { exp($0) }.reduce(0, +)) - 2.0
        let text = Self.render(s)
        #expect(text.contains("L = \(String(format: "%.4f", loss))"))
        let p0 = exp(2.0) / x.map { exp($0) }.reduce(0, +)
        #expect(text.contains(String(format: "%.4f", p0 - 1)))
    }

    @Test func theMarginShiftsTheCrossingByTheExpectedAngle() {
        // Crossing without margin: acos(0.5) = 60°; with m = 0.35: acos(0.85) = 31.79°.
        let text = Self.render(ExplorerState())
        #expect(text.contains("crossing 60.0° → 31.8°, shift 28.2°"))
    }

    @Test func theGeometryGradientIsTangentToTheFeature() {
        var s = ExplorerState()
        s.screen = .geometry
        let e = Evaluation(s)
        let g = e.geometry.featureGradient
        #expect(abs(g[0] * e.feature[0] + g[1] * e.feature[1]) < 1e-12)
        // cos θ_j from the picture: x at 30°, W at 0°, 90°, 180°, 270°.
        let c = e.geometry.cosineResult.cosines
        #expect(abs(c[0] - cos(Double.pi / 6)) < 1e-15 && abs(c[1] - 0.5) < 1e-15)
    }
}

@Suite struct CosinePlotTests {
    @Test func theProbabilityCurveIsTheSoftmaxOfTheMovedTargetEverywhere() {
        var state = ExplorerState()
        state.scaleSteps = 6400
        let context = FrameContext(state: state, glyphs: .unicode, batch: nil)
        let plot = CosinePlots.targetProbability(context)
        let heads = [CosineHead.normFace(scale: 64), CosineHead.cosFace(scale: 64, margin: 0.35)]
        for (series, head) in zip(plot.series, heads) {
            #expect(series.points.count == CosinePlots.samples)
            for p in series.points {
                var cosines = state.cosines
                cosines[0] = ExplorerState.cosineOfDegrees(p.x)
                let expected = head.evaluate(cosines: cosines, target: 0).probabilities[0]
                #expect(abs(p.y - expected) <= 1e-12 * max(1, expected), "p_y at \(p.x)°")
            }
        }
    }
}

@Suite struct GeometryMouseTests {
    /// Clicks the picture at `(dx, dy)` cells from its centre and returns the new direction of x in degrees.
    static func click(dx: Int, dy: Int) throws -> Double {
        var state = ExplorerState()
        state.screen = .geometry
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.handle(.resize(width: 80, height: 24))
        _ = app.render()
        let region = try #require(app.hits.regions.first { if case .direction = $0.target { return true } else { return false } })
        let centre = (x: region.rect.x + region.rect.width / 2, y: region.rect.y + region.rect.height / 2)
        app.handle(.mouse(MouseEvent(.press, .left, x: centre.x + dx, y: centre.y + dy)))
        return ValueGrid.direction.value(app.state.featureDirectionSteps)
    }

    @Test func clickingThePictureTurnsXTowardsThePoint() throws {
        // Cells are about twice as tall as wide, so 10 columns right and 5 rows up is roughly 45°.
        let east = try Self.click(dx: 12, dy: 0), north = try Self.click(dx: 0, dy: -6)
        let west = try Self.click(dx: -12, dy: 0), south = try Self.click(dx: 0, dy: 6)
        let northEast = try Self.click(dx: 10, dy: -5)
        #expect(min(east, 360 - east) < 8, "east: \(east)")
        #expect(abs(north - 90) < 8, "north: \(north)")
        #expect(abs(west - 180) < 8, "west: \(west)")
        #expect(abs(south - 270) < 8, "south: \(south)")
        #expect(abs(northEast - 45) < 10, "north-east: \(northEast)")
    }
}
