import CKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The per-row loops shared by the batch losses and the scale cache.
///
/// A row is the C cosines of one sample. Everything here is a single pass over
/// contiguous memory, eight lanes at a time, with no allocation, because the
/// batch screen recomputes B×C = 1024×5994 of these on every key press.
///
/// The rivals (`j ≠ y`) are always shifted by their own maximum `M`, never by the
/// target: `e_j = exp(s·(cos θ_j − M)) ∈ (0, 1]`, so the sums `S = Σ e_j ∈ [1, C−1]`
/// and `T = Σ e_j²` do not depend on the margin and can be cached per scale.
/// `RowTerm` then folds in the target with whichever margin applies.
///
/// Two implementations: the Swift SIMD8 loops below, which run anywhere, and the same
/// loops in C for AVX2 + FMA (`CKernels`), chosen at run time when the CPU has them.
/// The package is built for baseline x86-64, where SIMD8 arithmetic runs two lanes
/// at a time; the AVX2 path runs four, with fused multiply-adds, about three times
/// faster. Maxima and counts are identical on both paths; the exponential sums agree
/// to a few ulps (fused multiply-adds round once). Where the CPU also has AVX-512 (Zen 4/5,
/// recent Intel), the exponential sums and the synthetic cosines run eight lanes per
/// instruction with the same operations per lane: bit-for-bit the AVX2 results, about twice
/// as fast (the exponential pass is the whole of an s keypress on the batch screen).
enum RowKernel {
    /// Which implementation runs the row loops.
    enum Variant: String, Sendable {
        case swiftSIMD = "Swift SIMD8 (baseline x86-64)"
        case avx2 = "C AVX2+FMA"
        /// The AVX2 + FMA kernels, with the exponential sums and the synthetic cosines in
        /// AVX-512 (eight lanes per instruction, bit-for-bit the AVX2 results).
        case avx512 = "C AVX2+FMA, AVX-512 exp and cosines"
    }

    /// The widest variant this CPU has. `MARGINSCOPE_KERNEL=swift` in the environment forces
    /// the Swift loops, `MARGINSCOPE_KERNEL=avx2` the AVX2 ones (for comparisons).
    static let variant: Variant = {
        let forced = getenv("MARGINSCOPE_KERNEL").map { String(cString: $0) }
        if forced == "swift" { return .swiftSIMD }
        if forced == "avx2", availableVariants.contains(.avx2) { return .avx2 }
        return availableVariants.last!
    }()

    /// The variants this CPU can run, narrowest first.
    static let availableVariants: [Variant] =
        ck_has_avx512() != 0 ? [.swiftSIMD, .avx2, .avx512] : ck_has_avx2_fma() != 0 ? [.swiftSIMD, .avx2] : [.swiftSIMD]

    /// The largest value in `count` doubles but the one at `excluding` (a position, or −1 for
    /// none: the target class of a row), and how many exceed `threshold` (strict `>`).
    ///
    /// Empty input gives `(−∞, 0)`.
    static func maximumAndCount(
        _ start: UnsafePointer<Double>, _ count: Int, excluding exclude: Int = -1, above threshold: Double,
        variant: Variant = variant
    ) -> (maximum: Double, count: Int) {
        if variant != .swiftSIMD {
            let result = maximumCountAndIndex(start, count, excluding: exclude, above: threshold, variant: variant)
            return (result.maximum, result.count)
        }
        var best = SIMD8<Double>(repeating: -.infinity)
        var above = SIMD8<Int64>()
        let one = SIMD8<Int64>(repeating: 1)
        let zero = SIMD8<Int64>()
        let excludedBlock = exclude >= 0 && exclude < count ? exclude & ~7 : -1
        var i = 0
        while i + 8 <= count {
            var v = UnsafeRawPointer(start + i).loadUnaligned(as: SIMD8<Double>.self)
            // The excluded value reads as −∞: never the maximum, never above the threshold.
            if i == excludedBlock { v[exclude - i] = -.infinity }
            best = best.replacing(with: v, where: v .> best)
            above &+= one.replacing(with: zero, where: .!(v .> threshold))
            i += 8
        }
        var maximum = best.max()
        var n = Int(above.wrappedSum())
        while i < count {
            if i == exclude {
                i += 1
                continue
            }
            let v = start[i]
            if v > maximum { maximum = v }
            if v > threshold { n += 1 }
            i += 1
        }
        return (maximum, n)
    }

