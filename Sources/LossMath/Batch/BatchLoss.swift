/// LMCL and BD-LMCL over a batch of cosines.
///
/// Sample i's term is the LMCL loss (Wang et al., CosFace, CVPR 2018) with its own margin
/// `m_i`: `ℓ_i = LSE(z_i) − z_{i,y}`, `z_{i,j} = s·(cos θ_{i,j} − m_i·1[j=y])`. The batch
/// loss is `(1/N) Σ_{i counts} ℓ_i`; its gradient row i is `∂ℓ_i/∂cos θ_i / N` for counting
/// samples and zero otherwise, with the selection (hence every `m_i`) held fixed.
///
/// Cost: two passes over each row while it is in cache (maximum and rank count; then
/// the exponentials, written straight into the gradient row and rescaled in place),
/// eight lanes at a time with a vectorised `exp`; no allocation per row.
public enum BatchLoss {
    /// Plain LMCL over the batch: every sample is selected, counts and gets margin m
    /// (m = 0 is NormFace). `topKError` is reported with k = 2.
    public static func lmcl(_ batch: CosineBatch, scale: Double, margin: Double, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: scale, policy: .everySample(margin: margin), gradient: gradient)
    }

    /// BD-LMCL (Li et al., ICASSP 2019) with the given rule; see `BoundaryRule`.
    ///
    /// - Precondition: `2 ≤ rule.topK ≤ C` is not required by the mathematics and not
    ///   checked; any k ≥ 1 gives a well-defined selection.
    public static func bdlmcl(_ batch: CosineBatch, rule: BoundaryRule, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: rule.scale, policy: .boundary(rule), gradient: gradient)
    }

    static func evaluate(_ batch: CosineBatch, scale: Double, policy: MarginPolicy, gradient: Bool) -> BatchResult {
        batch.validate()
        let b = batch.sampleCount
        let c = batch.classCount
        let labels = batch.labels
        let rankMargin = policy.rankMargin
        return batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            let cosines = cosineBuffer.baseAddress!
            // The gradient is divided by the number of counting samples, which is B unless
            // unselected samples are excluded; then a cheap rank-only pass finds it first,
            // so that each gradient row is finished while it is still in cache.
            var counting = b
            if !policy.everySampleCounts {
                counting = 0
                for i in 0..<b {
                    let row = cosines + i * c
                    let y = labels[i]
                    let threshold = row[y] - rankMargin
                    let above = RowKernel.maximumAndCount(row, y, above: threshold).count
                        + RowKernel.maximumAndCount(row + y + 1, c - y - 1, above: threshold).count
                    if policy.decide(rivalsAbove: above).counts { counting += 1 }
                }
            }
            let weight = counting > 0 ? 1 / Double(counting) : 0
            var samples: [SampleOutcome] = []
            samples.reserveCapacity(b)

            func sample(_ i: Int, output: UnsafeMutablePointer<Double>?) {
                let row = cosines + i * c
                let y = labels[i]
                let statistics = RowStatistics(row: row, classCount: c, label: y, scale: scale,
                                               rankMargin: rankMargin, output: output)
                let (outcome, term) = policy.outcome(statistics, rivalsAbove: statistics.rivalsAbove, scale: scale)
                samples.append(outcome)
                guard let output else { return }
                if outcome.counts {
                    // The row holds e_j = exp(s·(cos θ_j − M)); p_j = e_j·rivalFactor, ∂ℓ/∂cos θ_j = s·p_j.
                    let factor = scale * term.rivalFactor * weight
                    for j in 0..<c { output[j] *= factor }
                    output[y] = term.targetGradient * weight
                } else {
                    output.update(repeating: 0, count: c)
                }
            }

            var gradientValues: [Double]? = nil
            if gradient {
                gradientValues = [Double](unsafeUninitializedCapacity: b * c) { buffer, initialized in
                    let out = buffer.baseAddress!
                    for i in 0..<b {
                        // The target slot is not written by the row scan; give it a value
                        // before the rescaling loop reads it.
                        out[i * c + labels[i]] = 0
                        sample(i, output: out + i * c)
                    }
                    initialized = b * c
                }
            } else {
                for i in 0..<b { sample(i, output: nil) }
            }
            let (loss, counted) = MarginPolicy.meanLoss(samples)
            assert(counted == counting)
            return BatchResult(samples: samples, loss: loss, countingSamples: counting, gradient: gradientValues)
        }
    }
}
