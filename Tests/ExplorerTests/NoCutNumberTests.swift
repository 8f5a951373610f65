import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// No number on screen is cut so that it changes meaning: a field is shown whole, or
/// given up whole, at every size the sweep tries.
@Suite struct NoCutNumberTests {
    /// `classes` classes with the target last (≥ 10 from 11 classes), plain or extreme values.
    static func state(classes: Int, extreme: Bool, screen: Screen) -> ExplorerState {
        var s = ExplorerState()
        s.screen = screen
        let logits: [Double] = (0..<classes).map { (j: Int) -> Double in
            if !extreme { return -1 + 0.37 * Double(j) }
            if j == classes - 1 { return -123_456.78 }
            return j % 2 == 0 ? 1e6 : -1e6
        }
        s.logitSteps = logits.map { ValueGrid.logit.steps(nearest: $0)! }
        let cosines: [Double] = (0..<classes).map { (j: Int) -> Double in
            if !extreme { return 0.62 - 0.11 * Double(j) }
            return j % 2 == 0 ? 0.999 : -0.999
        }
        s.inputSteps = cosines.map { ValueGrid.cosine.steps(nearest: $0)! }
        s.weightDirectionSteps = (0..<classes).map { $0 * 3600 / classes }
        s.target = classes - 1
        if extreme {
            s.scaleSteps = ValueGrid.scale.steps(nearest: 1000)!
            s.marginSteps = ValueGrid.margin.steps(nearest: 2)!
        }
        return s
    }

    static func render(_ state: ExplorerState, glyphs: GlyphSet, width: Int, height: Int, file: CosineBatch? = nil) -> String {
        let app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: BatchEngine(file: file))
        app.handle(.resize(width: width, height: height))
        return app.render().text
    }

    /// Every cut next to a digit: "11…", "rank 1…", "-2…", and the ASCII "..." forms.
    static func cutNumbers(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let l = String(line)
            let hit = l.range(of: "[0-9](…|\\.\\.\\.)|(…|\\.\\.\\.)[0-9]", options: .regularExpression)
            return hit.map {
                "…\(l[l.index($0.lowerBound, offsetBy: -min(12, l.distance(from: l.startIndex, to: $0.lowerBound)))..<$0.upperBound])"
            }
        }
    }

    static let sizes = [(80, 24), (100, 30), (120, 40), (160, 48)]

    @Test(arguments: [Screen.softmax, .cosine, .geometry])
    func noNumberIsCutOnTheSampleScreens(_ screen: Screen) {
        for classes in 2...12 {
            for extreme in [false, true] {
                let s = Self.state(classes: classes, extreme: extreme, screen: screen)
                for glyphs in [GlyphSet.unicode, .ascii] {
                    for (w, h) in Self.sizes {
                        let text = Self.render(s, glyphs: glyphs, width: w, height: h)
                        let cuts = Self.cutNumbers(text)
                        #expect(
                            cuts.isEmpty,
                            "\(screen) C=\(classes) extreme=\(extreme) \(w)×\(h) \(glyphs.isUnicode ? "unicode" : "ascii"): \(cuts)\n\(text)"
                        )
                    }
                }
            }
        }
    }

    @Test func aTargetIndexOfTenOrMoreKeepsItsTag() {
        for screen in [Screen.softmax, .cosine, .geometry] {
            let text = Self.render(Self.state(classes: 12, extreme: false, screen: screen), glyphs: .unicode, width: 80, height: 24)
            #expect(text.contains("11y"), "\(screen):\n\(text)")
        }
    }

    @Test func aLargeNegativeLogitIsShownWhole() {
        let text = Self.render(Self.state(classes: 4, extreme: true, screen: .softmax), glyphs: .unicode, width: 80, height: 24)
        #expect(text.contains("-123456.78"), "\(text)")
    }

    @Test func theTargetLogitOfTheFormulaPanelIsShownWhole() {
        // z_y = 1000·(0.999 − 2) = −1001 for an even target index, 1000·(−0.999 − 2) = −2999 for an odd one.
        // At 80×24 the formula panel needs room below the class table: 4 classes there, 10 to 12 at 80×40.
        for (classes, height) in [(4, 24), (10, 40), (11, 40), (12, 40)] {
            let s = Self.state(classes: classes, extreme: true, screen: .cosine)
            let zy = 1000 * (s.cosines[classes - 1] - 2)
            let text = Self.render(s, glyphs: .unicode, width: 80, height: height)
            #expect(text.contains("z_\(classes - 1) = ") && text.contains(String(format: "%.3f", zy)), "\(text)")
        }
    }

    @Test func theASCIIFooterShowsTheWholeShift() {
        // The teaching example: acos(0.5) − acos(0.85) = 60° − 31.79° = 28.2°.
        let text = Self.render(ExplorerState(), glyphs: .ascii, width: 80, height: 24)
        #expect(text.contains("28.2 deg"), "\(text)")
    }

    @Test func theGeometryScreenWithTwelveClassesStillShowsBothLosses() {
        let s = Self.state(classes: 12, extreme: false, screen: .geometry)
        let e = Evaluation(s)
        let text = Self.render(s, glyphs: .unicode, width: 80, height: 24)
        #expect(text.contains("LMCL \(String(format: "%.3f", e.geometry.cosineResult.loss))"), "\(text)")
        #expect(text.contains(String(format: "%.3f", e.geometryNormFace.loss)), "\(text)")
    }

    @Test func theScatterFooterKeepsATwoDigitRankWhole() throws {
        // One sample with label 0 and eleven rivals above cos θ_y − m: rank 12 of 12.
        let cosines = [0.1] + (1..<12).map { 0.2 + 0.01 * Double($0) }
        let file = CosineBatch(labels: [0], cosines: cosines, classCount: 12)
        var s = BatchNumbersTests.state()
        s.batch.file = "hand"
        s.batch.samples = 1
        s.batch.classes = 12
        for glyphs in [GlyphSet.unicode, .ascii] {
            for (w, h) in Self.sizes {
                let text = Self.render(s, glyphs: glyphs, width: w, height: h, file: file)
                #expect(Self.cutNumbers(text).isEmpty, "\(w)×\(h): \(Self.cutNumbers(text))\n\(text)")
                if w == 80 { #expect(text.contains("rank 12"), "\(text)") }
            }
        }
    }
}