    /// `maximumAndCount`, and the first index holding the maximum (−1 when no value exceeds −∞).
    ///
    /// AVX2 tracks each lane's first position of its maximum in the same pass (the scalar search
    /// it replaces read half a row again: ≈ 10 % of the loss); the Swift path searches afterwards.
    static func maximumCountAndIndex(
        _ start: UnsafePointer<Double>, _ count: Int, excluding exclude: Int = -1, above threshold: Double,
        variant: Variant = variant
    ) -> (maximum: Double, count: Int, index: Int) {
        if variant != .swiftSIMD {
            var maximum = -Double.infinity
            var above = 0
            var index = -1
            if variant == .avx512 {
                ck_maximum_and_count_avx512(start, count, exclude, threshold, &maximum, &above, &index)
            } else {
                ck_maximum_and_count_avx2(start, count, exclude, threshold, &maximum, &above, &index)
            }
            return (maximum, above, index)
        }
        let (maximum, above) = maximumAndCount(start, count, excluding: exclude, above: threshold, variant: variant)
        guard maximum > -.infinity else { return (maximum, above, -1) }
        // The value at the first position (−0 or +0 as it comes first), as the C kernels give it.
        for i in 0..<count where i != exclude && start[i] == maximum { return (start[i], above, i) }
        return (maximum, above, -1)
    }

    /// `S = Σ exp(s·(c_j − shift))` and `T = Σ exp(2s·(c_j − shift))` over `count` values but
    /// the one at `excluding` (−1: none; it adds nothing), optionally writing each
    /// `exp(s·(c_j − shift))` to `output` (0 at the excluded position).
    ///
    /// Returns the eight-lane partial sums; callers add the partials of several ranges
    /// before reducing, so every caller reduces in the same order.
    static func exponentialSums(
        _ start: UnsafePointer<Double>, _ count: Int, excluding exclude: Int = -1, shift: Double, scale: Double,
        output: UnsafeMutablePointer<Double>?, variant: Variant = variant
    ) -> (sum: SIMD8<Double>, squareSum: SIMD8<Double>) {
        var sum = SIMD8<Double>()
        var squareSum = SIMD8<Double>()
        if variant != .swiftSIMD {
            withUnsafeMutableBytes(of: &sum) { sumBytes in
                withUnsafeMutableBytes(of: &squareSum) { squareBytes in
                    let sums = sumBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                    let squares = squareBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                    if variant == .avx512 {
                        ck_exponential_sums_avx512(start, count, exclude, shift, scale, output, sums, squares)
                    } else {
                        ck_exponential_sums_avx2(start, count, exclude, shift, scale, output, sums, squares)
                    }
                }
            }
            return (sum, squareSum)
        }
        // The excluded value's lane repeats the shift (argument 0) and is zeroed after the exp.
        let excludedBlock = exclude >= 0 && exclude < count ? exclude & ~7 : -1
        var i = 0
        if let output {
            while i + 8 <= count {
                var v = UnsafeRawPointer(start + i).loadUnaligned(as: SIMD8<Double>.self)
                if i == excludedBlock { v[exclude - i] = shift }
                var e = VectorExp.exp(scale * (v - shift))
                if i == excludedBlock { e[exclude - i] = 0 }
                UnsafeMutableRawPointer(output + i).storeBytes(of: e, as: SIMD8<Double>.self)
                sum += e
                squareSum += e * e
                i += 8
            }
        } else {
            while i + 8 <= count {
                var v = UnsafeRawPointer(start + i).loadUnaligned(as: SIMD8<Double>.self)
                if i == excludedBlock { v[exclude - i] = shift }
                var e = VectorExp.exp(scale * (v - shift))
                if i == excludedBlock { e[exclude - i] = 0 }
                sum += e
                squareSum += e * e
                i += 8
            }
        }
        let remaining = count - i
        if remaining > 0 {
            // Unused lanes repeat the shift (argument 0) and are zeroed after the exp,
            // so no padding value can turn into a NaN (0·∞ when s = 0).
            var v = SIMD8<Double>(repeating: shift)
            for lane in 0..<remaining where i + lane != exclude { v[lane] = start[i + lane] }
            var e = VectorExp.exp(scale * (v - shift))
            for lane in 0..<8 where lane >= remaining || i + lane == exclude { e[lane] = 0 }
            if let output {
                for lane in 0..<remaining { output[i + lane] = e[lane] }
            }
            sum += e
            squareSum += e * e
        }
        return (sum, squareSum)
    }

