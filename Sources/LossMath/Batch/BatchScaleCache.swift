/// Everything a batch loss needs that depends on the batch and the scale only, so that
/// changing the margin m or the BD-LMCL k costs O(B log C) instead of O(B·C) exponentials.
///
/// Per sample i it keeps the target cosine `c_y`, the rival maximum `M = max_{j≠y} c_j` and
/// its class, `S = Σ_{j≠y} e^{s(c_j−M)}`, `T = Σ_{j≠y} e^{2s(c_j−M)}`, and the rival cosines
/// sorted ascending. For a margin transform f (`f(c) = c − m` for LMCL), with
/// `e_y = e^{s(f(c_y)−M)}` and `Z = S + e_y`:
/// `ℓ_i = log Z − s(f(c_y) − M)`, `p_y = e_y/Z`, `Σ_{j≠y} p_j² = T/Z²`,
/// `‖∂ℓ_i/∂cos θ_i‖ = s·sqrt(T/Z² + (1 − p_y)²·f′(c_y)²)`, and the rank
/// `1 + #{j≠y : c_j > f(c_y)}` is a binary search in the sorted rivals.
/// Results are identical to `BatchLoss` without the gradient (same sums, same order).
///
/// Cost: `init` is one exponential pass plus a radix sort of every row, O(B·C);
/// `rescaled(to:)` reuses the sorted rows and the rival maxima and redoes only the
/// exponential pass.
public struct BatchScaleCache: Sendable {
    /// `s`.
    public let scale: Double
    let batch: CosineBatch
    let statistics: [RowStatistics]
    /// Row i's C − 1 rival cosines, ascending, at `i*(C−1) ..< (i+1)*(C−1)`.
    let sortedRivals: [Double]

    public init(batch: CosineBatch, scale: Double) {
        batch.validate()
        let b = batch.sampleCount
        let c = batch.classCount
        let width = c - 1
        let sorted = batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            let cosines = UncheckedSendable(value: cosineBuffer.baseAddress!)
            return makeLargeArray(count: b * width) { buffer in
                let sortedPointer = UncheckedSendable(value: buffer)
                Parallel.forEachRange(count: b, work: b * c * 8) { range in
                    let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * width)
                    defer { scratch.deallocate() }
                    for i in range {
                        let row = cosines.value + i * c
                        let y = batch.labels[i]
                        let out = sortedPointer.value + i * width
                        out.initialize(from: row, count: y)
                        (out + y).initialize(from: row + y + 1, count: c - y - 1)
                        RadixSort.sort(out, count: width, scratch: scratch)
                    }
                }
            }
        }
        self.init(batch: batch, scale: scale, sortedRivals: sorted)
    }

    /// `previous`: the statistics of this batch at another scale, whose rival maxima,
    /// classes and rank counts (which do not depend on s) are kept.
    init(batch: CosineBatch, scale: Double, sortedRivals: [Double], previous: [RowStatistics]? = nil) {
        let c = batch.classCount
        self.scale = scale
        self.batch = batch
        self.sortedRivals = sortedRivals
        self.statistics = batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            let cosines = UncheckedSendable(value: cosineBuffer.baseAddress!)
            return [RowStatistics](unsafeUninitializedCapacity: batch.sampleCount) { buffer, initialized in
                let out = UncheckedSendable(value: buffer.baseAddress!)
                Parallel.forEachRange(count: batch.sampleCount, work: batch.sampleCount * c) { range in
                    for i in range {
                        let row = cosines.value + i * c
                        (out.value + i).initialize(to: previous.map {
                            RowStatistics(rescaling: $0[i], row: row, classCount: c, scale: scale)
                        } ?? RowStatistics(row: row, classCount: c, label: batch.labels[i],
                                           scale: scale, rankMargin: 0, output: nil))
                    }
                }
                initialized = batch.sampleCount
            }
        }
    }

    /// The same batch at another scale, reusing the sorted rivals and the rival maxima
    /// (one exponential pass, no sorting, no search for maxima).
    public func rescaled(to scale: Double) -> BatchScaleCache {
        BatchScaleCache(batch: batch, scale: scale, sortedRivals: sortedRivals, previous: statistics)
    }

    /// `BatchLoss.lmcl(batch, scale: scale, margin: margin, gradient: false)`, in O(B log C).
    public func lmcl(margin: Double) -> BatchResult {
        evaluate(policy: .everySample(.additiveCosine(margin: margin)))
    }

    /// `BatchLoss.margin(batch, scale: scale, transform: transform, gradient: false)`, in O(B log C).
    public func margin(transform: TargetTransform) -> BatchResult {
        evaluate(policy: .everySample(transform))
    }

    /// `BatchLoss.bdlmcl(batch, rule: rule, gradient: false)`, in O(B log C).
    ///
    /// - Precondition: `rule.scale == scale`.
    public func bdlmcl(rule: BoundaryRule) -> BatchResult {
        precondition(rule.scale == scale, "the rule's scale \(rule.scale) is not the cache's \(scale)")
        return evaluate(policy: .boundary(rule))
    }

    func evaluate(policy: MarginPolicy) -> BatchResult {
        let width = batch.classCount - 1
        let samples = sortedRivals.withUnsafeBufferPointer { sorted in
            statistics.indices.map { i in
                let row = sorted.baseAddress! + i * width
                let threshold = policy.rankThreshold(targetCosine: statistics[i].targetCosine)
                // First position holding a value > threshold; the rest are the rivals above it.
                var low = 0
                var high = width
                while low < high {
                    let middle = (low + high) / 2
                    if row[middle] > threshold { high = middle } else { low = middle + 1 }
                }
                return policy.outcome(statistics[i], rivalsAbove: width - low, scale: scale).0
            }
        }
        let (loss, counting) = MarginPolicy.meanLoss(samples)
        return BatchResult(samples: samples, loss: loss, countingSamples: counting, gradient: nil)
    }
}
