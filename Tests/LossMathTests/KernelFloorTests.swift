import Foundation
import LossMath
import Testing

/// The floor probes compute what they claim, so the bench's floor rows time real work.
@Suite struct KernelFloorTests {
    static let batch = SyntheticBatch.make(samples: 200, classes: 501, spread: 0.12, seed: 8)

    @Test func exponentialsSumEveryShiftedExponential() {
        let expected = Self.batch.cosines.reduce(0) { $0 + Foundation.exp(30 * ($1 - 1)) }
        let got = KernelFloor.exponentials(Self.batch, scale: 30)
        #expect(abs(got - expected) <= 1e-13 * expected)
    }

    @Test func streamWritesEveryCosineTimesTheFactor() {
        var output: [Double] = [1, 2, 3]
        KernelFloor.stream(Self.batch, factor: 0.5, into: &output)
        // Halving is exact in binary floating point.
        #expect(output == Self.batch.cosines.map { $0 / 2 })
    }
}
