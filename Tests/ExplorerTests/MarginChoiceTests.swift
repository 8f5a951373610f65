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
