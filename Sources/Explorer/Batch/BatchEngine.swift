import LossMath
import Synchronization

/// The numbers the batch screen shows, for one state.
public struct BatchSnapshot: Sendable {
    public let batch: CosineBatch
    /// The BD-LMCL rule actually applied: the state's s, m and treatment, with k
    /// clamped to 2…C of this batch (a file batch may have fewer classes than the state's C).
    public let rule: BoundaryRule
    /// Plain LMCL: every sample gets the margin.
    public let lmcl: BatchResult
    /// BD-LMCL with `rule`.
    public let bdlmcl: BatchResult
    /// Region counts and how each loss and its gradient split between the regions.
    public let summary: BatchSummary

    public init(batch: CosineBatch, rule: BoundaryRule, lmcl: BatchResult, bdlmcl: BatchResult) {
        self.batch = batch
        self.rule = rule
        self.lmcl = lmcl
        self.bdlmcl = bdlmcl
        self.summary = BatchSummary(lmcl: lmcl, bdlmcl: bdlmcl)
    }
}

/// Makes and remembers batches and their per-scale sums, so a keypress on the
/// batch screen recomputes only what depends on the value that changed.
///
/// Not part of the state: it is a cache of values derived from the state.
/// What each change costs (B samples, C classes):
/// - N, C, spread or seed: a new synthetic batch (the draws it shares with the last one
///   kept: see `SyntheticBatch.Maker`) and a new `BatchScaleCache`, O(B·C·d); after N alone,
///   the rows both batches have keep their cosines and their statistics (`resized(to:sharedRows:)`);
/// - s: `BatchScaleCache.rescaled(to:)`, one exponential pass, O(B·C) (nothing
///   for one of the last eight scales used);
/// - m: one rank-counting pass, O(B·C) but no exponential (nothing for one of the last
///   four margins used), and both losses from the cached sums, O(B);
/// - k or the treatment of unselected samples: BD-LMCL only, O(B log C);
/// - anything else (the selected row, the focus, the size): nothing.
///
/// `lookAhead(from:shouldStop:)` does the s and m work of the next arrow key before it is pressed.
public final class BatchEngine {
    private struct BatchKey: Hashable {
        var samples: Int, classes: Int, spreadSteps: Int, seed: UInt64

        /// The synthetic batch `settings` describe.
        init(_ settings: BatchSettings) {
            samples = settings.samples
            classes = settings.classes
            spreadSteps = settings.spreadSteps
            seed = settings.seed
        }
    }
    private struct LMCLKey: Hashable { var batch: BatchKey?; var scale: Double; var transform: TargetTransform }
    private struct RuleKey: Hashable {
        var batch: BatchKey?; var scale: Double; var transform: TargetTransform; var topK: Int; var unselected: UnselectedTreatment
    }

    private let fileBatch: CosineBatch?
    /// Keeps the draws of the last synthetic batch: another N, C or spread draws only what is new.
    private let maker = SyntheticBatch.Maker()
    private var batchKey: BatchKey?
    private var cachedBatch: CosineBatch?
    /// Sums for the scales used last, most recent last: stepping s back and forth
    /// (←/→ around a value) finds them here. Each costs only B row statistics.
    private var scaleCaches = RecentlyUsed<BatchScaleCache>(limit: 8)
    /// The rank counts at the margins used last, most recent last; each serves every scale of the batch.
    private var rankCountCache = RecentlyUsed<BatchRankCounts>(limit: 4)
    private var lmclKey: LMCLKey?
    private var lmclResult: BatchResult?
    private var ruleKey: RuleKey?
    private var snapshotCache: BatchSnapshot?
    /// Set while `snapshot(for:)` or `lookAhead(from:shouldStop:)` runs: the engine belongs to one
    /// thread at a time (the batch worker's), and the debug build's assertions catch a second one.
    private let inUse = Atomic<Bool>(false)