    /// One row of the batch loss: `maximumCountAndIndex` (the maximum but `excluding`, its first
    /// index, the count above `threshold`), then `exponentialSums` shifted by that maximum, with the
    /// same results bit for bit, in one call to the C kernels.
    ///
    /// With `prefetch`, the C kernels also ask for the `prefetchCount` doubles there (the next
    /// row) a cache line per eight values, so that the next row's read from memory overlaps this
    /// pass's arithmetic instead of following it; the results are the same bits either way.
    ///
    /// With `copy`, the pass also does `copy`'s scaled copy (another row, the previous row's
    /// gradient), interleaved with the exponentials on the C paths so that its memory write overlaps
    /// them too; the same products as `scaledCopy`, but not fenced: call `storeFence()` before the
    /// target is written again or handed on.
    @inline(__always)
    static func rowScan(
        _ start: UnsafePointer<Double>, _ count: Int, excluding exclude: Int, above threshold: Double, scale: Double,
        output: UnsafeMutablePointer<Double>?, prefetch: UnsafePointer<Double>? = nil, prefetchCount: Int = 0,
        copy: RowCopy? = nil, variant: Variant = variant
    ) -> RowScan {
        guard variant != .swiftSIMD else {
            if let copy {
                for j in 0..<copy.count { copy.target[j] = copy.source[j] * copy.factor }
            }
            let rivals = maximumCountAndIndex(start, count, excluding: exclude, above: threshold, variant: variant)
            let sums = exponentialSums(
                start, count, excluding: exclude, shift: rivals.maximum, scale: scale, output: output, variant: variant)
            return RowScan(
                maximum: rivals.maximum, index: rivals.index, count: rivals.count, sum: sums.sum, squareSum: sums.squareSum,
                total: sums.sum.sum(), squareTotal: sums.squareSum.sum())
        }
        var sum = SIMD8<Double>()
        var squareSum = SIMD8<Double>()
        var maximum = -Double.infinity
        var index = -1
        var above = 0
        var totals = (0.0, 0.0)
        withUnsafeMutableBytes(of: &sum) { sumBytes in
            withUnsafeMutableBytes(of: &squareSum) { squareBytes in
                let sums = sumBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                let squares = squareBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                let ahead = prefetch == nil ? 0 : prefetchCount
                withUnsafeMutableBytes(of: &totals) { totalBytes in
                    let totalsPointer = totalBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                    if variant == .avx512 {
                        ck_row_statistics_avx512(
                            start, count, exclude, threshold, scale, output, prefetch, ahead, copy?.source, copy?.count ?? 0,
                            copy?.factor ?? 0, copy?.target, copy?.streaming == true ? 1 : 0, &maximum, &index, &above, sums,
                            squares, totalsPointer)
                    } else {
                        ck_row_statistics_avx2(
                            start, count, exclude, threshold, scale, output, prefetch, ahead, copy?.source, copy?.count ?? 0,
                            copy?.factor ?? 0, copy?.target, copy?.streaming == true ? 1 : 0, &maximum, &index, &above, sums,
                            squares, totalsPointer)
                    }
                }
            }
        }
        return RowScan(
            maximum: maximum, index: index, count: above, sum: sum, squareSum: squareSum, total: totals.0,
            squareTotal: totals.1)
    }

    /// What `rowScan` finds in one row.
    struct RowScan {
        /// The largest value but the excluded one (−∞ when there is none).
        var maximum: Double
        /// Its first position (−1 when no value exceeds −∞).
        var index: Int
        /// How many values but the excluded one exceed the threshold.
        var count: Int
        /// The eight-lane partial sums of `exp(s·(c_j − maximum))` and of its squares.
        var sum: SIMD8<Double>
        var squareSum: SIMD8<Double>
        /// `sum.sum()` and `squareSum.sum()`, added by the kernel from its registers (the same bits):
        /// reading the partials back right after the kernel stored them as vectors waits for the stores.
        var total: Double
        var squareTotal: Double
    }

