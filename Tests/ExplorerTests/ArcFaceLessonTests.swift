import Foundation
import LossMath
import Testing

@testable import Explorer

/// Lesson 6's answers, confirmed against the mathematics written out here (not the lesson's text).
@Suite struct ArcFaceLessonTests {
    static let cosines = [0.62, 0.5, 0.2, -0.1]

    /// L = log(Σ_j e^{z_j}) − z_y with z_y = s·f, rivals s·c_j, by hand.
    static func loss(targetLogit: Double, scale: Double) -> Double {
        let z = [targetLogit] + cosines.dropFirst().map { scale * $0 }
        let top = z.max()!
        return top + log(z.map { exp($0 - top) }.reduce(0, +)) - targetLogit
    }

    @Test func onTheTeachingSampleArcFaceIsBelowCosFaceAtTheSameMargin() {
        let s = 30.0, m = 0.35, c = 0.62
        let cosFace = Self.loss(targetLogit: s * (c - m), scale: s)
        let arcFace = Self.loss(targetLogit: s * cos(acos(c) + m), scale: s)
        #expect(arcFace < cosFace)
        #expect(abs(cosFace - 6.9011) < 1e-4, "the lesson quotes CosFace's 6.90")
        // The lesson's question is answered "ArcFace" (the second choice).
        let lesson = try! LessonLibrary.builtIn().first { $0.id == "arcface" }!
        #expect(lesson.steps[1].question?.answer == 1)
    }

    @Test func arcFacesMarginInDegreesIsTheSameAtThirtyAndSeventyDegrees() {
        let t = TargetTransform.additiveAngular(margin: 0.35, fallback: .sinmm)
        let at30 = DecisionBoundary.marginDegrees(transform: t, targetDegrees: 30)!
        let at70 = DecisionBoundary.marginDegrees(transform: t, targetDegrees: 70)!
        #expect(abs(at30 - at70) < 1e-9)
        #expect(abs(at30 - 0.35 * 180 / Double.pi) < 1e-9)
        let lesson = try! LessonLibrary.builtIn().first { $0.id == "arcface" }!
        #expect(lesson.steps[2].question?.answer == 2)
    }

    @Test func atTheConePointTheCosineGradientIsUnboundedAndTheAngleGradientFinite() {
        let s = 30.0, m = 0.35
        let r = CosineHead(scale: s, transform: .additiveAngular(margin: m, fallback: .sinmm))
            .evaluate(cosines: [1, 0.5, 0.2, -0.1], target: 0)
        #expect(r.targetCosineGradient == nil)
        // ∂L/∂θ_y = s·(1 − p_y)·sin m at θ_y = 0, with p_y from the hand-written loss.
        let py = exp(-Self.loss(targetLogit: s * cos(m), scale: s))
        #expect(abs(r.angleGradient[0] - s * (1 - py) * sin(m)) < 1e-10)
        let lesson = try! LessonLibrary.builtIn().first { $0.id == "arcface" }!
        #expect(lesson.steps[3].question?.answer == 2)
    }
}