    /// `file` is a batch loaded with `--batch`; nil for synthetic batches.
    public init(file: CosineBatch? = nil) {
        self.fileBatch = file
        // Each new batch reuses the pages of the last one instead of having the kernel zero fresh ones.
        SyntheticBatch.reuseFreedMemory()
    }

    /// The batch, both losses and their summary for `state`, recomputing only what changed.
    public func snapshot(for state: ExplorerState) -> BatchSnapshot {
        assert(enter(), "a BatchEngine used from two threads at once")
        defer { assert(leave()) }
        let batch = currentBatch(state.batch)
        let key = fileBatch == nil ? batchKey : nil
        let rule = Self.rule(for: state, classCount: batch.classCount)
        let rk = RuleKey(batch: key, scale: rule.scale, transform: rule.transform, topK: rule.topK, unselected: rule.unselected)
        if let snapshotCache, rk == ruleKey { return snapshotCache }

        let cache = scaleCache(for: rule.scale, margin: rule.margin, batch: batch)
        let ranks = rankCounts(for: rule.transform, cache: cache)
        let lk = LMCLKey(batch: key, scale: rule.scale, transform: rule.transform)
        let lmcl: BatchResult
        if let lmclResult, lk == lmclKey {
            lmcl = lmclResult
        } else {
            lmcl = cache.margin(transform: rule.transform, ranks: ranks)
            lmclResult = lmcl
            lmclKey = lk
        }
        let snapshot = BatchSnapshot(batch: batch, rule: rule, lmcl: lmcl, bdlmcl: cache.bdlmcl(rule: rule, ranks: ranks))
        snapshotCache = snapshot
        ruleKey = rk
        return snapshot
    }

    /// What `lookAhead(from:shouldStop:)` computed.
    public struct LookAhead: Equatable, Sendable {
        /// The scales whose sums were computed.
        public var scales: [Double] = []
        /// The margin transforms whose rank counts were computed.
        public var transforms: [TargetTransform] = []
    }

    /// Computes, ahead of need, what the next → or ← on s or m would ask for: the per-scale sums
    /// for s one fine step up and one down from `state`'s, and the rank counts for m one step
    /// either side, as the reducer steps them (clamped to the grid). Then those keys cost no
    /// exponential pass and no counting pass, only both losses from what is held. The focused
    /// value's neighbours come first.
    ///
    /// Does nothing unless `state`'s batch and scale are those of the engine's last
    /// `snapshot(for:)`. That snapshot's scale and counts stay the most recent: a new N resizes
    /// its sums, not a neighbour's. `shouldStop` is asked before each row (from the threads of
    /// the pass) and must keep answering true once it has; a pass it stops is dropped, so the
    /// engine is as it was.
    @discardableResult
    public func lookAhead(from state: ExplorerState, shouldStop: @escaping @Sendable () -> Bool = { false }) -> LookAhead {
        assert(enter(), "a BatchEngine used from two threads at once")
        defer { assert(leave()) }
        var done = LookAhead()
        guard let current = scaleCaches.mostRecent, current.scale == state.scale, rankCountCache.mostRecent != nil else { return done }
        if fileBatch == nil, BatchKey(state.batch) != batchKey { return done }
        guard let classCount = (fileBatch ?? cachedBatch)?.classCount else { return done }
        func scales() -> Bool {
            for scale in Self.neighbourScales(of: state) where !scaleCaches.contains(where: { $0.scale == scale }) {
                if shouldStop() { return false }
                guard let cache = current.rescaled(to: scale, shouldStop: shouldStop) else { return false }
                scaleCaches.add(cache, belowMostRecent: true)
                done.scales.append(scale)
            }
            return true
        }
        func margins() -> Bool {
            for transform in Self.neighbourTransforms(of: state, classCount: classCount)
            where !rankCountCache.contains(where: { $0.counts(for: transform) }) {
                if shouldStop() { return false }
                guard let counts = current.rankCounts(transform: transform, shouldStop: shouldStop) else { return false }
                rankCountCache.add(counts, belowMostRecent: true)
                done.transforms.append(transform)
            }
            return true
        }
        if state.focus[.batch] == .margin {
            _ = margins() && scales()
        } else {
            _ = scales() && margins()
        }
        return done
    }

