import Foundation
import LossMath
import Testing

/// Identities between members of the margin family.
@Suite("Margin family identities")
struct MarginPropertyTests {
    static let edges: [Double] = [-1, -0.5, 0, 0.3, 1]

    static func cosines(_ rng: inout SeededGenerator) -> [Double] {
        rng.cosines(200) + edges
    }

    @Test(arguments: ArcFaceFallback.allCases)
    func arcFaceWithZeroMarginIsNormFaceExactly(_ fallback: ArcFaceFallback) {
        var rng = SeededGenerator(seed: 141)
        let t = TargetTransform.additiveAngular(margin: 0, fallback: fallback)
        for c in Self.cosines(&rng) {
            #expect(t.point(at: c) == TargetTransform.identity.point(at: c))
        }
        let cosines = [0.3, -1, 1, 0.2]
        #expect(
            CosineHead(scale: 30, transform: t).evaluate(cosines: cosines, target: 1)
                == CosineHead.normFace(scale: 30).evaluate(cosines: cosines, target: 1))
    }

    @Test func combinedWithOnlyAnAngleMarginIsArcFaceWithoutFallback() {
        var rng = SeededGenerator(seed: 142)
        for m in [0.1, 0.35, 0.5, 0.8] {
            let combined = TargetTransform.combined(angleFactor: 1, angleMargin: m, cosineMargin: 0)
            let arc = TargetTransform.additiveAngular(margin: m, fallback: .none)
            for c in Self.cosines(&rng) {
                let a = combined.point(at: c), b = arc.point(at: c)
                #expect(abs(a.value - b.value) < 1e-15)
                #expect(abs(a.angleSlope - b.angleSlope) < 1e-15)
                if b.cosineSlope.isFinite {
                    #expect(isClose(a.cosineSlope, b.cosineSlope, tolerance: 1e-9))
                } else {
                    #expect(a.cosineSlope == b.cosineSlope)
                }
            }
        }
    }

    @Test func combinedWithOnlyACosineMarginIsCosFace() {
        var rng = SeededGenerator(seed: 143)
        for m in [0.1, 0.35] {
            let combined = TargetTransform.combined(angleFactor: 1, angleMargin: 0, cosineMargin: m)
            let cosFace = TargetTransform.additiveCosine(margin: m)
            for c in Self.cosines(&rng) {
                let a = combined.point(at: c), b = cosFace.point(at: c)
                #expect(abs(a.value - b.value) < 1e-15)
                // cos(atan2(sin θ, c)) loses up to ~1e-16/sin θ in the slope; ends are exact.
                #expect(abs(a.cosineSlope - 1) < 1e-8)
                #expect(abs(a.angleSlope - b.angleSlope) < 1e-15)
            }
            #expect(combined.point(at: 1).cosineSlope == 1 && combined.point(at: -1).cosineSlope == 1)
        }
    }

    @Test func sphereFaceWithMarginOneIsNormFace() {
        var rng = SeededGenerator(seed: 144)
        for lambda in [0.0, 5] {
            let t = TargetTransform.multiplicativeAngular(margin: 1, lambda: lambda)
            for c in Self.cosines(&rng) {
                let p = t.point(at: c)
                #expect(abs(p.value - c) < 1e-15)
                #expect(abs(p.cosineSlope - 1) < 1e-15)
            }
        }
    }

    @Test func arcFaceIsABandOfConstantAngularWidth() {
        // cos(θ + m): the margin branch's value is the cosine of the angle moved by m.
        var rng = SeededGenerator(seed: 145)
        for _ in 0..<300 {
            let m = rng.uniform(0.05...0.8)
            let theta = rng.uniform(0...(Double.pi - m))
            let t = TargetTransform.additiveAngular(margin: m, fallback: .sinmm)
            #expect(abs(t.value(cos(theta)) - cos(theta + m)) < 1e-14)
        }
    }

    @Test func unboundedSlopesOccurOnlyAtTheConePoints() {
        var rng = SeededGenerator(seed: 146)
        for _ in 0..<500 {
            let t = MarginGradientTests.randomTransform(&rng)
            let c = rng.uniform(-1...1)
            #expect(t.point(at: c).cosineSlope.isFinite)
        }
        #expect(TargetTransform.additiveAngular(margin: 0.5, fallback: .sinmm).point(at: 1).finiteCosineSlope == nil)
        #expect(TargetTransform.additiveAngular(margin: 0.5, fallback: .sinmm).point(at: -1).finiteCosineSlope == 1)
        #expect(
            TargetTransform.combined(angleFactor: 1.35, angleMargin: 0, cosineMargin: 0).point(at: 1).cosineSlope
                == 1.35 * 1.35)
    }
}
