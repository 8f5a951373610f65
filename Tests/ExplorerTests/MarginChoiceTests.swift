import Foundation
import LossMath
import Testing

@testable import Explorer

/// The margin choice: the key cycles, the presets set the loss with their source, AdaCos's scale.
@Suite struct MarginChoiceTests {
    @Test func theMarginKeyWalksEveryLossAndTheCosineScreenFollows() {
        var s = ExplorerState()
        var seen: [MarginType] = []
        for _ in MarginType.allCases {
            seen.append(s.marginType)
            s.apply(key: .character("M"))
        }
        #expect(Set(seen) == Set(MarginType.allCases))
        s.marginType = .arcFace
        s.marginSteps = 50
        // A1 with the teaching example's cosines is not a vector; check f directly: cos(acos 0.62 + 0.5).
        let e = Evaluation(s)
        #expect(abs(e.margined.logits[0] - 30 * cos(acos(0.62) + 0.5)) < 1e-12)
    }

    @Test func eachMarginTypeRoundTripsThroughItsTransform() {
        // Values in the order of `parameters`; SphereFace's m must be a whole number.
        let values: [MarginType: [Double]] = [
            .normFace: [], .cosFace: [0.35], .arcFace: [0.5], .sphereFace: [3, 2.5], .combined: [0.9, 0.4, 0.15],
        ]
        for type in MarginType.allCases {
            let given = values[type]!
            #expect(type.parameters.count == given.count, "\(type)")
            let transform = type.transform(fallback: .easy) { row in given[type.parameters.firstIndex { $0.id == row.id }!] }
            let back = MarginType.of(transform)
            #expect(back.type == type && back.values == given, "\(type): \(transform)")
        }
        #expect(MarginType.arcFace.transform(fallback: .clip) { _ in 0.2 } == .additiveAngular(margin: 0.2, fallback: .clip))
    }

    @Test func theStateReadsEachMarginsParametersFromItsRows() {
        var s = ExplorerState()
        // The rows' defaults: SphereFace m = 4 and λ = 50 tenths; m₁ 100, m₂ 30, m₃ 20 hundredths.
        #expect(s.transform(for: .sphereFace) == .multiplicativeAngular(margin: 4, lambda: 5))
        #expect(s.transform(for: .combined) == .combined(angleFactor: 1, angleMargin: 0.3, cosineMargin: 0.2))
        s.marginSteps = 20
        s.fallback = .continuous
        #expect(s.transform(for: .arcFace) == .additiveAngular(margin: 0.2, fallback: .continuous))
        #expect(s.transform(for: .cosFace) == .additiveCosine(margin: 0.2))
        #expect(s.transform(for: .normFace) == .identity)
    }

    @Test func presetSummariesNameEveryParameterBySymbol() {
        func summary(_ name: String) -> String { Preset.all.first { $0.name == name }!.summary }
        #expect(summary("ArcFace paper") == "ArcFace s = 64, m = 0.5, sinmm")
        #expect(summary("CosFace paper") == "CosFace s = 64, m = 0.35")
        #expect(summary("combined margin") == "combined s = 64, m₁ = 1, m₂ = 0.3, m₃ = 0.2")
        #expect(summary("SphereFace") == "SphereFace s unchanged, m_SF = 4, λ = 5")
    }

    @Test func theSphereFaceFormulaLinesSubstituteItsParameters() {
        // Hand: θ = acos 0.6, 4θ/π = 1.18 so k = 1; T₄(0.6) = 8·0.6⁴ − 8·0.6² + 1 = −0.8432;
        // ψ = −T₄ − 2 = −1.1568; f = (5·0.6 + ψ)/6 = 0.3072; z₀ = 30·0.3072 = 9.216.
        var s = ExplorerState()
        s.screen = .cosine
        s.marginType = .sphereFace
        s[.lambda] = 50
        s.inputMode = .cosine
        s.inputSteps = [600, 800, 100]
        s.logitSteps = [0, 0, 0]
        s.weightDirectionSteps = Array(s.weightDirectionSteps.prefix(3))
        s.target = 0
        let app = ExplorerApp(state: s, glyphs: .unicode)
        app.handle(.resize(width: 120, height: 40))
        let text = app.render().text
        #expect(text.contains("z_y = s·(λcos θ + ψ(θ))/(1 + λ)"))
        #expect(text.contains("m_SF = 4, λ = 5"))
        #expect(text.contains("z_0 = 30·0.307 = 9.216"))
    }

    @Test func speakerPresetsAreArcFaceWithTheirFallbacksNeverCosFace() {
        let ecapa = Preset.all.first { $0.name.contains("ECAPA") }!
        let wespeaker = Preset.all.first { $0.name.contains("WeSpeaker") }!
        #expect(ecapa.marginType == .arcFace && ecapa.fallback == .sinmm && ecapa.scaleSteps == 3000 && ecapa.marginSteps == 20)
        #expect(wespeaker.marginType == .arcFace && wespeaker.fallback == .continuous && wespeaker.scaleSteps == 3200)
        #expect(Preset.all.allSatisfy { !$0.source.isEmpty })
    }

    @Test func cyclingThePresetsAppliesEachOnesLoss() {
        var s = ExplorerState()
        for i in 1..<Preset.all.count {
            s.apply(key: .character("p"))
            #expect(s.marginType == Preset.all[i].marginType)
        }
        #expect(s.marginType == .sphereFace && s[.sphereMargin] == 4 && s[.lambda] == 50)
    }

    @Test func adaCosScaleIsAppliedRoundedToTheGridAndSaysSo() {
        var s = ExplorerState()
        s.apply(.applyAdaCosScale)
        // √2·ln 3 = 1.5536…: the s grid has hundredths.
        #expect(s.scaleSteps == 155)
        #expect(s.message?.contains("rounded to s = 1.55") == true)
    }

    @Test func adaCosScaleIsRefusedForTwoClasses() {
        var s = ExplorerState()
        s.inputs = [.cosine(500), .cosine(100)]
        s.logitSteps = [0, 0]
        s.weightDirectionSteps = [0, 1800]
        s.apply(.applyAdaCosScale)
        #expect(s.scaleSteps == 3000)
        #expect(s.message?.contains("C ≥ 3") == true)
    }

    @Test func undoRestoresTheMarginType() {
        var s = ExplorerState()
        let before = s.undoable
        s.apply(key: .character("M"))
        #expect(s.marginType != .cosFace)
        s.undoable = before
        #expect(s.marginType == .cosFace)
    }
}