    /// Marks the engine in use; false when it already was (evaluated in debug builds only).
    private func enter() -> Bool {
        inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    private func leave() -> Bool {
        inUse.compareExchange(expected: true, desired: false, ordering: .releasing).exchanged
    }

    /// The scales → and ← on s lead to from `state` (fewer at either end of the grid).
    static func neighbourScales(of state: ExplorerState) -> [Double] {
        [1, -1].compactMap { direction in
            var next = state
            next.adjust(Field.scale, by: direction, coarse: false)
            return next.scale == state.scale ? nil : next.scale
        }
    }

    /// The margin transforms → and ← on m lead to from `state`, for a batch of `classCount` classes
    /// (fewer at either end of the grid, none when m does not change the transform).
    static func neighbourTransforms(of state: ExplorerState, classCount: Int) -> [TargetTransform] {
        let now = rule(for: state, classCount: classCount).transform
        return [1, -1].compactMap { direction in
            var next = state
            next.adjust(Field.margin, by: direction, coarse: false)
            let transform = rule(for: next, classCount: classCount).transform
            return transform == now ? nil : transform
        }
    }

    /// The rank counts for `transform`: held, or counted in `cache` and remembered.
    private func rankCounts(for transform: TargetTransform, cache: BatchScaleCache) -> BatchRankCounts {
        if let counts = rankCountCache.use(where: { $0.counts(for: transform) }) { return counts }
        let counts = cache.rankCounts(transform: transform)
        rankCountCache.add(counts)
        return counts
    }

    /// The transforms whose rank counts the engine holds, least recently used first (read by the tests).
    var heldTransforms: [TargetTransform] { rankCountCache.items.map(\.transform) }

    /// The scales whose sums the engine holds, least recently used first (read by the tests).
    var heldScales: [Double] { scaleCaches.items.map(\.scale) }

    /// The rule of `state` for a batch of `classCount` classes (k clamped to 2…C; C = 1 keeps k = 2).
    public static func rule(for state: ExplorerState, classCount: Int) -> BoundaryRule {
        let k = min(max(2, state.batch.topK), max(2, classCount))
        return BoundaryRule(scale: state.scale, transform: state.transform, topK: k, unselected: state.batch.unselected)
    }

    private func scaleCache(for scale: Double, margin: Double, batch: CosineBatch) -> BatchScaleCache {
        if let cache = scaleCaches.use(where: { $0.scale == scale }) { return cache }
        // The maxima and rank counts depend on the batch only: a new s redoes just the exponential sums.
        let cache = scaleCaches.mostRecent?.rescaled(to: scale) ?? BatchScaleCache(batch: batch, scale: scale, margin: margin)
        scaleCaches.add(cache)
        return cache
    }

    private func currentBatch(_ settings: BatchSettings) -> CosineBatch {
        if let fileBatch { return fileBatch }
        let key = BatchKey(settings)
        if key != batchKey || cachedBatch == nil {
            let previous = scaleCaches.mostRecent
            let batch = maker.make(samples: key.samples, classes: key.classes, spread: settings.spread, seed: key.seed)
            cachedBatch = batch
            batchKey = key
            // After N alone, the rows both batches have keep their statistics; the cache at the last
            // scale then serves that scale, or another by `rescaled(to:)`.
            scaleCaches = RecentlyUsed(limit: scaleCaches.limit)
            if maker.sharedRows > 0, let previous {
                scaleCaches.add(previous.resized(to: batch, sharedRows: maker.sharedRows))
            }
            rankCountCache = RecentlyUsed(limit: rankCountCache.limit)
            lmclResult = nil
            snapshotCache = nil
        }
        return cachedBatch!
    }
}
