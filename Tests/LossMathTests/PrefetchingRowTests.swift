import Foundation
import Testing

@testable import LossMath

/// The batch loss prefetches the next row during each row's exponential pass (issue 15): a
/// prefetch must change no bit. Checked against the per-row path without prefetching, on
/// every variant this CPU runs, for the kernels and whole batches.
@Suite("Prefetching the next row keeps the bits")
struct PrefetchingRowTests {
    /// Rows with tails of 0…15 values past a multiple of 8 and 16, ties of the maximum and ±1, ±0.
    static func batch(samples: Int, classes: Int, using rng: inout SeededGenerator) -> CosineBatch {
        var labels: [Int] = []
        var cosines: [Double] = []
        for _ in 0..<samples {
            let y = rng.integer(0...(classes - 1))
            var row = (0..<classes).map { _ in
                rng.integer(0...7) == 0 ? [-1, 1, 0, -0.0, 0.5][rng.integer(0...4)] : rng.uniform(-1...1)
            }
            if classes > 2, rng.integer(0...1) == 0 {
                // A tie for the rival maximum at two positions, on both sides of the target when possible.
                let tie = rng.uniform(0.3...0.9)
                row[rng.integer(0...(classes - 1))] = tie
                row[rng.integer(0...(classes - 1))] = tie
            }
            row[y] = rng.integer(0...4) == 0 ? 1 : rng.uniform(-0.5...1)
            labels.append(y)
            cosines += row
        }
        return CosineBatch(labels: labels, cosines: cosines, classCount: classes)
    }

    @Test func exponentialSumsWithAPrefetchAreTheSameBits() {
        var rng = SeededGenerator(seed: 151)
        let next = (0..<400).map { _ in rng.uniform(-1...1) }
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 31, 64, 100, 257] {
            let row = (0..<count).map { _ in rng.integer(0...5) == 0 ? 1 : rng.uniform(-1...1) }
            for variant in RowKernel.availableVariants {
                for prefetchCount in [0, 1, count / 2, count, count + 13] {
                    for scale in [0.0, 30, 1000] {
                        let shift = row.max() ?? 0
                        var plain = [Double](repeating: .nan, count: count)
                        var fetching = [Double](repeating: .nan, count: count)
                        let (a, b) = row.withUnsafeBufferPointer { values in
                            next.withUnsafeBufferPointer { ahead in
                                let start = values.baseAddress ?? UnsafePointer(bitPattern: 8)!
                                let a = plain.withUnsafeMutableBufferPointer {
                                    RowKernel.exponentialSums(
                                        start, count, shift: shift, scale: scale, output: $0.baseAddress, variant: variant)
                                }
                                let b = fetching.withUnsafeMutableBufferPointer {
                                    RowKernel.exponentialSums(
                                        start, count, shift: shift, scale: scale, output: $0.baseAddress,
                                        prefetch: ahead.baseAddress! + 3, prefetchCount: prefetchCount, variant: variant)
                                }
                                return (a, b)
                            }
                        }
                        let label = "\(variant), \(count) values, prefetch \(prefetchCount), s = \(scale)"
                        #expect(plain.map(\.bitPattern) == fetching.map(\.bitPattern), "\(label)")
                        #expect((0..<8).allSatisfy { a.sum[$0].bitPattern == b.sum[$0].bitPattern }, "\(label)")
                        #expect((0..<8).allSatisfy { a.squareSum[$0].bitPattern == b.squareSum[$0].bitPattern }, "\(label)")
                    }
                }
            }
        }
    }

    @Test func batchLossesWithPrefetchingAreTheBitsOfThePerRowPath() {
        var rng = SeededGenerator(seed: 152)
        // B = 1 (nothing to prefetch), C not a multiple of 8 or 16, and one batch large enough
        // (≥ 2¹⁶ cosines) to be split over the threads, so ranges end inside the batch.
        let sizes = [(1, 1), (1, 7), (1, 13), (2, 1), (3, 8), (5, 16), (7, 17), (4, 33), (9, 100), (2, 301), (1, 5994), (40, 1999)]
        for (b, c) in sizes {
            let batch = Self.batch(samples: b, classes: c, using: &rng)
            let rule = BoundaryRule(
                scale: [1.0, 30, 64, 1000][rng.integer(0...3)], margin: rng.uniform(0...0.5),
                topK: rng.integer(2...max(2, c)), unselected: rng.integer(0...1) == 0 ? .noMargin : .excluded)
            for policy in [MarginPolicy.everySample(rule.transform), .boundary(rule)] {
                for variant in RowKernel.availableVariants {
                    let perRow = BatchLoss.evaluate(
                        batch, scale: rule.scale, policy: policy, gradient: true, variant: variant, prefetching: false)
                    let fetching = BatchLoss.evaluate(
                        batch, scale: rule.scale, policy: policy, gradient: true, variant: variant, prefetching: true)
                    let label = "\(b)x\(c), \(variant)"
                    #expect(fetching.samples == perRow.samples, "\(label)")
                    #expect(fetching.samples.map(\.loss.bitPattern) == perRow.samples.map(\.loss.bitPattern), "\(label)")
                    #expect(
                        fetching.samples.map(\.gradientNorm.bitPattern) == perRow.samples.map(\.gradientNorm.bitPattern),
                        "\(label)")
                    #expect(fetching.loss.bitPattern == perRow.loss.bitPattern, "\(label)")
                    #expect(fetching.gradient!.map(\.bitPattern) == perRow.gradient!.map(\.bitPattern), "\(label)")
                }
            }
        }
    }
}
