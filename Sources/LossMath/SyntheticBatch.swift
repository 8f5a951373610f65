import CKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Realistic synthetic batches of cosines, reproducible by seed.
///
/// The geometry mimics a trained normalised-softmax head: `C` unit class
/// directions `Ŵ_j` drawn uniformly on the sphere in `dimension` dimensions,
/// and for each sample a label `y` drawn uniformly from `0..<C`, a feature
///
///     x = Ŵ_y + ε,  ε ~ N(0, spread²·I_d),   x̂ = x / ‖x‖,
///
/// and the cosines `cos θ_j = x̂ · Ŵ_j`. Small spreads give samples that sit
/// well inside their class (target cosine near 1); larger spreads push samples
/// towards and past the boundary with their nearest rivals. With the default
/// dimension 64 and spread 0.12, a 256 × 1000 batch at s = 30, m = 0.35, k = 2
/// has samples in all three BD-LMCL regions (margin satisfied, boundary
/// selected, beyond top-k), roughly 40 % / 20 % / 40 %.
///
/// The generator is a SplitMix64 stream with Box–Muller normals, so a seed
/// gives the same batch on every platform and Swift version.
public enum SyntheticBatch {
    /// The dimension of the feature space used when none is given.
    public static let defaultDimension = 64
    /// The per-coordinate noise standard deviation used when none is given.
    public static let defaultSpread = 0.12

    /// Makes a batch of `samples` rows and `classes` columns of cosines.
    ///
    /// - Parameters:
    ///   - samples: B ≥ 1.
    ///   - classes: C ≥ 1.
    ///   - dimension: d ≥ 1, the dimension of the features and class directions.
    ///   - spread: the standard deviation of the Gaussian noise per coordinate, finite and ≥ 0.
    ///   - seed: any value; equal seeds (and sizes) give equal batches.
    /// - Returns: a batch whose cosines lie in [−1, 1] and whose labels lie in `0..<classes`.
    public static func make(
        samples: Int, classes: Int, dimension: Int = defaultDimension, spread: Double, seed: UInt64
    ) -> CosineBatch {
        Maker().make(samples: samples, classes: classes, dimension: dimension, spread: spread, seed: seed)
    }

    /// The batch of the given draws (`kept`: see `cosineMatrix`).
    static func make(
        draws: (directions: [Double], labels: [Int], features: [Double], norms: [Double]), samples: Int,
        classes: Int, dimension: Int, kept: (cosines: [Double], rows: Int)?
    ) -> CosineBatch {
        let cosines = cosineMatrix(
            features: draws.features, norms: draws.norms, directions: draws.directions,
            samples: samples, classes: classes, dimension: dimension, kept: kept)
        return CosineBatch(labels: Array(draws.labels[0..<samples]), cosines: cosines, classCount: classes)
    }

    /// The class directions, labels, features and feature norms, drawn in one stream in order:
    /// every direction (d Gaussians each, redrawn in the probability-zero case of length 0),
    /// then every sample (its label, then d Gaussians, redrawn if the feature has length 0).
    static func draw(samples: Int, classes: Int, dimension: Int, spread: Double, seed: UInt64)
        -> (directions: [Double], labels: [Int], features: [Double], norms: [Double])
    {
        var random = SplitMix64(seed: seed)

        var directions = [Double](repeating: 0, count: classes * dimension)
        for j in 0..<classes {
            let row = j * dimension
            // A zero-length Gaussian vector has probability zero, but redraw rather than divide by it.
            var norm = 0.0
            repeat {
                for t in 0..<dimension { directions[row + t] = random.nextGaussian() }
                norm = squaredNorm(directions[row..<(row + dimension)]).squareRoot()
            } while norm == 0
            for t in 0..<dimension { directions[row + t] /= norm }
        }

        // The random draws stay in one stream, in sample order (label, then the noise),
        // so a seed gives the same batch however the cosines are computed afterwards.
        var labels = [Int](repeating: 0, count: samples)
        var features = [Double](repeating: 0, count: samples * dimension)
        var norms = [Double](repeating: 0, count: samples)
        for i in 0..<samples {
            let label = random.nextIndex(below: classes)
            labels[i] = label
            let row = i * dimension
            var norm = 0.0
            repeat {
                for t in 0..<dimension {
                    features[row + t] = directions[label * dimension + t] + spread * random.nextGaussian()
                }
                norm = squaredNorm(features[row..<(row + dimension)]).squareRoot()
            } while norm == 0
            norms[i] = norm
        }
        return (directions, labels, features, norms)
    }

