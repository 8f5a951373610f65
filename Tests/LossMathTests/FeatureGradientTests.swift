import Foundation
import LossMath
import Testing

@Suite("Gradients through the feature normalisation")
struct FeatureGradientTests {
    struct Case {
        var feature: [Double]
        var weights: [[Double]]
        var target: Int
        var head: CosineHead
    }

    static func randomCase(_ rng: inout SeededGenerator) -> Case {
        let d = rng.integer(2...6)
        let c = rng.integer(1...6)
        let feature = (0..<d).map { _ in rng.uniform(-2...2) }
        let weights = (0..<c).map { _ in (0..<d).map { _ in rng.uniform(-2...2) } }
        let head = CosineHead.cosFace(scale: rng.uniform(1...16), margin: rng.uniform(0...0.45))
        return Case(feature: feature, weights: weights, target: rng.integer(0...(c - 1)), head: head)
    }

    @Test func cosinesAreTheNormalisedDotProducts() {
        let cosines = Geometry.cosines(feature: [3, 4], weights: [[1, 0], [0, 2], [-3, -4], [4, -3]])
        #expect(cosines == [0.6, 0.8, -1, 0])
    }

    @Test func featureGradientMatchesCentralDifferences() {
        var rng = SeededGenerator(seed: 31)
        for _ in 0..<100 {
            let t = Self.randomCase(&rng)
            let analytic = t.head.evaluate(feature: t.feature, weights: t.weights, target: t.target).featureGradient
            let numeric = centralDifferences(at: t.feature) {
                t.head.evaluate(feature: $0, weights: t.weights, target: t.target).cosineResult.loss
            }
            #expect(finiteDifferenceError(numeric, analytic) < finiteDifferenceTolerance)
        }
    }

    @Test func weightGradientsMatchCentralDifferences() {
        var rng = SeededGenerator(seed: 32)
        for _ in 0..<60 {
            let t = Self.randomCase(&rng)
            let analytic = t.head.evaluate(feature: t.feature, weights: t.weights, target: t.target).weightGradients
            for j in t.weights.indices {
                let numeric = centralDifferences(at: t.weights[j]) { row in
                    var w = t.weights
                    w[j] = row
                    return t.head.evaluate(feature: t.feature, weights: w, target: t.target).cosineResult.loss
                }
                let scale = analytic.flatMap { $0 }.map(abs).max() ?? 0
                let error = zip(numeric, analytic[j]).map { abs($0 - $1) }.max() ?? 0
                #expect(error <= finiteDifferenceTolerance * max(scale, 1e-12))
            }
        }
    }

    @Test func gradientsAreOrthogonalToWhatTheyDifferentiate() {
        var rng = SeededGenerator(seed: 33)
        for _ in 0..<200 {
            let t = Self.randomCase(&rng)
            let r = t.head.evaluate(feature: t.feature, weights: t.weights, target: t.target)
            let gx = r.featureGradient
            let xNorm = t.feature.map { $0 * $0 }.reduce(0, +).squareRoot()
            let gNorm = gx.map { $0 * $0 }.reduce(0, +).squareRoot()
            #expect(abs(zip(t.feature, gx).map(*).reduce(0, +)) <= 1e-13 * max(1, xNorm * gNorm))
            for j in t.weights.indices {
                let w = t.weights[j], gw = r.weightGradients[j]
                let scale = w.map { $0 * $0 }.reduce(0, +).squareRoot() * gw.map { $0 * $0 }.reduce(0, +).squareRoot()
                #expect(abs(zip(w, gw).map(*).reduce(0, +)) <= 1e-13 * max(1, scale))
            }
        }
    }

    @Test func scalingTheFeatureKeepsTheLossAndDividesTheGradient() {
        var rng = SeededGenerator(seed: 34)
        for _ in 0..<100 {
            let t = Self.randomCase(&rng)
            let factor = rng.uniform(0.1...10)
            let a = t.head.evaluate(feature: t.feature, weights: t.weights, target: t.target)
            let b = t.head.evaluate(feature: t.feature.map { $0 * factor }, weights: t.weights, target: t.target)
            #expect(isClose(a.cosineResult.loss, b.cosineResult.loss, tolerance: 1e-13))
            for i in t.feature.indices {
                #expect(abs(b.featureGradient[i] * factor - a.featureGradient[i]) <= 1e-12 * max(1, abs(a.featureGradient[i])))
            }
        }
    }
}
