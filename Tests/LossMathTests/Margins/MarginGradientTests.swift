import Foundation
import LossMath
import Testing

/// Finite-difference checks of every transform and of the head's gradients through it.
@Suite("Margin family gradients")
struct MarginGradientTests {
    static func randomTransform(_ rng: inout SeededGenerator) -> TargetTransform {
        switch rng.integer(0...4) {
        case 0: .additiveCosine(margin: rng.uniform(0...0.45))
        case 1: .additiveAngular(margin: rng.uniform(0...0.8), fallback: ArcFaceFallback.allCases[rng.integer(0...4)])
        case 2: .multiplicativeAngular(margin: rng.integer(1...4), lambda: rng.integer(0...1) == 0 ? 0 : rng.uniform(0...10))
        case 3: .combined(angleFactor: rng.uniform(0.8...1.4), angleMargin: rng.uniform(0...0.5), cosineMargin: rng.uniform(0...0.3))
        default: .identity
        }
    }

    /// Whether `f` is smooth on [c − δ, c + δ]: away from an ArcFace switch point.
    static func isSmooth(_ t: TargetTransform, near c: Double, within delta: Double) -> Bool {
        guard let threshold = t.switchCosine else { return true }
        return abs(c - threshold) > delta
    }

    @Test func slopesMatchCentralDifferencesAtRandomPoints() {
        var rng = SeededGenerator(seed: 131)
        var checked = 0
        for _ in 0..<2000 {
            let t = Self.randomTransform(&rng)
            let c = rng.uniform(-0.99...0.99)
            let h = 1e-6
            guard Self.isSmooth(t, near: c, within: 10 * h) else { continue }
            let p = t.point(at: c)
            let numeric = (t.value(c + h) - t.value(c - h)) / (2 * h)
            #expect(isClose(numeric, p.cosineSlope, tolerance: 1e-6), "\(t) at \(c)")
            // df/dθ by differences in θ.
            let theta = acos(c)
            let byAngle = (t.value(cos(theta + h)) - t.value(cos(theta - h))) / (2 * h)
            #expect(isClose(byAngle, p.angleSlope, tolerance: 1e-6), "\(t) at \(c)")
            checked += 1
        }
        #expect(checked > 1900)
    }

    @Test func lossGradientsMatchCentralDifferencesInCosinesAndAngles() {
        var rng = SeededGenerator(seed: 132)
        for _ in 0..<300 {
            let t = Self.randomTransform(&rng)
            let classes = rng.integer(2...6)
            let cosines = (0..<classes).map { _ in rng.uniform(-0.97...0.97) }
            let y = rng.integer(0...(classes - 1))
            guard Self.isSmooth(t, near: cosines[y], within: 1e-4) else { continue }
            let head = CosineHead(scale: rng.uniform(1...16), transform: t)
            let r = head.evaluate(cosines: cosines, target: y)
            let numeric = centralDifferences(at: cosines) { head.evaluate(cosines: $0, target: y).loss }
            #expect(finiteDifferenceError(numeric, r.gradient) < finiteDifferenceTolerance, "\(t)")
            let angles = cosines.map { acos($0) }
            let byAngle = centralDifferences(at: angles) { a in head.evaluate(cosines: a.map { cos($0) }, target: y).loss }
            #expect(finiteDifferenceError(byAngle, r.angleGradient) < finiteDifferenceTolerance, "\(t)")
        }
    }

