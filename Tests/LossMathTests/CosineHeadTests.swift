import Foundation
import LossMath
import Testing

@Suite("NormFace and LMCL on cosines")
struct CosineHeadTests {
    @Test func agreesWithAnIndependentImplementation() {
        var rng = SeededGenerator(seed: 21)
        for _ in 0..<300 {
            let c = rng.integer(1...12)
            let cosines = rng.cosines(c)
            let y = rng.integer(0...(c - 1))
            let s = rng.uniform(1...64)
            let m = rng.uniform(0...0.5)
            let r = CosineHead.cosFace(scale: s, margin: m).evaluate(cosines: cosines, target: y)
            let ref = referenceCosineLoss(cosines: cosines, target: y, scale: s, margin: m)
            #expect(isClose(r.loss, ref.loss, tolerance: 1e-12))
            for j in 0..<c {
                #expect(abs(r.probabilities[j] - ref.probabilities[j]) < 1e-14)
                #expect(isClose(r.gradient[j], ref.gradient[j], tolerance: 1e-12))
            }
            #expect(r.logits[y] == s * (cosines[y] - m))
        }
    }

    @Test func isSoftmaxCrossEntropyOnTheScaledLogits() {
        var rng = SeededGenerator(seed: 22)
        for _ in 0..<200 {
            let c = rng.integer(1...10)
            let cosines = rng.cosines(c)
            let y = rng.integer(0...(c - 1))
            let head = CosineHead.cosFace(scale: rng.uniform(1...40), margin: rng.uniform(0...0.4))
            let r = head.evaluate(cosines: cosines, target: y)
            let softmax = SoftmaxCrossEntropy.evaluate(logits: r.logits, target: y)
            #expect(isClose(r.loss, softmax.loss, tolerance: 1e-12))
            for j in 0..<c { #expect(isClose(r.gradient[j], head.scale * softmax.gradient[j], tolerance: 1e-12)) }
        }
    }

    @Test func zeroMarginIsNormFaceExactly() {
        var rng = SeededGenerator(seed: 23)
        for _ in 0..<100 {
            let c = rng.integer(1...10)
            let cosines = rng.cosines(c)
            let y = rng.integer(0...(c - 1))
            let s = rng.uniform(1...64)
            let lmcl = CosineHead.cosFace(scale: s, margin: 0).evaluate(cosines: cosines, target: y)
            let normFace = CosineHead.normFace(scale: s).evaluate(cosines: cosines, target: y)
            #expect(lmcl == normFace)
        }
    }

    @Test func lossGrowsWithTheMargin() {
        var rng = SeededGenerator(seed: 24)
        for _ in 0..<100 {
            let c = rng.integer(2...10)
            let cosines = rng.cosines(c)
            let y = rng.integer(0...(c - 1))
            let s = rng.uniform(1...30)
            var previous = -Double.infinity
            for step in 0...9 {
                let loss = CosineHead.cosFace(scale: s, margin: Double(step) * 0.05).evaluate(cosines: cosines, target: y).loss
                #expect(loss > previous)
                previous = loss
            }
        }
    }

    @Test func cosineGradientMatchesCentralDifferencesForNormFaceAndLMCL() {
        var rng = SeededGenerator(seed: 25)
        for trial in 0..<120 {
            let c = rng.integer(1...8)
            let cosines = rng.cosines(c)
            let y = rng.integer(0...(c - 1))
            let head =
                trial.isMultiple(of: 2)
                ? CosineHead.normFace(scale: rng.uniform(1...16))
                : CosineHead.cosFace(scale: rng.uniform(1...16), margin: rng.uniform(0...0.45))
            let analytic = head.evaluate(cosines: cosines, target: y).gradient
            let numeric = centralDifferences(at: cosines) { head.evaluate(cosines: $0, target: y).loss }
            #expect(finiteDifferenceError(numeric, analytic) < finiteDifferenceTolerance)
        }
    }

    @Test func twoClassLossIsTheLogisticOfTheMarginGap() {
        // By hand: L = log(1 + e^{−s(c_y − m − c_o)}), ∂L/∂c_o = s·σ(−s(c_y − m − c_o)) = −∂L/∂c_y.
        let s = 30.0, m = 0.35, cy = 0.625, co = 0.125
        let gap = s * (cy - m - co)  // 4.5
        let expectedLoss = Foundation.log(1 + Foundation.exp(-gap))
        let sigma = 1 / (1 + Foundation.exp(gap))
        let r = CosineHead.cosFace(scale: s, margin: m).evaluate(cosines: [co, cy], target: 1)
        #expect(abs(r.loss - expectedLoss) < 1e-15)
        #expect(abs(r.loss - 0.011047744848593817) < 1e-14)  // log1p(e^−4.5)
        #expect(abs(r.gradient[0] - s * sigma) < 1e-13)
        #expect(abs(r.gradient[1] + s * sigma) < 1e-13)
        #expect(abs(r.probabilities[1] - (1 - sigma)) < 1e-15)
    }

    @Test func oneClassHasZeroLoss() {
        let r = CosineHead.cosFace(scale: 64, margin: 0.35).evaluate(cosines: [0.2], target: 0)
        #expect(r.loss == 0)
        #expect(r.probabilities == [1])
        #expect(r.gradient == [0])
    }

    @Test func largeScaleAndExtremeCosinesStayFiniteWithTheRightLimits() {
        let s = 1000.0, m = 0.35
        let head = CosineHead.cosFace(scale: s, margin: m)
        // Target dominates: L = log(1 + 2e^{−1000·1.65}) underflows to 0.
        let win = head.evaluate(cosines: [1, -1, -1], target: 0)
        #expect(win.loss == 0)
        #expect(win.probabilities == [1, 0, 0])
        #expect(win.gradient.allSatisfy { $0.isFinite })
        // Target loses badly: L = s·(1 − (−1 − m)) + log(1 + e^{−1000}) = 2350.
        let lose = head.evaluate(cosines: [-1, 1, 0], target: 0)
        #expect(abs(lose.loss - 2350) < 1e-9)
        #expect(lose.gradient[0] == -s && lose.gradient[1] == s && lose.gradient[2] == 0)
        // Exact ties at ±1.
        let tie = CosineHead.normFace(scale: s).evaluate(cosines: [1, 1, -1, -1], target: 1)
        #expect(abs(tie.loss - Foundation.log(2.0)) < 1e-15)
        #expect(abs(tie.gradient[0] - s / 2) < 1e-12 && abs(tie.gradient[1] + s / 2) < 1e-12)
        let allEqual = CosineHead.cosFace(scale: s, margin: 0).evaluate(cosines: [-1, -1, -1], target: 2)
        #expect(abs(allEqual.loss - Foundation.log(3.0)) < 1e-15)
    }
}
