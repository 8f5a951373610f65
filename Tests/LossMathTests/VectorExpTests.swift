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

    /// The reduction's table: each entry the double nearest to 2^(j/16). Independent: 2^(j/16)
    /// squared four times is 2^j exactly, so the entry's error shows as 16 times itself; and glibc's
    /// `exp2` (correctly rounded in all but rare cases) gives the same double.
    @Test func tableHoldsTheNearestDoublesToTheSixteenthPowersOfTwo() {
        let table = VectorExp.powerTable
        for j in 0..<16 {
            #expect(table[j] == Foundation.exp2(Double(j) / 16), "2^(\(j)/16)")
            var power = table[j]
            for _ in 0..<4 { power *= power }
            // Each squaring doubles the relative error and adds half an ulp: 16·½ + 15·½ ulps at most.
            #expect(abs(power - Foundation.exp2(Double(j))) <= 16 * power.ulp, "2^(\(j)/16)^16")
        }
    }

    /// Across the table's joins (every multiple of ln 2/16) and the fast path's edges (−708, 709),
    /// where a wrong table index or exponent would be off by a factor 2^(1/16), not by ulps.
    @Test func agreesWithFoundationAtTheReductionsJoins() {
        let step = 0.6931471805599453 / 16
        var arguments: [Double] = []
        for k in stride(from: -16_300, through: 16_300, by: 37) {
            let x = Double(k) * step
            arguments += [x.nextDown, x, x.nextUp, x + step / 2, x - step / 2]
        }
        arguments += [-708, (-708.0).nextDown, 709, (709.0).nextUp, 709.78, -745.1, -740, -720]
        while arguments.count % 8 != 0 { arguments.append(0) }
        for start in stride(from: 0, to: arguments.count, by: 8) {
            let x = SIMD8<Double>(arguments[start..<start + 8])
            let e = VectorExp.exp(x)
            for lane in 0..<8 {
                let expected = Foundation.exp(x[lane])
                if expected >= Double.leastNormalMagnitude {
                    #expect(abs(e[lane] - expected) <= 2 * expected.ulp, "exp(\(x[lane]))")
                } else {
                    #expect(abs(e[lane] - expected) <= Double.leastNonzeroMagnitude, "exp(\(x[lane]))")
                }
            }
        }
    }
}