    /// At a switch point the strict test `c > switch` selects the fallback, so the reported
    /// slope is the left one (c ≤ switch, θ ≥ the switch angle): a backward difference.
    @Test(arguments: [ArcFaceFallback.sinmm, .continuous, .easy, .clip])
    func switchPointsReportTheFallbacksLeftSideSlope(_ fallback: ArcFaceFallback) {
        for m in [0.2, 0.5] {
            let t = TargetTransform.additiveAngular(margin: m, fallback: fallback)
            let c = t.switchCosine!
            let p = t.point(at: c)
            let h = 1e-7
            let backward = (t.value(c) - t.value(c - h)) / h
            #expect(abs(backward - p.cosineSlope) < 1e-6)
            let forward = (t.value(c + 2 * h) - t.value(c + h)) / h
            let marginBranch = TargetTransform.additiveAngular(margin: m, fallback: .none).point(at: c + h)
            #expect(abs(forward - marginBranch.cosineSlope) < 1e-5 * max(1, abs(forward)))
            // The margin branch's right-side slope is another number (except where both are 1).
            if fallback == .easy { #expect(abs(marginBranch.cosineSlope - p.cosineSlope) > 0.01) }
        }
    }

    @Test func switchPointsHaveTheDocumentedJumps() {
        for m in [0.2, 0.5] {
            let th = -cos(m)
            func jump(_ fallback: ArcFaceFallback, at c: Double) -> Double {
                let t = TargetTransform.additiveAngular(margin: m, fallback: fallback)
                return t.value(c.nextUp) - t.value(c)
            }
            // sinmm steps up by cos m + m·sin m − 1 (0.0198 at m = 0.2, 0.1173 at 0.5).
            #expect(abs(jump(.sinmm, at: th) - (cos(m) + m * sin(m) - 1)) < 1e-7)
            #expect(abs(jump(.continuous, at: th)) < 1e-7)
            #expect(abs(jump(.clip, at: th)) < 1e-7)
            // easy drops by sin m as c rises through 0: not monotone.
            #expect(abs(jump(.easy, at: 0) + sin(m)) < 1e-12)
        }
        #expect(abs(cos(0.2) + 0.2 * sin(0.2) - 1 - 0.0198) < 1e-4)
        #expect(abs(cos(0.5) + 0.5 * sin(0.5) - 1 - 0.1173) < 1e-4)
    }

    @Test func sphereFaceIsSmoothAcrossItsPieces() {
        // ψ is C¹ at θ = kπ/m with ψ′ = 0 there (45°, 90°, 135° for m = 4).
        for m in 2...4 {
            let t = TargetTransform.multiplicativeAngular(margin: m, lambda: 0)
            for k in 1..<m {
                let c = cos(Double(k) * Double.pi / Double(m))
                #expect(abs(t.point(at: c).cosineSlope) < 1e-9)
                // ψ″ jumps there (±m²·m² at most), so the central difference is O(h), not O(h²).
                let h = 1e-6
                #expect(abs((t.value(c + h) - t.value(c - h)) / (2 * h)) < 1e-4)
            }
            // Range [1 − 2m, 1] and ψ′ = m² at both ends.
            #expect(abs(t.value(1) - 1) < 1e-15 && abs(t.value(-1) - Double(1 - 2 * m)) < 1e-12)
            #expect(t.point(at: 1).cosineSlope == Double(m * m))
            #expect(abs(t.point(at: -1).cosineSlope - Double(m * m)) < 1e-12)
        }
    }

    @Test func theConePointGivesAnUnboundedCosineGradientAndAFiniteAngleGradient() {
        let s = 30.0, m = 0.5
        let r = CosineHead.arcFace(scale: s, margin: m).evaluate(cosines: [1, 0.8, 0.5, 0.1], target: 0)
        #expect(r.targetCosineGradient == nil)
        #expect(r.gradient[0] == -.infinity)
        // One-sided (θ ≥ 0): ∂L/∂θ_y = s(1 − p_y)·sin m.
        #expect(isClose(r.angleGradient[0], s * (1 - r.probabilities[0]) * sin(m), tolerance: 1e-12))
        // Through the normalisation the target's term is the subgradient 0; the rest is finite.
        let x = [1.0, 0]
        let w = [[2.0, 0], [0.8, 0.6], [0.5, 0.75.squareRoot()], [0.1, 0.99.squareRoot()]]
        let features = CosineHead.arcFace(scale: s, margin: m).evaluate(feature: x, weights: w, target: 0)
        #expect(features.featureGradient.allSatisfy { $0.isFinite })
        #expect(features.weightGradients[0] == [0, 0])
        // ArcFace `none` at c_y = −1 is the other cone point: −∞ on cosines, s(1 − p_y)·(−sin m) on θ.
        let far = CosineHead.arcFace(scale: s, margin: m, fallback: .none).evaluate(cosines: [-1, 0.2], target: 0)
        #expect(far.gradient[0] == .infinity)
        #expect(isClose(far.angleGradient[0], -s * (1 - far.probabilities[0]) * sin(m), tolerance: 1e-12))
    }

    @Test func featureGradientsMatchCentralDifferencesForEveryTransform() {
        var rng = SeededGenerator(seed: 133)
        for _ in 0..<150 {
            let t = Self.randomTransform(&rng)
            let d = rng.integer(2...5), c = rng.integer(2...5)
            let x = (0..<d).map { _ in rng.uniform(-2...2) }
            let w = (0..<c).map { _ in (0..<d).map { _ in rng.uniform(-2...2) } }
            let y = rng.integer(0...(c - 1))
            let cy = Geometry.cosines(feature: x, weights: w)[y]
            guard Self.isSmooth(t, near: cy, within: 1e-4), abs(cy) < 0.99 else { continue }
            let head = CosineHead(scale: rng.uniform(1...12), transform: t)
            let analytic = head.evaluate(feature: x, weights: w, target: y).featureGradient
            let numeric = centralDifferences(at: x) { head.evaluate(feature: $0, weights: w, target: y).cosineResult.loss }
            #expect(finiteDifferenceError(numeric, analytic) < 1e-5, "\(t)")
        }
    }

    @Test func featureGradientsOnlyRotateForEveryTransform() {
        var rng = SeededGenerator(seed: 134)
        for _ in 0..<200 {
            let t = Self.randomTransform(&rng)
            let d = rng.integer(2...5), c = rng.integer(2...5)
            let x = (0..<d).map { _ in rng.uniform(-2...2) }
            let w = (0..<c).map { _ in (0..<d).map { _ in rng.uniform(-2...2) } }
            let r = CosineHead(scale: rng.uniform(1...30), transform: t).evaluate(feature: x, weights: w, target: rng.integer(0...(c - 1)))
            let gx = r.featureGradient
            let size = x.map { $0 * $0 }.reduce(0, +).squareRoot() * gx.map { $0 * $0 }.reduce(0, +).squareRoot()
            #expect(abs(zip(x, gx).map(*).reduce(0, +)) <= 1e-12 * max(1, size), "\(t)")
            for j in w.indices {
                let gw = r.weightGradients[j]
                let wSize = w[j].map { $0 * $0 }.reduce(0, +).squareRoot() * gw.map { $0 * $0 }.reduce(0, +).squareRoot()
                #expect(abs(zip(w[j], gw).map(*).reduce(0, +)) <= 1e-12 * max(1, wSize), "\(t)")
            }
        }
    }
}