    /// The same draws as `draw`, computed in parallel: SplitMix64's state after n numbers is
    /// `seed + n·γ`, and without a redraw direction j starts at number 2d·j and sample i at
    /// 2d·C + (1+2d)·i, so each can start its own generator there. Nil if any vector came
    /// out of length 0 (a redraw would shift every later start): `draw` then does it in order.
    static func drawInParallel(samples: Int, classes: Int, dimension: Int, spread: Double, seed: UInt64)
        -> (directions: [Double], labels: [Int], features: [Double], norms: [Double])?
    {
        Maker().drawInParallel(samples: samples, classes: classes, dimension: dimension, spread: spread, seed: seed)
    }

    /// Has the C allocator keep freed memory for reuse, process-wide (glibc; elsewhere nothing).
    ///
    /// glibc serves every block over 32 MB (a 1024×5994 batch is 49 MB, 4096×10000 is 328 MB)
    /// with a fresh `mmap` and unmaps it when freed, so the first touch of every new batch has
    /// the kernel zero its pages: most of the CPU time of a new 4096×10000 batch (`perf`:
    /// `clear_page_erms`). From the heap, kept when freed, a new batch takes the pages of the
    /// last one as they are. Every thread shares that heap: glibc gives other threads arenas of
    /// their own, whose heaps (64 MB at most) were handed back to the kernel when a batch in them
    /// was freed, and the explorer makes its batches on a worker thread. The cost: the process
    /// keeps the memory of its largest batches until it exits. For long-lived processes that make
    /// batch after batch (the explorer); call it before other threads allocate (`main` does).
    public static func reuseFreedMemory() {
        ck_reuse_freed_memory()
    }

    /// Makes synthetic batches, keeping the draws of the last one for the next.
    ///
    /// Direction j's draws start at number 2d·j of the seed's stream, whatever C is, and
    /// sample i's at 2d·C + (1+2d)·i, whatever N and the spread are (see `drawInParallel`).
    /// So a batch that differs from the last only in N or the spread draws nothing but its
    /// new samples, and one that differs in C only its new directions and its samples; the
    /// batch is bit-for-bit `SyntheticBatch.make`'s for the same arguments. Only a new seed
    /// (or dimension) draws everything. When only N changed, the rows both batches have are
    /// copied from the last one rather than computed. Not thread-safe: one maker per thread of use.
    public final class Maker {
        /// The unit directions of classes `0..<directionCount` of `directionKey`'s stream.
        private var directionKey: (seed: UInt64, dimension: Int)?
        private var directions: [Double] = []
        private var directionCount = 0
        /// The labels and raw Gaussians (before the spread) of samples `0..<sampleCount` of
        /// `sampleKey`'s stream.
        private var sampleKey: (seed: UInt64, classes: Int, dimension: Int)?
        private var labels: [Int] = []
        private var noise: [Double] = []
        private var sampleCount = 0
        /// The cosines of the last batch made from the draws above, and its spread.
        private var lastBatch: (seed: UInt64, classes: Int, dimension: Int, spread: Double, cosines: [Double])?
        /// How many first rows the batch made last shares, bit for bit (the same labels and cosines),
        /// with the one made before it: the rows both have when only N changed, else 0.
        public private(set) var sharedRows = 0

        public init() {}

        /// `SyntheticBatch.make(samples:classes:dimension:spread:seed:)`, drawing only what the
        /// last batch did not.
        public func make(
            samples: Int, classes: Int, dimension: Int = defaultDimension, spread: Double, seed: UInt64
        ) -> CosineBatch {
            precondition(samples >= 1 && classes >= 1 && dimension >= 1, "sizes must be positive")
            precondition(spread.isFinite && spread >= 0, "spread must be finite and non-negative")
            guard
                let draws = drawInParallel(
                    samples: samples, classes: classes, dimension: dimension, spread: spread, seed: seed)
            else {
                lastBatch = nil
                sharedRows = 0
                return SyntheticBatch.make(
                    draws: draw(samples: samples, classes: classes, dimension: dimension, spread: spread, seed: seed),
                    samples: samples, classes: classes, dimension: dimension, kept: nil)
            }
            // Another N only: the rows both batches have are the same bits (same draws, same sums).
            var kept: (cosines: [Double], rows: Int)?
            if let last = lastBatch, last.seed == seed, last.classes == classes, last.dimension == dimension,
                last.spread.bitPattern == spread.bitPattern
            {
                kept = (last.cosines, last.cosines.count / classes)
            }
            lastBatch = nil
            let batch = SyntheticBatch.make(
                draws: draws, samples: samples, classes: classes,
                dimension: dimension, kept: kept)
            lastBatch = (seed, classes, dimension, spread, batch.cosines)
            sharedRows = kept.map { min($0.rows, samples) } ?? 0
            return batch
        }

