import Foundation
import Testing

@testable import Explorer

/// `FixedPoint.format` must give exactly `String(format: "%.Nf")`'s text: checked against it
/// (the C library's printf) on ties, grid values, signs, subnormals and random values.
@Suite struct FixedPointTests {
    func check(_ v: Double, _ decimals: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = String(format: "%.\(decimals)f", v)
        let got = FixedPoint.format(v, decimals: decimals)
        #expect(got == expected, "\(v) with \(decimals) decimals", sourceLocation: sourceLocation)
    }

    @Test func handPicked() {
        // Ties of the binary value round to even; 1.005 is 1.00499… in binary; signs stay on zeros.
        #expect(FixedPoint.format(0.5, decimals: 0) == "0")
        #expect(FixedPoint.format(1.5, decimals: 0) == "2")
        #expect(FixedPoint.format(2.5, decimals: 0) == "2")
        #expect(FixedPoint.format(0.125, decimals: 2) == "0.12")
        #expect(FixedPoint.format(0.375, decimals: 2) == "0.38")
        #expect(FixedPoint.format(1.005, decimals: 2) == "1.00")
        #expect(FixedPoint.format(-0.0, decimals: 2) == "-0.00")
        #expect(FixedPoint.format(-0.0001, decimals: 3) == "-0.000")
        #expect(FixedPoint.format(123.456, decimals: 1) == "123.5")
        #expect(FixedPoint.format(0, decimals: 0) == "0")
        let values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 2.675, 0.045, 1e-300, -1e-300, Double.leastNonzeroMagnitude,
            Double.leastNormalMagnitude, 999_999_999.5, 999_999_999.9999, -999_999_999.99, 1e9, -1e9, 1e15,
            .nan, .infinity, -.infinity, 0.30000000000000004, 0.3333333333333333, 0.6666666666666666, 0.05, 0.15, 0.25, 0.35, 4.35, 1e-10,
        ]
        for v in values {
            for d in -1...12 { check(v, d) }
        }
    }

    @Test func gridValuesAndTies() {
        for d in 0...9 {
            // Multiples of a power of two are exact in binary: their halves are true ties.
            for k in -2000...2000 { check(Double(k) / 16, d); check(Double(k) / 1024, d) }
            // The grids' values: steps × 10^−decimals, as ValueGrid computes them.
            for k in -3000...3000 { check(Double(k) * 0.01, d); check(Double(k) / 1000, d) }
        }
    }

    @Test func randomValues() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let magnitude = pow(10, Double.random(in: -12...9.2, using: &generator))
            let v = Bool.random(using: &generator) ? magnitude : -magnitude
            check(v, Int.random(in: 0...9, using: &generator))
        }
        for _ in 0..<20_000 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
            check(Double(bitPattern: bits), Int.random(in: 0...9, using: &generator))
        }
    }
}
