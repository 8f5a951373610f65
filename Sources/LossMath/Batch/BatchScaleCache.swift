/// Everything a batch loss needs that depends on the batch and the scale only, so that
/// changing the margin m or the BD-LMCL k costs no exponential.
///
/// Per sample i it keeps the target cosine `c_y`, the rival maximum `M = max_{j≠y} c_j` and
/// its class, `S = Σ_{j≠y} e^{s(c_j−M)}` and `T = Σ_{j≠y} e^{2s(c_j−M)}`. For a margin transform f
/// (`f(c) = c − m` for LMCL), with `e_y = e^{s(f(c_y)−M)}` and `Z = S + e_y`:
/// `ℓ_i = log Z − s(f(c_y) − M)`, `p_y = e_y/Z`, `Σ_{j≠y} p_j² = T/Z²`,
/// `‖∂ℓ_i/∂cos θ_i‖ = s·sqrt(T/Z² + (1 − p_y)²·f′(c_y)²)`, and the rank
/// `1 + #{j≠y : c_j > f(c_y) + τ}` from `BatchRankCounts` (τ: ties as typed, `MarginPolicy.tieTolerance`).
/// Results are identical to `BatchLoss` without the gradient (same sums, same order, same counts).
///
/// Cost: `init` is one pass over the rows (maxima, rank counts at its margin, exponential
/// sums), O(B·C); `rescaled(to:)` keeps the maxima and counts and redoes only the
/// exponential sums; `rankCounts(transform:)` for another margin is one comparison pass over
/// the cosines, O(B·C) but memory-bound (no exponential), and its counts serve every scale.
/// Earlier versions sorted every row once so that a new margin was a binary search; that
/// sort cost more than everything else in making a batch (issue 15), for a margin key that
/// a counting pass answers in a few milliseconds.
public struct BatchScaleCache: Sendable {
    /// `s`.
    public let scale: Double
    let batch: CosineBatch
    let statistics: [RowStatistics]
    /// The margin `statistics[i].rivalsAbove` was counted with.
    let countedMargin: Double

    /// The sums at `scale`, with the rank counts at `margin` taken in the same pass.
    public init(batch: CosineBatch, scale: Double, margin: Double = 0) {
        batch.validate()
        self.init(batch: batch, scale: scale, countedMargin: margin, previous: nil)
    }

    /// `previous`: the statistics of this batch at another scale, whose rival maxima,
    /// classes and rank counts (which do not depend on s) are kept. `kept`: the statistics, at this
    /// scale and margin, of rows `0..<kept.count` of this batch (another batch's that had the same rows).
    init(
        batch: CosineBatch, scale: Double, countedMargin: Double, previous: [RowStatistics]?,
        kept: ArraySlice<RowStatistics> = []
    ) {
        self.init(
            batch: batch, scale: scale, countedMargin: countedMargin,
            statistics: Self.statistics(
                batch: batch, scale: scale, countedMargin: countedMargin, previous: previous, kept: kept, shouldStop: nil)!)
    }

    private init(batch: CosineBatch, scale: Double, countedMargin: Double, statistics: [RowStatistics]) {
        self.scale = scale
        self.batch = batch
        self.countedMargin = countedMargin
        self.statistics = statistics
    }