        /// The draws of `drawInParallel`, from the kept ones where they serve. `directions` may
        /// hold more than `classes` rows (the first `classes` are the batch's): `cosineMatrix`
        /// reads only those.
        func drawInParallel(samples: Int, classes: Int, dimension: Int, spread: Double, seed: UInt64)
            -> (directions: [Double], labels: [Int], features: [Double], norms: [Double])?
        {
            guard extendDirections(to: classes, dimension: dimension, seed: seed),
                extendSamples(to: samples, classes: classes, dimension: dimension, seed: seed)
            else { return nil }
            var features = [Double](repeating: 0, count: samples * dimension)
            var norms = [Double](repeating: 0, count: samples)
            directions.withUnsafeBufferPointer { w in
                noise.withUnsafeBufferPointer { g in
                    labels.withUnsafeBufferPointer { l in
                        features.withUnsafeMutableBufferPointer { x in
                            norms.withUnsafeMutableBufferPointer { n in
                                let pointers = UncheckedSendable(
                                    value: (w.baseAddress!, g.baseAddress!, l.baseAddress!, x.baseAddress!, n.baseAddress!))
                                Parallel.forEachRange(count: samples, work: samples * dimension) { range in
                                    let (w, g, labels, x, norms) = pointers.value
                                    for i in range {
                                        let row = x + i * dimension, gaussians = g + i * dimension
                                        let direction = w + labels[i] * dimension
                                        var squares = 0.0
                                        for t in 0..<dimension {
                                            row[t] = direction[t] + spread * gaussians[t]
                                            squares = squares + row[t] * row[t]
                                        }
                                        // 0 marks a redraw for the check below (a real norm is never 0).
                                        norms[i] = squares.squareRoot()
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if norms.contains(0) { return nil }
            return (
                directions,
                Array(labels[0..<samples]), features, norms
            )
        }

        /// Draws directions `directionCount..<classes` (after forgetting those of another seed
        /// or dimension); false if one came out of length 0, which only the stream in order handles.
        private func extendDirections(to classes: Int, dimension: Int, seed: UInt64) -> Bool {
            if directionKey?.seed != seed || directionKey?.dimension != dimension {
                directionKey = (seed, dimension)
                directions = []
                directionCount = 0
            }
            guard classes > directionCount else { return true }
            let first = directionCount
            var grown = directions
            grown.append(contentsOf: repeatElement(0, count: (classes - first) * dimension))
            let directionDraws = 2 * dimension
            var failed = false
            grown.withUnsafeMutableBufferPointer { buffer in
                let out = UncheckedSendable(value: buffer.baseAddress!)
                let chunkFailed = UncheckedSendable(value: UnsafeMutablePointer<Bool>.allocate(capacity: classes))
                defer { chunkFailed.value.deallocate() }
                chunkFailed.value.initialize(repeating: false, count: classes)
                Parallel.forEachRange(count: classes - first, work: (classes - first) * gaussianWork(dimension)) {
                    range in
                    for j in (first + range.lowerBound)..<(first + range.upperBound) {
                        var random = SplitMix64(seed: seed, skipping: UInt64(j * directionDraws))
                        let row = out.value + j * dimension
                        var squares = 0.0
                        for t in 0..<dimension {
                            row[t] = random.nextGaussian()
                            squares = squares + row[t] * row[t]
                        }
                        let norm = squares.squareRoot()
                        if norm == 0 { chunkFailed.value[j] = true; continue }
                        for t in 0..<dimension { row[t] /= norm }
                    }
                }
                failed = UnsafeBufferPointer(start: chunkFailed.value, count: classes).contains(true)
            }
            if failed { return false }
            directions = grown
            directionCount = classes
            return true
        }

        /// Draws the labels and Gaussians of samples `sampleCount..<samples` (after forgetting
        /// those of another seed, C or dimension).
        private func extendSamples(to samples: Int, classes: Int, dimension: Int, seed: UInt64) -> Bool {
            if sampleKey?.seed != seed || sampleKey?.classes != classes || sampleKey?.dimension != dimension {
                sampleKey = (seed, classes, dimension)
                labels = []
                noise = []
                sampleCount = 0
            }
            guard samples > sampleCount else { return true }
            let first = sampleCount
            labels.append(contentsOf: repeatElement(0, count: samples - first))
            noise.append(contentsOf: repeatElement(0, count: (samples - first) * dimension))
            let sampleStart = UInt64(classes * 2 * dimension)
            let sampleDraws = 1 + 2 * dimension
            labels.withUnsafeMutableBufferPointer { l in
                noise.withUnsafeMutableBufferPointer { g in
                    let pointers = UncheckedSendable(value: (l.baseAddress!, g.baseAddress!))
                    Parallel.forEachRange(count: samples - first, work: (samples - first) * gaussianWork(dimension)) {
                        range in
                        let (labels, g) = pointers.value
                        for i in (first + range.lowerBound)..<(first + range.upperBound) {
                            var random = SplitMix64(seed: seed, skipping: sampleStart + UInt64(i * sampleDraws))
                            labels[i] = random.nextIndex(below: classes)
                            for t in 0..<dimension { g[i * dimension + t] = random.nextGaussian() }
                        }
                    }
                }
            }
            sampleCount = samples
            return true
        }

        /// A Gaussian costs about as much as 30 multiply-adds: that is the work each one counts for.
        private func gaussianWork(_ dimension: Int) -> Int { 32 * dimension }
    }

    /// `cos θ_ij = min(1, max(−1, (x_i · Ŵ_j) / ‖x_i‖))` for features `x` (B×d) and unit
    /// directions `Ŵ` (C×d), both row-major; `norms[i] = ‖x_i‖`.
    ///
    /// Every dot product sums t = 0, 1, … in order with the multiply and the add rounded
    /// separately (no fused multiply-add), on either kernel, so the batch is the same bits
    /// whatever the variant, the threads or the blocking. The AVX2 kernel computes six
    /// samples × eight classes per pass over d (AVX-512: eight × sixteen), with the directions
    /// stored in panels of 16 classes, coordinate-major within a panel (the doubles a pass reads
    /// are contiguous), and taken in tiles that stay in cache. `directions` may hold more than
    /// `classes` rows; only the first are read.
    ///
    /// `kept`: the cosines of an earlier batch whose first `rows` samples (and classes, directions)
    /// are this one's; those rows are copied instead of computed.
    static func cosineMatrix(
        features: [Double], norms: [Double], directions: [Double], samples: Int, classes: Int,
        dimension: Int, variant: RowKernel.Variant = RowKernel.variant, kept: (cosines: [Double], rows: Int)? = nil
    ) -> [Double] {
        let first = min(kept?.rows ?? 0, samples)
        let work = (samples - first) * classes * dimension
        // Every element is written below: no zeroing of B×C doubles first (56 M instructions at 1024×5994).
        return makeLargeArray(count: samples * classes) { whole in
            if let kept, first > 0 {
                precondition(kept.cosines.count >= first * classes, "fewer kept cosines than rows")
                kept.cosines.withUnsafeBufferPointer { source in
                    let pointers = UncheckedSendable(value: (source.baseAddress!, whole))
                    Parallel.forEachRange(count: first, work: first * classes) { rows in
                        let (source, target) = pointers.value
                        (target + rows.lowerBound * classes).initialize(
                            from: source + rows.lowerBound * classes, count: rows.count * classes)
                    }
                }
            }
            guard first < samples else { return }
            // Rows first..<samples, from features, norms and output all offset by `first` rows.
            let samples = samples - first
            let out = UncheckedSendable(value: whole + first * classes)
            let features = Array(features[(first * dimension)...])
            let norms = Array(norms[first...])
            if variant != .swiftSIMD {
                // Panels of 16 classes (the last padded with zeros), coordinate-major within a panel:
                // the 16·d doubles a kernel's pass over d reads are contiguous (ck_cosine_rows_avx2).
                let panel = 16
                let panels = (classes + panel - 1) / panel
                var byPanel = [Double](repeating: 0, count: panels * panel * dimension)
                // Transposed panel by panel: each thread reads its directions in order and writes
                // panels that stay in L1 while their 16 classes fill them.
                byPanel.withUnsafeMutableBufferPointer { target in
                    directions.withUnsafeBufferPointer { source in
                        let pointers = UncheckedSendable(value: (target.baseAddress!, source.baseAddress!))
                        Parallel.forEachRange(count: panels, work: classes * dimension) { range in
                            let (target, source) = pointers.value
                            for q in range {
                                let start = target + q * panel * dimension
                                for j in (q * panel)..<min(classes, (q + 1) * panel) {
                                    for t in 0..<dimension { start[t * panel + j - q * panel] = source[j * dimension + t] }
                                }
                            }
                        }
                    }
                }
                features.withUnsafeBufferPointer { x in
                    norms.withUnsafeBufferPointer { n in
                        byPanel.withUnsafeBufferPointer { w in
                            let inputs = UncheckedSendable(value: (x.baseAddress!, n.baseAddress!, w.baseAddress!))
                            Parallel.forEachRange(count: samples, work: work) { rows in
                                let (x, n, w) = inputs.value
                                if variant == .avx512 {
                                    ck_cosine_rows_avx512(
                                        x, n, dimension, w, classes, rows.lowerBound, rows.upperBound, out.value)
                                } else {
                                    ck_cosine_rows_avx2(
                                        x, n, dimension, w, classes, rows.lowerBound, rows.upperBound, out.value)
                                }
                            }
                        }
                    }
                }
                return
            }
            features.withUnsafeBufferPointer { x in
                directions.withUnsafeBufferPointer { w in
                    Parallel.forEachRange(count: samples, work: work) { rows in
                        for i in rows {
                            let xi = i * dimension, oi = i * classes, norm = norms[i]
                            // Rounding can carry a cosine a few ulps past ±1; the batch contract is [−1, 1].
                            func store(_ j: Int, _ dot: Double) { (out.value + oi + j).initialize(to: min(1, max(-1, dot / norm))) }
                            var j = 0
                            // Four classes at a time for instruction-level parallelism only: each sum keeps its order.
                            while j + 4 <= classes {
                                let r0 = j * dimension, r1 = r0 + dimension, r2 = r1 + dimension, r3 = r2 + dimension
                                var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
                                for t in 0..<dimension {
                                    let f = x[xi + t]
                                    d0 += f * w[r0 + t]
                                    d1 += f * w[r1 + t]
                                    d2 += f * w[r2 + t]
                                    d3 += f * w[r3 + t]
                                }
                                store(j, d0); store(j + 1, d1); store(j + 2, d2); store(j + 3, d3)
                                j += 4
                            }
                            while j < classes {
                                let r = j * dimension
                                var d = 0.0
                                for t in 0..<dimension { d += x[xi + t] * w[r + t] }
                                store(j, d)
                                j += 1
                            }
                        }
                    }
                }
            }
        }
    }

    private static func squaredNorm(_ v: ArraySlice<Double>) -> Double {
        v.reduce(0) { $0 + $1 * $1 }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, well-mixed 64-bit stream.
///
/// The generator behind synthetic batches, and the seeded generator the tests use: the
/// same seed gives the same numbers on every platform and Swift version (unlike
/// `SystemRandomNumberGenerator`, which cannot be seeded).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator `SplitMix64(seed: seed)` becomes after `count` calls to `next()`
    /// (its state advances by the same constant on every call).
    init(seed: UInt64, skipping count: UInt64) { state = seed &+ count &* 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1]: 53 random bits, shifted by one ulp so the logarithm below is finite.
    mutating func nextUnitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// Standard normal by Box–Muller (one of the pair; simplicity over speed).
    mutating func nextGaussian() -> Double {
        let u1 = nextUnitInterval()
        let u2 = nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Uniform in `0..<bound` by the multiply-high method (bias below 2⁻⁵⁰ for bound ≤ 10⁴).
    mutating func nextIndex(below bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }
}