    /// A scaled copy `target[j] = source[j]·factor`, j < count, handed to `rowScan`.
    struct RowCopy {
        var source: UnsafePointer<Double>
        var count: Int
        var factor: Double
        var target: UnsafeMutablePointer<Double>
        /// Stores past the cache (see `streams(bytes:)`); the same values either way.
        var streaming = true

        /// The part from `offset` on, at most `count` values.
        func part(from offset: Int, count limit: Int) -> RowCopy {
            let start = Swift.min(offset, count)
            return RowCopy(
                source: source + start, count: Swift.min(limit, count - start), factor: factor, target: target + start,
                streaming: streaming)
        }
    }

    /// Whether an output of `bytes`, written once, should be stored past the cache.
    ///
    /// A B×C gradient larger than the cache is not read again while the batch is computed:
    /// non-temporal stores send it straight to memory, without first reading each line in.
    /// One that fits stays in the cache with ordinary stores, where streaming ones would still
    /// send it to memory (at 256×1000 that was a third of the loss). The line: a quarter of the
    /// level-3 cache this core shares (the cosines and the gradient both fit, with room), 4 MiB
    /// where the system does not say.
    static func streams(bytes: Int) -> Bool { bytes > streamingThreshold }

    static let streamingThreshold: Int = max(1 << 20, (sharedCacheBytes() ?? 16 << 20) / 4)

    /// The size of the level-3 cache of CPU 0 as Linux describes it (`…/cache/index3/size`,
    /// e.g. "32768K"). Not glibc's `sysconf(_SC_LEVEL3_CACHE_SIZE)`: in a virtual machine on
    /// an EPYC it adds up every chiplet's cache (384 MiB where one core sees 32 MiB).
    static func sharedCacheBytes() -> Int? {
        #if os(Linux)
            guard let file = fopen("/sys/devices/system/cpu/cpu0/cache/index3/size", "r") else { return nil }
            defer { fclose(file) }
            var line = [CChar](repeating: 0, count: 32)
            guard fgets(&line, Int32(line.count), file) != nil else { return nil }
            return parseCacheSize(String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #else
            return nil
        #endif
    }

    /// "32768K", "8M", "1048576" → bytes; nil for anything else.
    static func parseCacheSize(_ text: String) -> Int? {
        let trimmed = Substring(text.filter { !$0.isWhitespace })
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let unit = trimmed.last.flatMap { units[$0] }
        guard let value = Int(unit == nil ? trimmed : trimmed.dropLast()), value > 0 else { return nil }
        return value * (unit ?? 1)
    }

    /// Orders the streaming stores of a pipelined copy before every later store.
    static func storeFence() { ck_store_fence() }

    /// `target[j] = source[j]·factor` for `count` doubles (AVX2, `streaming`: stored past the
    /// cache, since a large gradient row is not read again while the batch is computed).
    static func scaledCopy(
        _ source: UnsafePointer<Double>, _ count: Int, by factor: Double,
        to target: UnsafeMutablePointer<Double>, streaming: Bool = true, variant: Variant = variant
    ) {
        if variant != .swiftSIMD {
            ck_scaled_copy_avx2(source, count, factor, target, streaming ? 1 : 0)
            return
        }
        for j in 0..<count { target[j] = source[j] * factor }
    }
}

/// The rival facts of one row: everything about sample i that depends on the
/// batch and the scale but not on the margin.
struct RowStatistics: Sendable {
    var label: Int
    var targetCosine: Double
    /// `argmax_{j≠y} cos θ_j`, lowest index on ties; −1 when C = 1.
    var rivalClass: Int
    /// `M = max_{j≠y} cos θ_j`; −∞ when C = 1.
    var rivalCosine: Double
    /// `S = Σ_{j≠y} exp(s·(cos θ_j − M))`, in [1, C−1] (0 when C = 1).
    var rivalSum: Double
    /// `T = Σ_{j≠y} exp(2s·(cos θ_j − M))`.
    var rivalSquareSum: Double
    /// `#{j≠y : cos θ_j > cos θ_y − m}` for the margin the row was scanned with.
    var rivalsAbove: Int

