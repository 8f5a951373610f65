import Foundation
import Testing

@testable import LossMath

@Suite("Vectorised exp")
struct VectorExpTests {
    @Test func agreesWithFoundationExpToOneUlpOverTheNegativeRange() {
        var rng = SeededGenerator(seed: 11)
        var worst = 0.0
        for _ in 0..<6000 {
            var x = SIMD8<Double>()
            for lane in 0..<8 { x[lane] = rng.uniform(-745...0) }
            let e = VectorExp.exp(x)
            for lane in 0..<8 {
                let expected = Foundation.exp(x[lane])
                if expected >= Double.leastNormalMagnitude {
                    worst = max(worst, abs(e[lane] - expected) / expected)
                } else {
                    // Subnormal: absolute precision is all there is; one subnormal step allowed.
                    #expect(abs(e[lane] - expected) <= Double.leastNonzeroMagnitude)
                }
            }
        }
        #expect(worst < 1e-15)
    }

    @Test func agreesWithFoundationExpOnPositiveArguments() {
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<500 {
            var x = SIMD8<Double>()
            for lane in 0..<8 { x[lane] = rng.uniform(0...709) }
            let e = VectorExp.exp(x)
            for lane in 0..<8 {
                let expected = Foundation.exp(x[lane])
                #expect(abs(e[lane] - expected) / expected < 1e-15)
            }
        }
    }

    @Test func handlesTheEndsOfTheRange() {
        #expect(VectorExp.exp(0.0) == 1)
        #expect(VectorExp.exp(-.infinity) == 0)
        #expect(VectorExp.exp(-746.0) == 0)
        #expect(VectorExp.exp(-1e6) == 0)
        #expect(VectorExp.exp(710.0) == .infinity)
        #expect(VectorExp.exp(-745.0) > 0)
        // Mixed lanes: one exceptional lane must not disturb the others.
        let x = SIMD8<Double>(-1, -2000, -3, 0, -708.5, -0.5, -40, -1e-300)
        let e = VectorExp.exp(x)
        for lane in 0..<8 {
            let expected = Foundation.exp(x[lane])
            #expect(abs(e[lane] - expected) <= max(1e-15 * expected, Double.leastNonzeroMagnitude))
        }
    }
}
