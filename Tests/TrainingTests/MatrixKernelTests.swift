import Foundation
import LossMath
import Testing

@testable import Training

/// The blocked products against the plain triple loops, bit for bit, at sizes with and without remainders.
@Suite struct MatrixKernelTests {
    static let sizes = [(n: 8, d: 8, h: 8), (n: 9, d: 10, h: 7), (n: 3, d: 2, h: 5), (n: 13, d: 64, h: 32)]

    static func random(_ count: Int, _ rng: inout SplitMix64) -> [Double] { (0..<count).map { _ in rng.gaussian() } }

    @Test("row products equal the plain loops bit for bit", arguments: sizes.indices)
    func rowProducts(_ index: Int) {
        let (n, d, h) = Self.sizes[index]
        var rng = SplitMix64(seed: UInt64(index))
        let x = Self.random(n * d, &rng), w = Self.random(d * h, &rng), start = Self.random(n * h, &rng)
        var expected = start
        for i in 0..<n { for k in 0..<h { for r in 0..<d { expected[i * h + k] += x[i * d + r] * w[r * h + k] } } }
        var out = start
        out.withUnsafeMutableBufferPointer { MatrixKernels.addRowProducts(x, samples: n, inputs: d, w, columns: h, into: $0.baseAddress!) }
        #expect(out.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test("outer products equal the plain loops bit for bit", arguments: sizes.indices)
    func outerProducts(_ index: Int) {
        let (n, d, h) = Self.sizes[index]
        var rng = SplitMix64(seed: 50 + UInt64(index))
        let x = Self.random(n * d, &rng), delta = Self.random(n * h, &rng), start = Self.random(d * h, &rng)
        var expected = start
        for r in 0..<d { for k in 0..<h { for i in 0..<n { expected[r * h + k] += x[i * d + r] * delta[i * h + k] } } }
        var out = start
        out.withUnsafeMutableBufferPointer {
            MatrixKernels.addOuterProducts(x, samples: n, inputs: d, delta, columns: h, into: $0.baseAddress!)
        }
        #expect(out.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}

/// The vectorised tanh against Foundation's.
@Suite struct ActivationTests {
    @Test("tanh agrees with Foundation's to 4e-16 absolute, odd, and saturates to ±1 without NaN")
    func tanhMatchesFoundation() {
        var rng = SplitMix64(seed: 11)
        var values = (0..<1001).map { _ in 6 * rng.gaussian() } + [0, -0.0, 1e-300, -1e-12, 30, -30, 400, -800, 1e6]
        let expected = values.map { Foundation.tanh($0) }
        values.withUnsafeMutableBufferPointer { Activation.tanh.apply($0.baseAddress!, count: $0.count) }
        for (value, reference) in zip(values, expected) {
            #expect(abs(value - reference) <= 4e-16, "\(reference) → \(value)")
            #expect(!value.isNaN && abs(value) <= 1)
        }
    }

    @Test("relu zeroes the negative values and keeps the rest")
    func reluClips() {
        var values = [-2.0, -0.0, 0, 0.5, 3]
        values.withUnsafeMutableBufferPointer { Activation.relu.apply($0.baseAddress!, count: 5) }
        #expect(values == [0, 0, 0, 0.5, 3])
    }
}
