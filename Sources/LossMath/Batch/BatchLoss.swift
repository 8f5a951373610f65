/// LMCL and BD-LMCL over a batch of cosines.
///
/// Sample i's term is the LMCL loss (Wang et al., "CosFace: Large Margin Cosine Loss for
/// Deep Face Recognition", CVPR 2018) with its own margin `m_i`:
/// `ℓ_i = LSE(z_i) − z_{i,y}`, `z_{i,j} = s·(cos θ_{i,j} − m_i·1[j=y])`. The batch loss is
/// `(1/N) Σ_{i counts} ℓ_i`; its gradient row i is `(∂ℓ_i/∂cos θ_i) / N` for counting
/// samples and zero otherwise, with the selection (hence every `m_i`) held fixed.
///
/// Cost: two passes over each row while it is in cache (maximum and rank count; then
/// the exponentials, written straight into the gradient row and rescaled in place),
/// eight lanes at a time with a vectorised `exp`, no allocation per row, rows split
/// over the cores. Results do not depend on the number of threads.
public enum BatchLoss {
    /// Plain LMCL over the batch: every sample is selected, counts and gets margin m
    /// (m = 0 is NormFace). `topKError` is reported with k = 2.
    public static func lmcl(_ batch: CosineBatch, scale: Double, margin: Double, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: scale, policy: .everySample(margin: margin), gradient: gradient)
    }

    /// BD-LMCL (Li et al., "Boundary discriminative large margin cosine loss for
    /// text-independent speaker verification", ICASSP 2019) with the given rule; see `BoundaryRule`.
    public static func bdlmcl(_ batch: CosineBatch, rule: BoundaryRule, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: rule.scale, policy: .boundary(rule), gradient: gradient)
    }

    /// Which row kernels this machine runs, for benchmarks and bug reports.
    public static var kernelDescription: String { "Swift SIMD8 (baseline x86-64)" }

    static func evaluate(_ batch: CosineBatch, scale: Double, policy: MarginPolicy, gradient: Bool) -> BatchResult {
        batch.validate()
        let b = batch.sampleCount
        let c = batch.classCount
        let rankMargin = policy.rankMargin
        return batch.labels.withUnsafeBufferPointer { labelBuffer in
            batch.cosines.withUnsafeBufferPointer { cosineBuffer in
                let labels = labelBuffer.baseAddress
                let cosines = cosineBuffer.baseAddress
                // The gradient is divided by the number of counting samples, which is B unless
                // unselected samples are excluded; then a cheap rank-only pass finds it first,
                // so that each gradient row is finished while it is still in cache.
                var counting = b
                if !policy.everySampleCounts {
                    counting = 0
                    for i in 0..<b {
                        let row = cosines! + i * c
                        let y = labels![i]
                        let threshold = row[y] - rankMargin
                        let above = RowKernel.maximumAndCount(row, y, above: threshold).count
                            + RowKernel.maximumAndCount(row + y + 1, c - y - 1, above: threshold).count
                        if policy.decide(rivalsAbove: above).counts { counting += 1 }
                    }
                }
                let weight = counting > 0 ? 1 / Double(counting) : 0

                func rows(_ range: Range<Int>, outcomes: UnsafeMutablePointer<SampleOutcome>,
                          gradient: UnsafeMutablePointer<Double>?) {
                    for i in range {
                        let row = cosines! + i * c
                        let y = labels![i]
                        let output = gradient.map { $0 + i * c }
                        let statistics = RowStatistics(row: row, classCount: c, label: y, scale: scale,
                                                       rankMargin: rankMargin, output: output)
                        let (outcome, term) = policy.outcome(statistics, rivalsAbove: statistics.rivalsAbove,
                                                             scale: scale)
                        (outcomes + i).initialize(to: outcome)
                        guard let output else { continue }
                        if outcome.counts {
                            // The row holds e_j = exp(s·(cos θ_j − M)) at the rivals:
                            // p_j = e_j·rivalFactor and ∂ℓ/∂cos θ_j = s·p_j.
                            let factor = scale * term.rivalFactor * weight
                            output[y] = 0
                            for j in 0..<c { output[j] *= factor }
                            output[y] = term.targetGradient * weight
                        } else {
                            output.update(repeating: 0, count: c)
                        }
                    }
                }

                var gradientValues: [Double]? = nil
                let samples = [SampleOutcome](unsafeUninitializedCapacity: b) { outcomes, initialized in
                    let outcomesPointer = UncheckedSendable(value: outcomes.baseAddress!)
                    if gradient {
                        gradientValues = makeLargeArray(count: b * c) { values in
                            let valuesPointer = UncheckedSendable(value: values)
                            Parallel.forEachRange(count: b, work: b * c) { range in
                                rows(range, outcomes: outcomesPointer.value, gradient: valuesPointer.value)
                            }
                        }
                    } else {
                        Parallel.forEachRange(count: b, work: b * c) { range in
                            rows(range, outcomes: outcomesPointer.value, gradient: nil)
                        }
                    }
                    initialized = b
                }
                let (loss, counted) = MarginPolicy.meanLoss(samples)
                assert(counted == counting)
                return BatchResult(samples: samples, loss: loss, countingSamples: counting, gradient: gradientValues)
            }
        }
    }
}