    /// Scans one row: rival maximum and class, rank count, and the exponential sums
    /// (written to `output`, if given, at the rival positions; 0 at the target's).
    /// `nextRow` (C doubles, optional) is prefetched during the exponential pass: it changes
    /// no value, only lets the next row's memory read overlap this row's arithmetic.
    init(
        row: UnsafePointer<Double>, classCount: Int, label: Int, scale: Double, rankMargin: Double,
        output: UnsafeMutablePointer<Double>?, nextRow: UnsafePointer<Double>? = nil,
        copying copy: RowKernel.RowCopy? = nil, variant: RowKernel.Variant = RowKernel.variant
    ) {
        let y = label
        let cy = row[y]
        // The rivals' maximum, its class and the rank count, the target excluded; then one exponential
        // pass over the row (the target's term is 0), which also prefetches the next row and does
        // `copy` (the previous row's gradient), if given.
        let scan = RowKernel.rowScan(
            row, classCount, excluding: y, above: cy - rankMargin, scale: scale, output: output, prefetch: nextRow,
            prefetchCount: classCount, copy: copy, variant: variant)
        self.label = y
        self.targetCosine = cy
        self.rivalClass = classCount > 1 ? scan.index : -1
        self.rivalCosine = scan.maximum
        self.rivalSum = scan.total
        self.rivalSquareSum = scan.squareTotal
        self.rivalsAbove = scan.count
    }

    /// The same row at another scale: the rival maximum, its class and the rank count do
    /// not depend on s, so only the exponential sums are redone (one pass instead of two).
    /// Equal to a fresh scan at `scale`: the sums are the same kernel with the same shift.
    init(
        rescaling previous: RowStatistics, row: UnsafePointer<Double>, classCount: Int, scale: Double,
        variant: RowKernel.Variant = RowKernel.variant
    ) {
        self = previous
        let y = previous.label
        let sums = RowKernel.exponentialSums(
            row, classCount, excluding: y, shift: previous.rivalCosine, scale: scale, output: nil, variant: variant)
        self.rivalSum = sums.sum.sum()
        self.rivalSquareSum = sums.squareSum.sum()
    }
}

/// One sample's cross-entropy term assembled from its rival sums (closed form).
///
/// With `a = s·(f(c_y) − M)`, `e_y = exp(a)`, `Z = S + e_y` (all relative to the rival
/// maximum `M`):
/// `L = log Z − a`, `p_y = e_y / Z`, `p_j = e_j / Z` (j ≠ y), `Σ_{j≠y} p_j² = T / Z²`,
/// `‖∂L/∂cos θ‖ = s·sqrt(T/Z² + (1 − p_y)²·f′(c_y)²)`, formed as the hypotenuse of
/// `√T/Z` and `(1 − p_y)·f′(c_y)` scaled by the larger, so that it keeps its value down to
/// the smallest normal numbers instead of underflowing with the squares below 1e−154.
/// When the target leads (`a > 0`) everything is divided through by `e_y` instead, so no
/// exponent is ever positive: `L = log1p(S·e^{−a})`, `1 − p_y = S·e^{−a} / (1 + S·e^{−a})`.
/// `1 − p_y` is always formed as the rival mass `S/Z`, never by subtraction, so it keeps
/// full relative precision when the target probability is close to 1.
struct RowTerm: Sendable {
    /// `L = LSE(z) − z_y`.
    var loss: Double
    /// `p_y`.
    var targetProbability: Double
    /// `1 − p_y = Σ_{j≠y} p_j`.
    var rivalMass: Double
    /// `p_j = e_j · rivalFactor` for j ≠ y.
    var rivalFactor: Double
    /// `‖∂L/∂cos θ‖₂`.
    var gradientNorm: Double
    /// `∂L/∂cos θ_y = −s·(1 − p_y)·f′(c_y)`.
    var targetGradient: Double

    init(
        scale s: Double, transform: TargetTransform, targetCosine: Double,
        rivalCosine: Double, rivalSum: Double, rivalSquareSum: Double
    ) {
        self.init(
            completing: Partial(
                scale: s, transform: transform, targetCosine: targetCosine, rivalCosine: rivalCosine, rivalSum: rivalSum),
            scale: s, rivalSquareSum: rivalSquareSum)
    }

