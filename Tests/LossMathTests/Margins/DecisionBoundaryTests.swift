import Foundation
import LossMath
import Testing

@Suite("Decision boundaries, plot curves and angles")
struct DecisionBoundaryTests {
    static let degree = 180 / Double.pi

    @Test func cosineOfDegreesIsExactAtQuarterTurns() {
        #expect(Angle.cosine(degrees: 90) == 0)
        #expect(Angle.cosine(degrees: 270) == 0)
        #expect(Angle.cosine(degrees: -90) == 0)
        #expect(Angle.cosine(degrees: 180) == -1)
        #expect(Angle.cosine(degrees: 360) == 1)
        #expect(Foundation.cos(90 * Double.pi / 180) != 0)  // why the function exists
        #expect(abs(Angle.cosine(degrees: 60) - 0.5) < 1e-15)
    }

    @Test func anglesFromCosinesKeepPrecisionNearTheEnds() {
        // c = −1 + 2⁻⁴⁰ exactly: π − θ = 2·asin(√((1 + c)/2)) with 1 + c exact, about 1.3e-6.
        // acos loses about half the digits of that small angle; atan2 of the careful sine does not.
        let c = -1 + 0x1p-40
        let gap = 2 * asin(((1 + c) / 2).squareRoot())
        #expect(abs((Double.pi - Angle.radians(ofCosine: c)) - gap) < 1e-9 * gap)
        #expect(abs(Angle.sine(ofCosine: c) - Foundation.sin(gap)) < 1e-15 * gap)
        #expect(Angle.sine(ofCosine: 1) == 0 && Angle.sine(ofCosine: -1) == 0)
        #expect(Angle.radians(ofCosine: -1) == Double.pi)
    }

    @Test func arcFaceIsABandOfConstantWidthUntilPiMinusM() {
        let m = 0.5, md = m * Self.degree
        for fallback in ArcFaceFallback.allCases {
            let t = TargetTransform.additiveAngular(margin: m, fallback: fallback)
            // The easy margin stops at 90° (c ≤ 0 gets none).
            let end = fallback == .easy ? 89.0 : 180 - md - 0.5
            for theta in stride(from: 0.0, through: end, by: 7.5) {
                let beta = DecisionBoundary.rivalAngle(transform: t, targetDegrees: theta)!
                #expect(abs(beta - (theta + md)) < 1e-9, "\(fallback) at \(theta)°")
                #expect(abs(DecisionBoundary.marginDegrees(transform: t, targetDegrees: theta)! - md) < 1e-9)
            }
        }
        // Beyond π − m: `none` grows back (β = 360° − θ_y − m), sinmm/continuous/clip never win,
        // easy has no margin past 90°.
        let theta = 170.0
        let none = DecisionBoundary.rivalAngle(transform: .additiveAngular(margin: m, fallback: .none), targetDegrees: theta)!
        #expect(abs(none - (360 - theta - md)) < 1e-9)
        for fallback in [ArcFaceFallback.sinmm, .continuous] {
            #expect(DecisionBoundary.rivalAngle(transform: .additiveAngular(margin: m, fallback: fallback), targetDegrees: theta) == nil)
        }
        // clip is f = −1 exactly: the target ties only a rival at 180°.
        #expect(DecisionBoundary.rivalAngle(transform: .additiveAngular(margin: m, fallback: .clip), targetDegrees: theta) == 180)
        let easy = DecisionBoundary.rivalAngle(transform: .additiveAngular(margin: m, fallback: .easy), targetDegrees: 120)!
        #expect(abs(easy - 120) < 1e-9)
    }

    @Test func sphereFaceBoundaryIsMTimesTheAngleThenNeverWins() {
        let t = TargetTransform.multiplicativeAngular(margin: 4, lambda: 0)
        for theta in stride(from: 0.0, through: 44.0, by: 4) {
            #expect(abs(DecisionBoundary.rivalAngle(transform: t, targetDegrees: theta)! - 4 * theta) < 1e-9)
        }
        #expect(DecisionBoundary.rivalAngle(transform: t, targetDegrees: 60) == nil)
    }

    @Test func crossingIsWhereTheTargetStopsWinning() {
        var rng = SeededGenerator(seed: 151)
        for _ in 0..<200 {
            let rival = rng.uniform(-0.9...0.9)
            let m = rng.uniform(0...0.5)
            // CosFace in closed form: arccos(c_r + m).
            let cosFace = DecisionBoundary.crossing(transform: .additiveCosine(margin: m), rivalCosine: rival)
            if rival + m <= 1 {
                #expect(abs(cosFace! - acos(rival + m) * Self.degree) < 1e-12)
            } else {
                #expect(cosFace == nil)
            }
            // ArcFace by search: arccos(c_r) − m, when positive.
            let arc = DecisionBoundary.crossing(transform: .additiveAngular(margin: m, fallback: .sinmm), rivalCosine: rival)
            let expected = (acos(rival) - m) * Self.degree
            if expected > 1e-6 {
                #expect(abs(arc! - expected) < 1e-9)
            }
        }
        #expect(DecisionBoundary.crossing(transform: .additiveAngular(margin: 0.5, fallback: .sinmm), rivalCosine: 0.95) == nil)
    }