    /// Every row's statistics (see `init(batch:scale:countedMargin:previous:kept:)`), or nil when
    /// `shouldStop` (asked before each row, on whichever thread computes it) answered true.
    /// `shouldStop` must keep answering true once it has: the pass is known to be whole when it
    /// still answers false after every row is done. Stopping needs `previous` (a stopped pass
    /// fills its remaining rows from it before the array is dropped: no row is left undefined).
    private static func statistics(
        batch: CosineBatch, scale: Double, countedMargin: Double, previous: [RowStatistics]?,
        kept: ArraySlice<RowStatistics>, shouldStop: (@Sendable () -> Bool)?
    ) -> [RowStatistics]? {
        precondition(shouldStop == nil || previous != nil, "only a rescaling pass can stop early")
        let c = batch.classCount
        let first = kept.count
        let statistics = batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            let cosines = UncheckedSendable(value: cosineBuffer.baseAddress!)
            return [RowStatistics](unsafeUninitializedCapacity: batch.sampleCount) { buffer, initialized in
                let out = UncheckedSendable(value: buffer.baseAddress!)
                if first > 0 { _ = UnsafeMutableBufferPointer(rebasing: buffer[..<first]).initialize(from: kept) }
                let rest = batch.sampleCount - first
                Parallel.forEachRange(count: rest, work: rest * c) { range in
                    var stopped = false
                    for i in (range.lowerBound + first)..<(range.upperBound + first) {
                        if !stopped, let shouldStop, shouldStop() { stopped = true }
                        let row = cosines.value + i * c
                        if stopped {
                            (out.value + i).initialize(to: previous![i])
                            continue
                        }
                        (out.value + i).initialize(
                            to: previous.map {
                                RowStatistics(rescaling: $0[i], row: row, classCount: c, scale: scale)
                            }
                                ?? RowStatistics(
                                    row: row, classCount: c, label: batch.labels[i],
                                    scale: scale, rankMargin: MarginPolicy.shiftedRankMargin(countedMargin),
                                    output: nil, nextRow: i + 1 < range.upperBound + first ? row + c : nil))
                    }
                }
                initialized = batch.sampleCount
            }
        }
        if let shouldStop, shouldStop() { return nil }
        return statistics
    }

    /// The same batch at another scale, reusing the rival maxima and rank counts
    /// (one exponential pass, no search for maxima).
    public func rescaled(to scale: Double) -> BatchScaleCache {
        BatchScaleCache(batch: batch, scale: scale, countedMargin: countedMargin, previous: statistics)
    }

    /// `rescaled(to:)`, or nil when `shouldStop` answers true before the pass is done (work
    /// done ahead of need, dropped when a request comes). `shouldStop` is asked before each
    /// row, from every thread of the pass, and must keep answering true once it has.
    public func rescaled(to scale: Double, shouldStop: @escaping @Sendable () -> Bool) -> BatchScaleCache? {
        Self.statistics(
            batch: batch, scale: scale, countedMargin: countedMargin, previous: statistics, kept: [],
            shouldStop: shouldStop
        ).map { BatchScaleCache(batch: batch, scale: scale, countedMargin: countedMargin, statistics: $0) }
    }

    /// The cache of `batch` at this scale and margin, whose first `sharedRows` samples are this
    /// cache's batch's first `sharedRows` (the same labels and the same cosines, bit for bit: a
    /// synthetic batch that differs from the last only in N, see `SyntheticBatch.Maker`). Their
    /// statistics are kept; only the other rows are computed. The same statistics as
    /// `BatchScaleCache(batch:scale:margin:)` computes for every row.
    ///
    /// - Precondition: the same class count; `sharedRows` within both batches.
    public func resized(to batch: CosineBatch, sharedRows: Int) -> BatchScaleCache {
        batch.validate()
        precondition(batch.classCount == self.batch.classCount, "another class count: no row is shared")
        precondition(
            (0...min(batch.sampleCount, self.batch.sampleCount)).contains(sharedRows),
            "\(sharedRows) shared rows of \(self.batch.sampleCount) and \(batch.sampleCount)")
        return BatchScaleCache(
            batch: batch, scale: scale, countedMargin: countedMargin, previous: nil, kept: statistics[..<sharedRows])
    }

    /// Every sample's `#{j≠y : cos θ_j > f(cos θ_y)}`: from the cache's own pass when `transform`
    /// is the shift it counted with, else one comparison pass over the rows.
    /// The counts do not depend on s: keep them for every scale of this batch.
    public func rankCounts(transform: TargetTransform) -> BatchRankCounts {
        rankCounts(transform: transform, shouldStop: nil)!
    }

    /// `rankCounts(transform:)`, or nil when `shouldStop` answers true before the pass is done
    /// (asked before each row, from every thread of the pass; it must keep answering true once it has).
    public func rankCounts(transform: TargetTransform, shouldStop: (@Sendable () -> Bool)?) -> BatchRankCounts? {
        let policy = MarginPolicy.everySample(transform)
        if transform.cosineShift == countedMargin {
            return BatchRankCounts(transform: transform, rivalsAbove: statistics.map(\.rivalsAbove))
        }
        let b = batch.sampleCount, c = batch.classCount
        let counts = batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            let cosines = UncheckedSendable(value: cosineBuffer.baseAddress!)
            return [Int](unsafeUninitializedCapacity: b) { buffer, initialized in
                let out = UncheckedSendable(value: buffer.baseAddress!)
                Parallel.forEachRange(count: b, work: b * c) { range in
                    var stopped = false
                    for i in range {
                        if !stopped, let shouldStop, shouldStop() { stopped = true }
                        if stopped {
                            // Dropped below: any value will do.
                            (out.value + i).initialize(to: 0)
                            continue
                        }
                        let row = cosines.value + i * c
                        let y = batch.labels[i]
                        let threshold = policy.rankThreshold(targetCosine: row[y])
                        let above = RowKernel.maximumAndCount(row, c, excluding: y, above: threshold).count
                        (out.value + i).initialize(to: above)
                    }
                }
                initialized = b
            }
        }
        if let shouldStop, shouldStop() { return nil }
        return BatchRankCounts(transform: transform, rivalsAbove: counts)
    }

    /// `rankCounts(transform: .additiveCosine(margin: margin))`: the counts above `cos θ_y − m`.
    public func rankCounts(margin: Double) -> BatchRankCounts {
        rankCounts(transform: .additiveCosine(margin: margin))
    }

    /// `BatchLoss.lmcl(batch, scale: scale, margin: margin, gradient: false)`, without an
    /// exponential; `ranks` (counted at `margin`) spares the counting pass.
    public func lmcl(margin: Double, ranks: BatchRankCounts? = nil) -> BatchResult {
        evaluate(policy: .everySample(.additiveCosine(margin: margin)), ranks: ranks)
    }

    /// `BatchLoss.margin(batch, scale: scale, transform: transform, gradient: false)`, without an
    /// exponential; `ranks` (counted with `transform`) spares the counting pass.
    public func margin(transform: TargetTransform, ranks: BatchRankCounts? = nil) -> BatchResult {
        evaluate(policy: .everySample(transform), ranks: ranks)
    }

    /// `BatchLoss.bdlmcl(batch, rule: rule, gradient: false)`, without an exponential;
    /// `ranks` (counted with `rule.transform`) spares the counting pass.
    ///
    /// - Precondition: `rule.scale == scale`.
    public func bdlmcl(rule: BoundaryRule, ranks: BatchRankCounts? = nil) -> BatchResult {
        precondition(rule.scale == scale, "the rule's scale \(rule.scale) is not the cache's \(scale)")
        return evaluate(policy: .boundary(rule), ranks: ranks)
    }

    func evaluate(policy: MarginPolicy, ranks: BatchRankCounts?) -> BatchResult {
        precondition(ranks.map { $0.counts(for: policy.transform) } ?? true, "rank counts taken with another margin")
        let counts = ranks ?? rankCounts(transform: policy.transform)
        let samples = statistics.indices.map { i in
            policy.outcome(statistics[i], rivalsAbove: counts.rivalsAbove[i], scale: scale).0
        }
        let (loss, counting) = MarginPolicy.meanLoss(samples)
        return BatchResult(samples: samples, loss: loss, countingSamples: counting, gradient: nil)
    }
}

/// How many rivals lie above each sample's margin-adjusted target score, for one batch.
///
/// `rivalsAbove[i] = #{j≠y_i : cos θ_ij > f(cos θ_iy)}`: sample i's rank is one more.
/// Independent of the scale, so one count serves every s.
public struct BatchRankCounts: Sendable, Equatable {
    /// The margin transform f the counts were taken with.
    public let transform: TargetTransform
    /// Per sample, the rivals strictly above `f(cos θ_y)`.
    public let rivalsAbove: [Int]

    /// Whether these counts hold for `other`: the same transform, or the same cosine shift
    /// (NormFace and CosFace with m = 0 rank alike).
    public func counts(for other: TargetTransform) -> Bool {
        if transform == other { return true }
        if let a = transform.cosineShift, let b = other.cosineShift { return a == b }
        return false
    }
}
