import Foundation
import Testing

@testable import LossMath

/// The AVX2 + FMA row kernels (C) against the Swift SIMD8 ones and Foundation's `exp`,
/// and the kept-buffer batch API against the allocating one.
@Suite("Row kernel variants and kept buffers")
struct KernelVariantTests {
    static let hasAVX2 = RowKernel.availableVariants.contains(.avx2)

    /// Rows of cosines with the awkward lengths (tails of 0…7 lanes, empty) and values
    /// (ties, ±0, ±1) the kernels must handle.
    static func rows(using rng: inout SeededGenerator) -> [[Double]] {
        (0..<40).map { n -> [Double] in
            let count = n < 17 ? n : rng.integer(17...300)
            return (0..<count).map { _ in
                rng.integer(0...9) == 0 ? [-1, 1, 0, -0.0, 0.25][rng.integer(0...4)] : rng.uniform(-1...1)
            }
        }
    }

    @Test(.enabled(if: hasAVX2)) func maximaTheirFirstIndexAndCountsAreIdenticalOnBothPaths() {
        var rng = SeededGenerator(seed: 61)
        // Besides the random rows: a maximum of 0 held by −0 and +0 in different lanes (either first,
        // in the vector part or the tail), all −∞, NaN among the values, a tie across the halves.
        var special: [[Double]] = []
        for length in [9, 16, 17, 33, 40] {
            for (a, b) in [(2, 11), (11, 2), (0, length - 1), (length - 1, 3), (9, 3), (17, 3), (25, 14)]
            where a < length && b < length && a != b {
                var row = (0..<length).map { _ in -rng.uniform(0.1...1) }
                row[a] = -0.0
                row[b] = 0.0
                special.append(row)
                row[a] = 0.0
                row[b] = -0.0
                special.append(row)
            }
            special.append([Double](repeating: -.infinity, count: length))
            special.append((0..<length).map { $0 % 5 == 0 ? .nan : rng.uniform(-1...1) })
            special.append((0..<length).map { $0 == 1 || $0 == length - 2 ? 0.75 : rng.uniform(-1...0.5) })
        }
        for row in Self.rows(using: &rng) + special {
            let threshold = rng.integer(0...3) == 0 ? 0.25 : rng.uniform(-1...1)
            row.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                // Independent: the standard library's max, first index and a filter (rows repeat
                // ±1, ±0 and 0.25, so the first of several equal maxima is checked too); the maximum
                // is the value at that first index, bit for bit (−0 or +0 as it comes first).
                // NaN is never the maximum; −1 when nothing exceeds −∞.
                let maximum = row.filter { !$0.isNaN }.max() ?? -.infinity
                let first = maximum > -.infinity ? row.firstIndex { $0 == maximum }! : -1
                let expected = first >= 0 ? row[first] : -.infinity
                for variant in RowKernel.availableVariants {
                    let found = RowKernel.maximumCountAndIndex(base, row.count, above: threshold, variant: variant)
                    #expect(found.maximum.bitPattern == expected.bitPattern, "\(variant) \(found)")
                    #expect(found.count == row.filter { $0 > threshold }.count, "\(variant)")
                    #expect(found.index == first, "\(variant)")
                    let counted = RowKernel.maximumAndCount(base, row.count, above: threshold, variant: variant)
                    #expect(counted.maximum == found.maximum && counted.count == found.count, "\(variant)")
                }
            }
        }
    }

    /// The C kernels take each row's exponentials without a per-vector range test and redo the row
    /// checked when an argument left [−708, 709] or came out NaN. A NaN argument (NaN values, or −∞
    /// values under a −∞ shift) reads as −746 on the checked path (its clamp keeps the bound), so it
    /// must give exactly what −746 gives, wherever it sits in the row; and a row with one far argument
    /// must still give each in-range lane its exp (a redo of the whole row, not a guess).
    @Test(.enabled(if: hasAVX2)) func aRowWithAnArgumentOutOfRangeIsRedoneChecked() {
        func exponentials(_ row: [Double], shift: Double, variant: RowKernel.Variant) -> [UInt64] {
            var output = [Double](repeating: 0, count: row.count)
            let sums = row.withUnsafeBufferPointer { buffer in
                output.withUnsafeMutableBufferPointer { out in
                    RowKernel.exponentialSums(
                        buffer.baseAddress!, row.count, shift: shift, scale: 1, output: out.baseAddress, variant: variant)
                }
            }
            return (output + (0..<8).map { sums.sum[$0] } + (0..<8).map { sums.squareSum[$0] }).map(\.bitPattern)
        }
        var rng = SeededGenerator(seed: 71)
        for variant in RowKernel.availableVariants where variant != .swiftSIMD {
            for count in [5, 8, 13, 64, 203] {
                let row = (0..<count).map { _ in rng.uniform(-3...0) }
                for position in Set([0, count / 2, count - 1]) {
                    var withNaN = row, withBound = row
                    withNaN[position] = .nan
                    withBound[position] = -746
                    #expect(
                        exponentials(withNaN, shift: 0, variant: variant)
                            == exponentials(withBound, shift: 0, variant: variant), "\(variant) C=\(count) at \(position)")
                    // One far argument: every other lane as in the row without it.
                    var far = row
                    far[position] = -2000
                    let got = exponentials(far, shift: 0, variant: variant)
                    let alone = exponentials(row, shift: 0, variant: variant)
                    for j in 0..<count where j != position { #expect(got[j] == alone[j], "\(variant) lane \(j)") }
                    #expect(got[position] == 0, "exp(−2000) is 0")
                }
                // Every value −∞ under the shift −∞: every argument NaN, every exponential that of −746.
                let infinite = [Double](repeating: -.infinity, count: count)
                let bound = [Double](repeating: -746, count: count)
                #expect(
                    exponentials(infinite, shift: -.infinity, variant: variant)
                        == exponentials(bound, shift: 0, variant: variant), "\(variant) C=\(count), all −∞")
            }
        }
    }

    @Test(.enabled(if: hasAVX2)) func exponentialsAgreeWithFoundationOnBothPaths() {
        var rng = SeededGenerator(seed: 62)
        for row in Self.rows(using: &rng) {
            // Scales up to 1000 push arguments below −708, through the subnormal range to 0.
            let scale = [1.0, 30, 64, 400, 1000][rng.integer(0...4)]
            let shift = (row.max() ?? 0)
            for variant in RowKernel.availableVariants {
                var output = [Double](repeating: .nan, count: row.count)
                let sums = row.withUnsafeBufferPointer { buffer in
                    output.withUnsafeMutableBufferPointer { out in
                        RowKernel.exponentialSums(
                            buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!, row.count,
                            shift: shift, scale: scale, output: out.baseAddress, variant: variant)
                    }
                }
                var sum = 0.0, squares = 0.0
                for j in row.indices {
                    let expected = Foundation.exp(scale * (row[j] - shift))
                    sum += expected
                    squares += expected * expected
                    if expected >= Double.leastNormalMagnitude {
                        #expect(abs(output[j] - expected) <= 1e-15 * expected, "\(variant) exp(\(scale * (row[j] - shift)))")
                    } else {
                        #expect(abs(output[j] - expected) <= Double.leastNonzeroMagnitude)
                    }
                }
                // Sums of positive terms: the only error is rounding, a few ulps per term at most.
                #expect(abs(sums.sum.sum() - sum) <= 1e-14 * sum + Double.leastNonzeroMagnitude)
                #expect(abs(sums.squareSum.sum() - squares) <= 1e-14 * squares + Double.leastNonzeroMagnitude)
            }
        }
    }

    /// The C kernels' exp over the whole range, densely (every argument an input value with shift 0
    /// and scale 1): within two ulps of glibc's `exp` (itself within about half an ulp of the true
    /// value; the kernels are within 1.1 ulp of it, measured against `expl`), one subnormal step
    /// below the normal range, 0 past −745.2 and ∞ past 709.79. Arguments straddle every join of the
    /// 2^(j/16) table, so a wrong entry or exponent (a factor 2^(1/16) off) cannot pass.
    @Test(.enabled(if: hasAVX2)) func kernelExponentialsAreWithinTwoUlpsOfFoundationAcrossTheRange() {
        let step = 0.6931471805599453 / 16
        var rng = SeededGenerator(seed: 68)
        var row: [Double] = []
        for k in stride(from: -17_230, through: 16_390, by: 3) {
            let x = Double(k) * step
            row += [x.nextDown, x.nextUp, x + rng.uniform(-0.5...0.5) * step]
        }
        row += [-.infinity, -746, -745.2, -708, (-708.0).nextDown, 709, (709.0).nextUp, 709.78, 709.79, 710]
        for variant in RowKernel.availableVariants where variant != .swiftSIMD {
            var output = [Double](repeating: .nan, count: row.count)
            row.withUnsafeBufferPointer { buffer in
                output.withUnsafeMutableBufferPointer { out in
                    _ = RowKernel.exponentialSums(
                        buffer.baseAddress!, row.count, shift: 0, scale: 1, output: out.baseAddress, variant: variant)
                }
            }
            var failures = 0
            for (x, e) in zip(row, output) {
                let expected = Foundation.exp(x)
                let close =
                    expected.isInfinite
                    ? e == expected
                    : expected >= Double.leastNormalMagnitude
                        ? abs(e - expected) <= 2 * expected.ulp : abs(e - expected) <= Double.leastNonzeroMagnitude
                if !close {
                    failures += 1
                    if failures <= 5 { Issue.record("\(variant) exp(\(x)) = \(e), Foundation \(expected)") }
                }
            }
            #expect(failures == 0, "\(variant): \(failures) of \(row.count) arguments")
        }
    }

    /// One pass over a row with the target left out: the maximum, first index and count of the other
    /// values (independent: the standard library on the row without it), and exponentials that are
    /// Foundation's `exp` at every other position and 0 at the target's, with sums of the others only;
    /// the target in a full block of 8 or 16 and in the tail, first and last; AVX2 and AVX-512 equal bitwise.
    @Test(.enabled(if: hasAVX2)) func aRowWithItsTargetLeftOutIsTheRowWithoutIt() {
        var rng = SeededGenerator(seed: 69)
        for count in [1, 2, 7, 8, 9, 15, 16, 17, 31, 40, 100, 1000] {
            var row = (0..<count).map { _ in rng.uniform(-1...1) }
            for exclude in Set([-1, 0, count - 1, count / 2, min(count - 1, 8), min(count - 1, 17)]) {
                // The target is often the largest value: leaving it out must change the answers.
                if exclude >= 0, rng.integer(0...1) == 0 { row[exclude] = 1 }
                let others = row.indices.filter { $0 != exclude }
                let maximum = others.map { row[$0] }.max() ?? -.infinity
                let first = others.first { row[$0] == maximum } ?? -1
                let threshold = rng.uniform(-0.5...0.5)
                let shift = maximum.isFinite ? maximum : 0
                var outputs: [[Double]] = []
                var partials: [[Double]] = []
                for variant in RowKernel.availableVariants {
                    let label = "\(variant), \(count) values, target \(exclude)"
                    var output = [Double](repeating: .nan, count: count)
                    let (found, sums) = row.withUnsafeBufferPointer { values in
                        output.withUnsafeMutableBufferPointer { out in
                            (
                                RowKernel.maximumCountAndIndex(
                                    values.baseAddress!, count, excluding: exclude, above: threshold, variant: variant),
                                RowKernel.exponentialSums(
                                    values.baseAddress!, count, excluding: exclude, shift: shift, scale: 30,
                                    output: out.baseAddress, variant: variant)
                            )
                        }
                    }
                    #expect(found.maximum == maximum && found.index == first, "\(label): \(found)")
                    #expect(found.count == others.filter { row[$0] > threshold }.count, "\(label)")
                    var sum = 0.0
                    for j in 0..<count {
                        let expected = j == exclude ? 0 : Foundation.exp(30 * (row[j] - shift))
                        sum += expected
                        #expect(abs(output[j] - expected) <= 2 * expected.ulp, "\(label), j = \(j)")
                    }
                    #expect(abs(sums.sum.sum() - sum) <= 1e-14 * sum, "\(label)")
                    if variant != .swiftSIMD {
                        outputs.append(output)
                        partials.append((0..<8).map { sums.sum[$0] } + (0..<8).map { sums.squareSum[$0] })
                    }
                }
                #expect(Set(outputs.map { $0.map(\.bitPattern) }).count <= 1, "\(count) values, target \(exclude)")
                #expect(Set(partials.map { $0.map(\.bitPattern) }).count <= 1, "\(count) values, target \(exclude)")
            }
        }
    }

    /// Linux's cache sizes as `…/cache/index3/size` writes them; anything else is not a size.
    @Test func cacheSizesAreReadAsLinuxWritesThem() {
        #expect(RowKernel.parseCacheSize("32768K\n") == 32 * 1024 * 1024)
        #expect(RowKernel.parseCacheSize("8M") == 8 * 1024 * 1024)
        #expect(RowKernel.parseCacheSize("1048576") == 1_048_576)
        for bad in ["", "K", "0K", "-4K", "32768KiB", "abc", "12.5M"] {
            #expect(RowKernel.parseCacheSize(bad) == nil, "\(bad)")
        }
        // Whatever the machine says, the line is at least 1 MiB: a 256×1000 batch (2 MB) stays in
        // the cache only where a quarter of the cache holds it; a 4096×10000 one (328 MB) never does.
        #expect(RowKernel.streamingThreshold >= 1 << 20)
        #expect(RowKernel.streams(bytes: 4096 * 10000 * 8))
        #expect(!RowKernel.streams(bytes: 1 << 20))
    }

    @Test(.enabled(if: hasAVX2)) func batchLossesAgreeOnBothPaths() {
        var rng = SeededGenerator(seed: 63)
        for _ in 0..<12 {
            let c = rng.integer(1...200)
            let batch = randomBatch(samples: rng.integer(1...16), classes: c, using: &rng)
            let rule = BoundaryRule(
                scale: rng.uniform(1...64), margin: rng.uniform(0...0.5), topK: rng.integer(2...max(2, c)),
                unselected: rng.integer(0...1) == 0 ? .noMargin : .excluded)
            for policy in [MarginPolicy.everySample(rule.transform), .boundary(rule)] {
                let swift = BatchLoss.evaluate(batch, scale: rule.scale, policy: policy, gradient: true, variant: .swiftSIMD)
                let avx = BatchLoss.evaluate(batch, scale: rule.scale, policy: policy, gradient: true, variant: .avx2)
                // Decisions are exact comparisons of the same values: identical.
                #expect(avx.samples.map(\.rank) == swift.samples.map(\.rank))
                #expect(avx.samples.map(\.counts) == swift.samples.map(\.counts))
                #expect(avx.samples.map(\.rivalClass) == swift.samples.map(\.rivalClass))
                #expect(avx.countingSamples == swift.countingSamples)
                #expect(isClose(avx.loss, swift.loss, tolerance: 1e-14))
                for (a, b) in zip(avx.samples, swift.samples) {
                    #expect(isClose(a.loss, b.loss, tolerance: 1e-14))
                    #expect(isClose(a.gradientNorm, b.gradientNorm, tolerance: 1e-14))
                }
                for (a, b) in zip(avx.gradient!, swift.gradient!) {
                    #expect(abs(a - b) <= 1e-14 * max(abs(b), 1e-300))
                }
            }
        }
    }

    static let hasAVX512 = RowKernel.availableVariants.contains(.avx512)

    /// The AVX-512 exponential sums do per lane what the AVX2 ones do: the same bits, for every
    /// output and both eight-lane partials, at scales whose arguments pass −708 (the clamped
    /// path, per half) and −745 (underflow to 0), with tails of 0…7 lanes. Their distance from
    /// Foundation's `exp` is checked for every variant by `exponentialsAgreeWithFoundationOnBothPaths`.
    @Test(.enabled(if: hasAVX512)) func avx512ExponentialsAreTheBitsOfAVX2() {
        var rng = SeededGenerator(seed: 66)
        for row in Self.rows(using: &rng) {
            for scale in [0.0, 1, 30, 64, 400, 1000] {
                let shift = rng.integer(0...3) == 0 ? 1 : (row.max() ?? 0)
                var outputs: [[Double]] = []
                var partials: [[Double]] = []
                for variant in [RowKernel.Variant.avx2, .avx512] {
                    var output = [Double](repeating: .nan, count: row.count)
                    let sums = row.withUnsafeBufferPointer { buffer in
                        output.withUnsafeMutableBufferPointer { out in
                            RowKernel.exponentialSums(
                                buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!, row.count,
                                shift: shift, scale: scale, output: out.baseAddress, variant: variant)
                        }
                    }
                    outputs.append(output)
                    partials.append((0..<8).map { sums.sum[$0] } + (0..<8).map { sums.squareSum[$0] })
                }
                #expect(outputs[0].map(\.bitPattern) == outputs[1].map(\.bitPattern), "s = \(scale), \(row.count) values")
                #expect(partials[0].map(\.bitPattern) == partials[1].map(\.bitPattern), "s = \(scale), \(row.count) values")
            }
        }
    }

    /// Whole batch losses through the AVX-512 variant: the very numbers of the AVX2 one.
    @Test(.enabled(if: hasAVX512)) func avx512BatchLossesAreTheBitsOfAVX2() {
        var rng = SeededGenerator(seed: 67)
        for _ in 0..<8 {
            let c = rng.integer(1...300)
            let batch = randomBatch(samples: rng.integer(1...16), classes: c, using: &rng)
            let rule = BoundaryRule(
                scale: rng.uniform(1...1000), margin: rng.uniform(0...0.5), topK: rng.integer(2...max(2, c)),
                unselected: rng.integer(0...1) == 0 ? .noMargin : .excluded)
            for policy in [MarginPolicy.everySample(rule.transform), .boundary(rule)] {
                let avx2 = BatchLoss.evaluate(batch, scale: rule.scale, policy: policy, gradient: true, variant: .avx2)
                let avx512 = BatchLoss.evaluate(batch, scale: rule.scale, policy: policy, gradient: true, variant: .avx512)
                #expect(avx512.samples == avx2.samples)
                #expect(avx512.loss.bitPattern == avx2.loss.bitPattern)
                #expect(avx512.gradient!.map(\.bitPattern) == avx2.gradient!.map(\.bitPattern))
            }
        }
    }

    @Test func aKeptBufferGivesExactlyTheAllocatingResults() {
        var rng = SeededGenerator(seed: 64)
        var kept: [Double] = [1, 2, 3]  // the wrong size: replaced on the first call
        for round in 0..<6 {
            let c = rng.integer(1...40)
            let batch = randomBatch(samples: rng.integer(1...10), classes: c, using: &rng)
            let s = rng.uniform(1...64), m = rng.uniform(0...0.5)
            let rule = BoundaryRule(scale: s, margin: m, topK: max(2, min(c, 3)), unselected: round % 2 == 0 ? .excluded : .noMargin)
            // The buffer still holds the last call's numbers (or garbage): every element must be overwritten.
            if kept.count == batch.sampleCount * c { for j in kept.indices { kept[j] = .nan } }
            let allocated = BatchLoss.lmcl(batch, scale: s, margin: m, gradient: true)
            let intoKept = BatchLoss.lmcl(batch, scale: s, margin: m, into: &kept)
            #expect(intoKept.gradient == nil)
            #expect(intoKept.samples == allocated.samples && intoKept.loss == allocated.loss)
            #expect(kept == Array(allocated.gradient!))
            let copy = kept
            let boundary = BatchLoss.bdlmcl(batch, rule: rule, gradient: true)
            let boundaryKept = BatchLoss.bdlmcl(batch, rule: rule, into: &kept)
            #expect(boundaryKept.samples == boundary.samples && boundaryKept.loss == boundary.loss)
            #expect(kept == Array(boundary.gradient!))
            // Value semantics: a copy taken before the call keeps the LMCL gradient.
            #expect(copy == Array(allocated.gradient!))
        }
    }

    @Test func rescalingKeepsTheScaleFreeFactsAndRedoesTheSums() {
        var rng = SeededGenerator(seed: 65)
        let batch = randomBatch(samples: 30, classes: 50, using: &rng)
        var cache = BatchScaleCache(batch: batch, scale: 10)
        for s in [30.0, 64, 1, 400] {
            cache = cache.rescaled(to: s)
            let fresh = BatchScaleCache(batch: batch, scale: s)
            for (a, b) in zip(cache.statistics, fresh.statistics) {
                #expect(a.rivalClass == b.rivalClass && a.rivalCosine == b.rivalCosine && a.rivalsAbove == b.rivalsAbove)
                #expect(a.rivalSum == b.rivalSum && a.rivalSquareSum == b.rivalSquareSum)
            }
            #expect(cache.lmcl(margin: 0.2) == BatchLoss.lmcl(batch, scale: s, margin: 0.2, gradient: false))
        }
    }
}