    /// The part of a term the gradient needs (`p_j = e_j·rivalFactor`, the target's entry): one `exp`
    /// and a division. The batch loss computes it for each row as the row is scanned and completes the
    /// terms (the `log` of the loss, the gradient norm's square roots) for a whole range of rows at
    /// once afterwards, where the rows' chains of dependent operations overlap instead of following one
    /// another. The same operations either way: the same bits.
    struct Partial: Sendable {
        /// `a = s·(f(c_y) − M)`.
        var a: Double
        /// `Z = S + e^a` when `a ≤ 0`, else `S·e^{−a}` (the argument of `log1p`).
        var lossArgument: Double
        var targetProbability: Double
        var rivalMass: Double
        var rivalFactor: Double
        /// `f′(c_y)`, 0 at a cone point.
        var derivative: Double
        /// C = 1: no rivals, nothing moves.
        var alone: Bool

        init(scale s: Double, transform: TargetTransform, targetCosine: Double, rivalCosine: Double, rivalSum: Double) {
            // At a cone point (ArcFace or the combined margin at cos θ_y = 1 exactly) f′ is unbounded:
            // the batch takes 0 for the target's term, the cone's subgradient, as ∂L/∂x does there
            // (Docs/Math.md §6), so the batch's numbers stay finite; the single-sample head says ∞.
            let slope = transform.derivative(targetCosine)
            derivative = slope.isFinite ? slope : 0
            if rivalSum == 0 {
                // C = 1: the target is the only class; p_y = 1 and nothing moves.
                a = 0; lossArgument = 0; targetProbability = 1; rivalMass = 0; rivalFactor = 0; alone = true
                return
            }
            alone = false
            a = s * (transform.value(targetCosine) - rivalCosine)
            if a <= 0 {
                let ey = exp(a)
                let z = rivalSum + ey
                lossArgument = z
                targetProbability = ey / z
                rivalMass = rivalSum / z
                rivalFactor = 1 / z
            } else {
                let eNegative = exp(-a)
                let rest = rivalSum * eNegative
                let d = 1 + rest
                lossArgument = rest
                targetProbability = 1 / d
                rivalMass = rest / d
                rivalFactor = eNegative / d
            }
        }

        /// `∂L/∂cos θ_y = −s·(1 − p_y)·f′(c_y)`; +0 when the target is alone (not −s·0 = −0).
        func targetGradient(scale s: Double) -> Double { alone ? 0 : -s * (rivalMass * derivative) }
    }

    /// The whole term from its `Partial`: the loss's `log` and the gradient norm.
    init(completing partial: Partial, scale s: Double, rivalSquareSum: Double) {
        targetProbability = partial.targetProbability
        rivalMass = partial.rivalMass
        rivalFactor = partial.rivalFactor
        targetGradient = partial.targetGradient(scale: s)
        if partial.alone {
            loss = 0; gradientNorm = 0
            return
        }
        loss = partial.a <= 0 ? log(partial.lossArgument) - partial.a : log1p(partial.lossArgument)
        // ‖(√T·rivalFactor, (1 − p_y)·f′)‖ without squaring either part: at s = 1000 the parts
        // fall below 1e−154, where their squares underflow to 0 (issue 10: 2.195e−167 printed as 0).
        let rivalPart = rivalSquareSum.squareRoot() * partial.rivalFactor
        let targetPart = partial.rivalMass * partial.derivative
        gradientNorm = s * Self.hypotenuse(rivalPart, targetPart)
    }

    /// `sqrt(a² + b²)` without forming a² or b²: the larger magnitude times `sqrt(1 + r²)`,
    /// r ≤ 1 the ratio of the smaller to the larger (so nothing underflows or overflows early).
    static func hypotenuse(_ a: Double, _ b: Double) -> Double {
        let x = a.magnitude, y = b.magnitude
        let large = Swift.max(x, y), small = Swift.min(x, y)
        guard large > 0, large.isFinite else { return large }
        let r = small / large
        return large * (1 + r * r).squareRoot()
    }
}
