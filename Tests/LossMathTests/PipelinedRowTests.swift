import Foundation
import Testing

@testable import LossMath

/// The batch loss pipelines its rows (issue 15): each row's exponential pass also prefetches the
/// next row and writes the previous row's gradient. That must change no bit: checked against
/// the per-row path, on every variant this CPU runs, for the kernels and whole batches.
@Suite("Pipelined rows keep the bits")
struct PipelinedRowTests {
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

    /// `rowScan` (one call for both passes, on the C paths with the count taken in the exponential
    /// pass and the blocks laid on the row's cache lines) is exactly `maximumCountAndIndex` followed by
    /// `exponentialSums` shifted by that maximum, with or without a prefetch: rows starting at every
    /// position within a 64-byte line, of every length up to two lines past a multiple of 16, with
    /// the target anywhere or nowhere.
    @Test func aRowScanIsTheTwoPassesWhereverTheRowStarts() {
        var rng = SeededGenerator(seed: 151)
        let next = (0..<400).map { _ in rng.uniform(-1...1) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 8 * 400, alignment: 64).bindMemory(to: Double.self, capacity: 400)
        defer { UnsafeMutableRawPointer(buffer).deallocate() }
        for count in [0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 31, 33, 64, 65, 100, 257] {
            for phase in 0..<8 {
                let start = buffer + phase
                for j in 0..<count { start[j] = rng.integer(0...5) == 0 ? [1, -1, 0.5, 0][rng.integer(0...3)] : rng.uniform(-1...1) }
                for exclude in Set([-1, 0, count / 2, count - 1, rng.integer(-1...max(-1, count - 1))]) where exclude < count {
                    let threshold = rng.integer(0...3) == 0 ? 0.5 : rng.uniform(-1...1)
                    let scale = [0.0, 30, 1000][rng.integer(0...2)]
                    for variant in RowKernel.availableVariants {
                        let label = "\(variant), \(count) values at +\(phase), target \(exclude), s = \(scale)"
                        let rivals = RowKernel.maximumCountAndIndex(
                            start, count, excluding: exclude, above: threshold, variant: variant)
                        var twoPasses = [Double](repeating: .nan, count: count)
                        let sums = twoPasses.withUnsafeMutableBufferPointer {
                            RowKernel.exponentialSums(
                                start, count, excluding: exclude, shift: rivals.maximum, scale: scale,
                                output: $0.baseAddress, variant: variant)
                        }
                        for prefetchCount in [0, count, 13] {
                            var scanned = [Double](repeating: .nan, count: count)
                            let scan = next.withUnsafeBufferPointer { ahead in
                                scanned.withUnsafeMutableBufferPointer {
                                    RowKernel.rowScan(
                                        start, count, excluding: exclude, above: threshold, scale: scale,
                                        output: $0.baseAddress, prefetch: prefetchCount == 0 ? nil : ahead.baseAddress! + 3,
                                        prefetchCount: prefetchCount, variant: variant)
                                }
                            }
                            #expect(scan.maximum.bitPattern == rivals.maximum.bitPattern, "\(label)")
                            #expect(scan.index == rivals.index && scan.count == rivals.count, "\(label)")
                            #expect(scanned.map(\.bitPattern) == twoPasses.map(\.bitPattern), "\(label)")
                            #expect((0..<8).allSatisfy { scan.sum[$0].bitPattern == sums.sum[$0].bitPattern }, "\(label)")
                            #expect(
                                (0..<8).allSatisfy { scan.squareSum[$0].bitPattern == sums.squareSum[$0].bitPattern },
                                "\(label)")
                            // The kernel's own totals are the partials added in lane order, as SIMD8.sum() adds them.
                            #expect(scan.total.bitPattern == sums.sum.sum().bitPattern, "\(label)")
                            #expect(scan.squareTotal.bitPattern == sums.squareSum.sum().bitPattern, "\(label)")
                        }
                    }
                }
            }
        }
    }

    /// The copy done inside the exponential pass: the products of `scaledCopy`, at targets of
    /// every alignment mod 64 bytes, for copies shorter and longer than the pass, and the pass's
    /// own outputs and partials unchanged.
    @Test(arguments: [true, false]) func aCopyInsideTheExponentialPassIsTheScaledCopy(streaming: Bool) {
        var rng = SeededGenerator(seed: 153)
        for variant in RowKernel.availableVariants {
            for count in [0, 5, 8, 13, 16, 40, 131] {
                let row = (0..<count).map { _ in rng.uniform(-1...1) }
                for copyCount in [0, 1, 7, 9, count, count + 21, 3 * count + 5] {
                    let offset = rng.integer(0...7)
                    let source = (0..<copyCount).map { _ in rng.uniform(-1...1) * [1, 1e-300, 1e300][rng.integer(0...2)] }
                    let factor = rng.uniform(-2...2)
                    var viaPass = [Double](repeating: .nan, count: copyCount + 8)
                    var viaCopy = [Double](repeating: .nan, count: copyCount + 8)
                    var plain = [Double](repeating: .nan, count: count)
                    var piped = [Double](repeating: .nan, count: count)
                    let (a, b) = row.withUnsafeBufferPointer { values in
                        source.withUnsafeBufferPointer { from in
                            let start = values.baseAddress ?? UnsafePointer(bitPattern: 8)!
                            let origin = from.baseAddress ?? UnsafePointer(bitPattern: 8)!
                            viaCopy.withUnsafeMutableBufferPointer {
                                RowKernel.scaledCopy(
                                    origin, copyCount, by: factor, to: $0.baseAddress! + offset, streaming: streaming,
                                    variant: variant)
                            }
                            let a = plain.withUnsafeMutableBufferPointer {
                                RowKernel.rowScan(
                                    start, count, excluding: -1, above: 0.5, scale: 30, output: $0.baseAddress, variant: variant)
                            }
                            let b = piped.withUnsafeMutableBufferPointer { out in
                                viaPass.withUnsafeMutableBufferPointer { target in
                                    RowKernel.rowScan(
                                        start, count, excluding: -1, above: 0.5, scale: 30, output: out.baseAddress,
                                        copy: RowKernel.RowCopy(
                                            source: origin, count: copyCount, factor: factor, target: target.baseAddress! + offset,
                                            streaming: streaming),
                                        variant: variant)
                                }
                            }
                            RowKernel.storeFence()
                            return (a, b)
                        }
                    }
                    let label = "\(variant), \(count) values, copy \(copyCount) at +\(offset), streaming \(streaming)"
                    // Independent: each product as Swift rounds it; the padding is untouched.
                    let expected = (0..<(copyCount + 8)).map { j in
                        j < offset || j >= offset + copyCount ? Double.nan : source[j - offset] * factor
                    }
                    #expect(viaPass.map(\.bitPattern) == expected.map(\.bitPattern), "\(label)")
                    #expect(viaCopy.map(\.bitPattern) == expected.map(\.bitPattern), "\(label)")
                    #expect(plain.map(\.bitPattern) == piped.map(\.bitPattern), "\(label)")
                    #expect(a.maximum.bitPattern == b.maximum.bitPattern && a.index == b.index && a.count == b.count, "\(label)")
                    #expect((0..<8).allSatisfy { a.sum[$0].bitPattern == b.sum[$0].bitPattern }, "\(label)")
                    #expect((0..<8).allSatisfy { a.squareSum[$0].bitPattern == b.squareSum[$0].bitPattern }, "\(label)")
                }
            }
        }
    }

    /// With one class nothing moves: every gradient entry is +0 (the target's too: not −s·0 = −0), on
    /// every kernel variant, fresh and into a kept buffer, pipelined or not.
    @Test func aOneClassGradientIsPositiveZero() {
        let batch = CosineBatch(labels: [0, 0, 0], cosines: [0.3, -1, 1], classCount: 1)
        let policy = MarginPolicy.everySample(.additiveCosine(margin: 0.35))
        for variant in RowKernel.availableVariants {
            for pipelined in [true, false] {
                let fresh = BatchLoss.evaluate(
                    batch, scale: 64, policy: policy, gradient: true, variant: variant, pipelined: pipelined)
                #expect(fresh.gradient!.map(\.bitPattern) == [0, 0, 0], "\(variant), pipelined \(pipelined)")
            }
            var kept = [Double](repeating: .nan, count: 3)
            _ = BatchLoss.evaluate(batch, scale: 64, policy: policy, into: &kept, variant: variant)
            #expect(kept.map(\.bitPattern) == [0, 0, 0], "\(variant)")
        }
    }

    @Test func pipelinedBatchLossesAreTheBitsOfThePerRowPath() {
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
                        batch, scale: rule.scale, policy: policy, gradient: true, variant: variant, pipelined: false)
                    let piped = BatchLoss.evaluate(
                        batch, scale: rule.scale, policy: policy, gradient: true, variant: variant, pipelined: true)
                    let label = "\(b)x\(c), \(variant)"
                    #expect(piped.samples == perRow.samples, "\(label)")
                    #expect(piped.samples.map(\.loss.bitPattern) == perRow.samples.map(\.loss.bitPattern), "\(label)")
                    #expect(
                        piped.samples.map(\.gradientNorm.bitPattern) == perRow.samples.map(\.gradientNorm.bitPattern),
                        "\(label)")
                    #expect(piped.loss.bitPattern == perRow.loss.bitPattern, "\(label)")
                    #expect(piped.gradient!.map(\.bitPattern) == perRow.gradient!.map(\.bitPattern), "\(label)")
                }
            }
        }
    }
}
