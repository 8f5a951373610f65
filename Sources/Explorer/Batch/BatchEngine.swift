import LossMath

/// The numbers the batch screen shows, for one state.
public struct BatchSnapshot: Sendable {
    public let batch: CosineBatch
    /// Plain LMCL: every sample gets the margin.
    public let lmcl: BatchResult
    /// BD-LMCL with the state's rule.
    public let bdlmcl: BatchResult
}

/// Makes and remembers batches and their per-scale sums, so a keypress on the
/// batch screen recomputes only what depends on the value that changed.
///
/// Not part of the state: it is a cache of values derived from the state
/// (a synthetic batch from N, C, spread and seed; the sums from the batch and s).
public final class BatchEngine: @unchecked Sendable {
    private struct BatchKey: Hashable { var samples: Int; var classes: Int; var spreadSteps: Int; var seed: UInt64 }
    private let fileBatch: CosineBatch?
    private var batchKey: BatchKey?
    private var cachedBatch: CosineBatch?
    private var scaleCache: BatchScaleCache?
    private var scaleCacheScale: Double?

    /// `file` is a batch loaded with `--batch`; nil for synthetic batches.
    public init(file: CosineBatch? = nil) {
        self.fileBatch = file
    }

    public func snapshot(for state: ExplorerState) -> BatchSnapshot {
        let batch = currentBatch(state.batch)
        if scaleCache == nil || scaleCacheScale != state.scale {
            scaleCache = BatchScaleCache(batch: batch, scale: state.scale)
            scaleCacheScale = state.scale
        }
        let cache = scaleCache!
        let k = min(max(2, state.batch.topK), max(2, batch.classCount))
        let rule = BoundaryRule(scale: state.scale, margin: state.margin, topK: k, unselected: state.batch.unselected)
        return BatchSnapshot(batch: batch, lmcl: cache.lmcl(margin: state.margin), bdlmcl: cache.bdlmcl(rule: rule))
    }

    private func currentBatch(_ settings: BatchSettings) -> CosineBatch {
        if let fileBatch { return fileBatch }
        let key = BatchKey(samples: settings.samples, classes: settings.classes, spreadSteps: settings.spreadSteps, seed: settings.seed)
        if key != batchKey || cachedBatch == nil {
            cachedBatch = SyntheticBatch.make(samples: key.samples, classes: key.classes, spread: settings.spread, seed: key.seed)
            batchKey = key
            scaleCache = nil
        }
        return cachedBatch!
    }
}
