import Foundation
import Testing

@testable import LossMath

@Suite("Softmax and softmax cross-entropy")
struct SoftmaxTests {
    @Test func probabilitiesSumToOneAndGradientEntriesSumToZero() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<300 {
            let c = rng.integer(1...12)
            let logits = (0..<c).map { _ in rng.uniform(-30...30) }
            let y = rng.integer(0...(c - 1))
            let r = SoftmaxCrossEntropy.evaluate(logits: logits, target: y)
            #expect(abs(r.probabilities.reduce(0, +) - 1) < 1e-14)
            #expect(abs(r.gradient.reduce(0, +)) < 1e-14)
            #expect(r.loss >= 0)
        }
    }

    @Test func theTargetEntryIsTheOnlyNegativeOne() {
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<300 {
            let c = rng.integer(2...12)
            let logits = (0..<c).map { _ in rng.uniform(-10...10) }
            let y = rng.integer(0...(c - 1))
            let g = SoftmaxCrossEntropy.evaluate(logits: logits, target: y).gradient
            for j in 0..<c { #expect(j == y ? g[j] < 0 : g[j] > 0) }
        }
    }

    @Test func addingAConstantToEveryLogitChangesNothing() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            let c = rng.integer(1...10)
            let logits = (0..<c).map { _ in rng.uniform(-20...20) }
            let shift = rng.uniform(-1000...1000)
            let y = rng.integer(0...(c - 1))
            let a = SoftmaxCrossEntropy.evaluate(logits: logits, target: y)
            let b = SoftmaxCrossEntropy.evaluate(logits: logits.map { $0 + shift }, target: y)
            // The shifted logits carry an absolute rounding error of ulp(1000) ≈ 1e-13.
            #expect(isClose(a.loss, b.loss, tolerance: 1e-11))
            for j in 0..<c { #expect(abs(a.gradient[j] - b.gradient[j]) < 1e-11) }
            #expect(
                isClose(
                    Softmax.logSumExp(logits) + shift, Softmax.logSumExp(logits.map { $0 + shift }),
                    tolerance: 1e-14))
        }
    }

    @Test func logitGradientMatchesCentralDifferences() {
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<100 {
            let c = rng.integer(1...8)
            let logits = (0..<c).map { _ in rng.uniform(-5...5) }
            let y = rng.integer(0...(c - 1))
            let analytic = SoftmaxCrossEntropy.evaluate(logits: logits, target: y).gradient
            let numeric = centralDifferences(at: logits) { SoftmaxCrossEntropy.evaluate(logits: $0, target: y).loss }
            #expect(finiteDifferenceError(numeric, analytic) < finiteDifferenceTolerance)
        }
    }

    @Test func logSumExpMatchesTheDefinitionOnSmallInputs() {
        // Small logits: log Σ exp(x) can be evaluated directly without overflow.
        let x = [0.5, -1.25, 2.0, 0.0]
        let direct = Foundation.log(x.map { Foundation.exp($0) }.reduce(0, +))
        #expect(isClose(Softmax.logSumExp(x), direct, tolerance: 1e-15))
        #expect(Softmax.logSumExp([]) == -.infinity)
        #expect(Softmax.logSumExp([3]) == 3)
        #expect(Softmax.logSumExp([-.infinity, -.infinity]) == -.infinity)
        #expect(Softmax.probabilities([]).isEmpty)
    }

    @Test func hugeLogitsStayFiniteWithTheRightLimits() {
        let logits = [1e6, -1e6, 0]
        let win = SoftmaxCrossEntropy.evaluate(logits: logits, target: 0)
        #expect(win.loss == 0)
        #expect(win.probabilities == [1, 0, 0])
        #expect(win.gradient.allSatisfy { $0.isFinite && abs($0) == 0 })
        let lose = SoftmaxCrossEntropy.evaluate(logits: logits, target: 1)
        // L = LSE − x_1 = 1e6 − (−1e6) up to log(1 + e^−1e6) = 0.
        #expect(lose.loss == 2e6)
        #expect(lose.gradient == [1, -1, 0])
        #expect(Softmax.logSumExp(logits) == 1e6)
        #expect(Softmax.logSumExp([1e6, 1e6]) == 1e6 + Foundation.log(2.0))
    }

    @Test func aLossFarBelowOneUlpOfOneIsNotRoundedAway() {
        // L = log(1 + e^−40) ≈ e^−40 = 4.25e−18, which LSE(x) − x_y would return as 0.
        let r = SoftmaxCrossEntropy.evaluate(logits: [40, 0], target: 0)
        #expect(isClose(r.loss, Foundation.exp(-40.0), tolerance: 1e-15) && r.loss > 0)
        #expect(r.gradient[0] < 0)
    }

    @Test func oneClassHasZeroLossAndZeroGradient() {
        let r = SoftmaxCrossEntropy.evaluate(logits: [7.5], target: 0)
        #expect(r.loss == 0)
        #expect(r.probabilities == [1])
        #expect(r.gradient == [0])
    }
}