    @Test func theGeometryArcsOfArcFaceMeetHalfwayMinusTheMargin() {
        // Two classes φ = 90° apart: the target's region ends at (φ − m)/2 from it (in degrees).
        let m = 0.3, md = m * Self.degree
        let t = TargetTransform.additiveAngular(margin: m, fallback: .sinmm)
        let directions = [0.0, 90.0]
        let edge = (90 - md) / 2
        #expect(DecisionBoundary.targetWins(atDegrees: edge - 0.01, classDirections: directions, target: 0, transform: t))
        #expect(!DecisionBoundary.targetWins(atDegrees: edge + 0.01, classDirections: directions, target: 0, transform: t))
        // NormFace: the regions meet at 45°.
        #expect(DecisionBoundary.targetWins(atDegrees: 44.9, classDirections: directions, target: 0, transform: .identity))
        #expect(DecisionBoundary.targetWins(atDegrees: 45.1, classDirections: directions, target: 1, transform: .identity))
        #expect(!DecisionBoundary.targetWins(atDegrees: 45.1, classDirections: directions, target: 0, transform: .identity))
    }

    @Test func boundaryCurvesAreMirrorImagesForAnAngularMargin() {
        let t = TargetTransform.combined(angleFactor: 1, angleMargin: 0.3, cosineMargin: 0.2)
        let xs = (0...180).map(Double.init)
        let curves = DecisionBoundary.curves(transform: t, targetDegrees: xs)
        for (p, q) in zip(curves.targetWins, curves.rivalWins.sorted { $0.y < $1.y }) {
            #expect(p.x == q.y && p.y == q.x)
        }
        // CosFace's rival curve: θ_r with cos θ_r − m = cos θ_y.
        let cosFace = DecisionBoundary.curves(transform: .additiveCosine(margin: 0.35), targetDegrees: xs)
        for point in cosFace.rivalWins {
            #expect(abs(cos(point.y / Self.degree) - 0.35 - cos(point.x / Self.degree)) < 1e-12)
        }
    }

    @Test func theBatchRankBoundarySeparatesRankOneFromTheRest() {
        // CosFace: the straight line rival = target − m through the plot's ends (which may lie past ±1).
        let line = DecisionBoundary.rankBoundary(transform: .additiveCosine(margin: 0.35), from: -1.05, to: 0.95)
        #expect(line.count == 2 && line[0].y == -1.05 - 0.35 && line[1].y == 0.95 - 0.35)
        // ArcFace: points on rival = cos(θ_y + m), clipped to [−1, 1]; a sample just above has rank 2.
        let t = TargetTransform.additiveAngular(margin: 0.5, fallback: .sinmm)
        let curve = DecisionBoundary.rankBoundary(transform: t, from: -1.2, to: 0.9)
        #expect(curve.first!.x == -1 && curve.last!.x == 0.9 && curve.count == 65)
        for point in curve where point.x > 0 {
            #expect(abs(point.y - cos(acos(point.x) + 0.5)) < 1e-12)
            let batch = CosineBatch(labels: [0], cosines: [point.x, point.y + 1e-9], classCount: 2)
            #expect(BatchLoss.margin(batch, scale: 10, transform: t, gradient: false).samples[0].rank == 2)
        }
    }

    @Test func plotCurvesAgreeWithTheHeadAtEveryAngle() {
        var rng = SeededGenerator(seed: 152)
        for _ in 0..<100 {
            let classes = rng.integer(1...6)
            var cosines = rng.cosines(classes)
            let y = rng.integer(0...(classes - 1))
            let transform = MarginGradientTests.randomTransform(&rng)
            let s = rng.uniform(1...64)
            let curve = TargetCurve(scale: s, transform: transform, cosines: cosines, target: y)
            let degrees = rng.uniform(0...180)
            cosines[y] = Angle.cosine(degrees: degrees)
            let r = CosineHead(scale: s, transform: transform).evaluate(cosines: cosines, target: y)
            #expect(isClose(curve.logit(degrees: degrees), r.logits[y], tolerance: 1e-15))
            #expect(abs(curve.probability(degrees: degrees) - r.probabilities[y]) < 1e-13)
        }
    }

    @Test func regionsFollowTheRankAndK() {
        #expect(BatchRegion(rank: 1, topK: 2) == .satisfied)
        #expect(BatchRegion(rank: 2, topK: 2) == .boundary)
        #expect(BatchRegion(rank: 3, topK: 2) == .beyondTopK)
        #expect(BatchRegion(rank: 1, topK: nil) == .satisfied)
        #expect(BatchRegion(rank: 5, topK: nil) == .violated)
        #expect(BatchRegion.regions(topK: nil) == [.satisfied, .violated])
        #expect(BatchRegion.regions(topK: 3) == [.satisfied, .boundary, .beyondTopK])
    }
}
