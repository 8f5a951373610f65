import Foundation
import Testing

@testable import LossMath

/// The synthetic batch's matrix product: every kernel and thread count gives the bits of
/// the plain scalar loop, and the threads limit leaves every result unchanged.
@Suite struct SyntheticCosineKernelTests {
    /// Random features, their norms and unit directions, from the tests' seeded generator.
    static func inputs(samples: Int, classes: Int, dimension: Int, seed: UInt64)
        -> (features: [Double], norms: [Double], directions: [Double])
    {
        var random = SplitMix64(seed: seed)
        let features = (0..<(samples * dimension)).map { _ in random.nextGaussian() }
        var directions = (0..<(classes * dimension)).map { _ in random.nextGaussian() }
        for j in 0..<classes {
            let row = directions[(j * dimension)..<((j + 1) * dimension)]
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for t in 0..<dimension { directions[j * dimension + t] /= norm }
        }
        let norms = (0..<samples).map { i in
            features[(i * dimension)..<((i + 1) * dimension)].reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        return (features, norms, directions)
    }

    /// The definition, one dot product at a time: Σ_t in order, each product and sum rounded.
    static func reference(_ x: [Double], _ norms: [Double], _ w: [Double], samples: Int, classes: Int, dimension: Int) -> [Double] {
        var out: [Double] = []
        for i in 0..<samples {
            for j in 0..<classes {
                var dot = 0.0
                for t in 0..<dimension {
                    let product = x[i * dimension + t] * w[j * dimension + t]
                    dot = dot + product
                }
                out.append(min(1, max(-1, dot / norms[i])))
            }
        }
        return out
    }

    // Sizes that leave remainders everywhere: samples not a multiple of 6 (AVX2), classes not a
    // multiple of 8 or 16 (the last panel padded) and past one 256-class tile, a dimension of 1, and work large enough to split over threads;
    // for AVX-512 (8 samples × 16 classes) also 9…15 classes left in the last block of 16, and 8 samples exactly.
    @Test(arguments: [
        (1, 1, 1), (3, 7, 5), (9, 13, 64), (7, 300, 3), (37, 517, 64), (130, 1001, 16), (8, 27, 7), (17, 32, 9),
    ])
    func everyKernelGivesTheBitsOfTheScalarLoop(size: (Int, Int, Int)) {
        let (b, c, d) = size
        let (x, n, w) = Self.inputs(samples: b, classes: c, dimension: d, seed: UInt64(b * 1000 + c))
        let expected = Self.reference(x, n, w, samples: b, classes: c, dimension: d)
        for variant in RowKernel.availableVariants {
            let got = SyntheticBatch.cosineMatrix(
                features: x, norms: n, directions: w, samples: b, classes: c,
                dimension: d, variant: variant)
            #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant) at \(b)×\(c)×\(d)")
            let serial = LossMathThreads.limited(to: 1) {
                SyntheticBatch.cosineMatrix(
                    features: x, norms: n, directions: w, samples: b, classes: c,
                    dimension: d, variant: variant)
            }
            #expect(serial.map(\.bitPattern) == expected.map(\.bitPattern), "\(variant), one thread")
        }
    }

    @Test(arguments: [(1, 1, 1, 0.0), (5, 3, 2, 0.5), (37, 130, 64, 0.12), (700, 90, 64, 0.3), (300, 2000, 8, 1.0)])
    func parallelDrawsAreTheSequentialStream(size: (Int, Int, Int, Double)) throws {
        let (b, c, d, spread) = size
        let sequential = SyntheticBatch.draw(samples: b, classes: c, dimension: d, spread: spread, seed: 99)
        let parallel = try #require(SyntheticBatch.drawInParallel(samples: b, classes: c, dimension: d, spread: spread, seed: 99))
        #expect(parallel.directions.map(\.bitPattern) == sequential.directions.map(\.bitPattern))
        #expect(parallel.labels == sequential.labels)
        #expect(parallel.features.map(\.bitPattern) == sequential.features.map(\.bitPattern))
        #expect(parallel.norms.map(\.bitPattern) == sequential.norms.map(\.bitPattern))
    }

    /// A maker that keeps its draws gives, after any sequence of changes, the batch of the stream
    /// in order (`draw`, one number after another) with the scalar product: N up and down, the
    /// spread, C up and down (directions kept), a new seed and back, another dimension.
    @Test func aMakerKeepingItsDrawsGivesTheBatchOfTheStreamInOrder() {
        let maker = SyntheticBatch.Maker()
        let steps: [(samples: Int, classes: Int, dimension: Int, spread: Double, seed: UInt64)] = [
            (40, 300, 16, 0.12, 5), (80, 300, 16, 0.12, 5), (40, 300, 16, 0.12, 5), (40, 300, 16, 0.3, 5),
            (40, 700, 16, 0.3, 5), (40, 300, 16, 0.3, 5), (90, 1000, 16, 0.3, 5), (90, 1000, 16, 0.3, 6),
            (90, 1000, 16, 0.3, 5), (33, 77, 3, 0, 5), (33, 77, 16, 0.12, 5),
        ]
        // Rows shared with the batch before: only where N alone changed (40 → 80 → 40).
        let shared = [0, 40, 40, 0, 0, 0, 0, 0, 0, 0, 0]
        var previous: CosineBatch?
        for (step, expectedShared) in zip(steps, shared) {
            let made = maker.make(
                samples: step.samples, classes: step.classes, dimension: step.dimension, spread: step.spread,
                seed: step.seed)
            #expect(maker.sharedRows == expectedShared, "\(step)")
            if let previous, maker.sharedRows > 0 {
                let n = maker.sharedRows * step.classes
                #expect(Array(made.labels[..<maker.sharedRows]) == Array(previous.labels[..<maker.sharedRows]))
                #expect(made.cosines[..<n].map(\.bitPattern) == previous.cosines[..<n].map(\.bitPattern))
            }
            previous = made
            let draws = SyntheticBatch.draw(
                samples: step.samples, classes: step.classes, dimension: step.dimension, spread: step.spread,
                seed: step.seed)
            let cosines = SyntheticBatch.cosineMatrix(
                features: draws.features, norms: draws.norms, directions: draws.directions, samples: step.samples,
                classes: step.classes, dimension: step.dimension, variant: .swiftSIMD)
            #expect(made.labels == draws.labels, "\(step)")
            #expect(made.cosines.map(\.bitPattern) == cosines.map(\.bitPattern), "\(step)")
        }
    }

    @Test func skippingAheadIsCallingNextThatManyTimes() {
        var stepped = SplitMix64(seed: 12345)
        for _ in 0..<1000 { _ = stepped.next() }
        var jumped = SplitMix64(seed: 12345, skipping: 1000)
        #expect((0..<5).map { _ in stepped.next() } == (0..<5).map { _ in jumped.next() })
    }

    @Test func cosinesOfParallelUnitVectorsAreClampedToOne() {
        // x = w: the rounded dot product of a unit vector with itself can exceed 1 by an ulp.
        let d = 3
        let w = [1 / 3.0.squareRoot(), 1 / 3.0.squareRoot(), 1 / 3.0.squareRoot()]
        for variant in RowKernel.availableVariants {
            let got = SyntheticBatch.cosineMatrix(
                features: w, norms: [1], directions: w, samples: 1, classes: 1,
                dimension: d, variant: variant)
            #expect(got[0] <= 1 && abs(got[0] - 1) < 1e-15)
        }
    }

    @Test func theThreadLimitChangesNoResultAndReachesNestedWork() {
        let batch = SyntheticBatch.make(samples: 300, classes: 700, spread: 0.12, seed: 4)
        let all = BatchLoss.lmcl(batch, scale: 30, margin: 0.35, gradient: true)
        let one = LossMathThreads.limited(to: 1) { BatchLoss.lmcl(batch, scale: 30, margin: 0.35, gradient: true) }
        #expect(all == one)
        #expect(LossMathThreads.limited(to: 1) { Parallel.threadLimit } == 1)
        // Inside a range the limit is 1, so a parallel caller is not oversubscribed.
        var inner: [Int?] = []
        let lock = NSLock()
        Parallel.forEachRange(count: 64, work: 1 << 20) { _ in lock.withLock { inner.append(Parallel.threadLimit) } }
        #expect(inner.allSatisfy { $0 == 1 } || inner.count == 1)
    }
}
