/// LMCL and BD-LMCL over a batch of cosines.
///
/// Sample i's term is the LMCL loss (Wang et al., "CosFace: Large Margin Cosine Loss for
/// Deep Face Recognition", CVPR 2018), or any margin of the family, with its own transform `f_i`:
/// `ℓ_i = LSE(z_i) − z_{i,y}`, `z_{i,y} = s·f_i(cos θ_{i,y})`, `z_{i,j} = s·cos θ_{i,j}` (j ≠ y);
/// `f_i(c) = c − m_i` for LMCL. The batch loss is `(1/N) Σ_{i counts} ℓ_i`; its gradient row i
/// is `(∂ℓ_i/∂cos θ_i) / N` for counting samples and zero otherwise, with the selection
/// (hence every `f_i`) held fixed. Where `f′(cos θ_y)` is unbounded (ArcFace at `cos θ_y = 1`)
/// the target's gradient entry and the sample's gradient norm are `+∞`/`−∞`, as `CosineHead` reports.
///
/// Cost: two passes over each row while it is in cache (maximum and rank count; then
/// the exponentials, into a scratch row), and one scaling the scratch row into the
/// gradient row; eight lanes at a time with a vectorised `exp`, no allocation per row,
/// rows split over the cores. Results do not depend on the number of threads.
/// The rows of a range are pipelined: a row's exponential pass also prefetches the next row
/// and writes the previous row's gradient, so memory and arithmetic overlap (the same bits).
/// Without `gradient: true` no B×C memory is written at all (only the per-sample terms).
/// The gradient is a `GradientMatrix` whose memory is pooled (`GradientPool`): once the previous
/// result's gradient is released, a new one reuses its already-touched memory, so a fresh
/// gradient costs about what writing `into:` a kept array does.
public enum BatchLoss {
    /// Plain LMCL over the batch: every sample is selected, counts and gets margin m
    /// (m = 0 is NormFace). `topKError` is reported with k = 2.
    public static func lmcl(_ batch: CosineBatch, scale: Double, margin: Double, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: scale, policy: .everySample(.additiveCosine(margin: margin)), gradient: gradient)
    }

    /// Every sample gets the target logit `s·f(cos θ_y)`: NormFace, LMCL, ArcFace, SphereFace or
    /// the combined margin over the batch (`topKError` is reported with k = 2).
    public static func margin(_ batch: CosineBatch, scale: Double, transform: TargetTransform, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: scale, policy: .everySample(transform), gradient: gradient)
    }

    /// BD-LMCL (Li et al., "Boundary discriminative large margin cosine loss for
    /// text-independent speaker verification", ICASSP 2019) with the given rule; see `BoundaryRule`.
    public static func bdlmcl(_ batch: CosineBatch, rule: BoundaryRule, gradient: Bool) -> BatchResult {
        evaluate(batch, scale: rule.scale, policy: .boundary(rule), gradient: gradient)
    }

    /// `lmcl(batch, scale: scale, margin: margin, gradient: true)` with the gradient written
    /// into `gradient` instead of a fresh array (the result's `gradient` is nil).
    ///
    /// `gradient` is resized to B×C if it has another size; otherwise its storage is reused,
    /// which saves faulting in B×C·8 bytes of new memory on every call (49 MB at 1024×5994,
    /// a third of the whole computation). The numbers are identical to the allocating call.
    /// (The allocating call saves the same through its pool as long as the previous result's
    /// gradient has been released; `into:` suits a caller that wants a plain array it owns.)
    public static func lmcl(_ batch: CosineBatch, scale: Double, margin: Double, into gradient: inout [Double]) -> BatchResult {
        evaluate(batch, scale: scale, policy: .everySample(.additiveCosine(margin: margin)), into: &gradient)
    }

    /// `bdlmcl(batch, rule: rule, gradient: true)` with the gradient written into `gradient`;
    /// see `lmcl(_:scale:margin:into:)`.
    public static func bdlmcl(_ batch: CosineBatch, rule: BoundaryRule, into gradient: inout [Double]) -> BatchResult {
        evaluate(batch, scale: rule.scale, policy: .boundary(rule), into: &gradient)
    }

    /// Which row kernels this machine runs, for benchmarks and bug reports.
    public static var kernelDescription: String { RowKernel.variant.rawValue }

    /// The batch loss, with its gradient in a matrix from `pool` when `gradient` is true.
    static func evaluate(
        _ batch: CosineBatch, scale: Double, policy: MarginPolicy, gradient: Bool,
        variant: RowKernel.Variant = RowKernel.variant, pool: GradientPool = .shared, pipelined: Bool = true
    ) -> BatchResult {
        batch.validate()
        guard gradient else {
            return evaluate(batch, scale: scale, policy: policy, output: nil, variant: variant, pipelined: pipelined)
        }
        var result: BatchResult?
        let values = GradientMatrix(rows: batch.sampleCount, columns: batch.classCount, pool: pool) { output in
            result = evaluate(batch, scale: scale, policy: policy, output: output, variant: variant, pipelined: pipelined)
        }
        result!.gradient = values
        return result!
    }

    static func evaluate(
        _ batch: CosineBatch, scale: Double, policy: MarginPolicy, into gradient: inout [Double],
        variant: RowKernel.Variant = RowKernel.variant
    ) -> BatchResult {
        batch.validate()
        let count = batch.sampleCount * batch.classCount
        if gradient.count != count {
            var result: BatchResult?
            gradient = makeLargeArray(count: count) { output in
                result = evaluate(batch, scale: scale, policy: policy, output: output, variant: variant)
            }
            return result!
        }
        return gradient.withUnsafeMutableBufferPointer { buffer in
            evaluate(batch, scale: scale, policy: policy, output: buffer.baseAddress, variant: variant)
        }
    }

    /// The batch loss, writing every element of the B×C gradient to `output` when given.
    /// The result's `gradient` is nil. `pipelined: false` runs the rows without pipelined
    /// the next one (the same bits, slower; kept for the tests that compare the two).
    private static func evaluate(
        _ batch: CosineBatch, scale: Double, policy: MarginPolicy,
        output gradient: UnsafeMutablePointer<Double>?,
        variant: RowKernel.Variant, pipelined: Bool = true
    ) -> BatchResult {
        let b = batch.sampleCount
        let c = batch.classCount
        return batch.labels.withUnsafeBufferPointer { labelBuffer in
            batch.cosines.withUnsafeBufferPointer { cosineBuffer in
                let labels = labelBuffer.baseAddress
                let cosines = cosineBuffer.baseAddress
                // The gradient is divided by the number of counting samples, which is B unless
                // unselected samples are excluded; then a cheap rank-only pass finds it first,
                // so that each gradient row is finished while it is still in cache. That pass
                // reads all B×C cosines too, so it is split over the cores like the main one
                // (an integer count per range, added afterwards: the same for any split).
                var counting = b
                if !policy.everySampleCounts {
                    let countsPerRow = [Int](unsafeUninitializedCapacity: b) { perRow, initialized in
                        let target = UncheckedSendable(value: perRow.baseAddress!)
                        Parallel.forEachRange(count: b, work: b * c) { range in
                            for i in range {
                                let row = cosines! + i * c
                                let y = labels![i]
                                let threshold = policy.rankThreshold(targetCosine: row[y])
                                let above =
                                    RowKernel.maximumAndCount(row, c, excluding: y, above: threshold, variant: variant).count
                                (target.value + i).initialize(to: policy.decide(rivalsAbove: above).counts ? 1 : 0)
                            }
                        }
                        initialized = b
                    }
                    counting = countsPerRow.reduce(0, +)
                }
                let weight = counting > 0 ? 1 / Double(counting) : 0
                let streaming = RowKernel.streams(bytes: b * c * MemoryLayout<Double>.stride)

                func rows(
                    _ range: Range<Int>, outcomes: UnsafeMutablePointer<SampleOutcome>,
                    gradient: UnsafeMutablePointer<Double>?
                ) {
                    // The exponentials of one row go to a scratch row that stays in cache, and are
                    // scaled from there into the gradient. Pipelined, that copy is done during the
                    // next row's exponential pass (which also prefetches the row after), so the
                    // scratch rows alternate: two per range, not per row.
                    // Each scratch row starts where its cosine row does within a 64-byte cache line, so that
                    // the exponential pass, which loads whole lines of the cosines, also stores whole lines.
                    let scratchStride = c + 8
                    let scratches =
                        gradient == nil
                        ? nil
                        : UnsafeMutableRawPointer.allocate(byteCount: 2 * scratchStride * 8, alignment: 64)
                            .bindMemory(to: Double.self, capacity: 2 * scratchStride)
                    defer { scratches.map { UnsafeMutableRawPointer($0).deallocate() } }
                    // Each row's statistics, decision and partial term, completed after the rows.
                    let unfinished = UnsafeMutablePointer<(RowStatistics, MarginPolicy.Decision, RowTerm.Partial)>
                        .allocate(capacity: range.count)
                    defer { unfinished.deallocate() }
                    // The previous row's copy, still to do, and its target entry, written after it.
                    var pending: (copy: RowKernel.RowCopy, target: UnsafeMutablePointer<Double>, value: Double)?
                    for i in range {
                        let row = cosines! + i * c
                        let y = labels![i]
                        let scratch = scratches.map { $0 + (i & 1) * scratchStride + (Int(bitPattern: row) & 63) >> 3 }
                        let rank = policy.kernelRankMargin(targetCosine: row[y])
                        // The next row of the range is prefetched during this row's exponentials.
                        let statistics = RowStatistics(
                            row: row, classCount: c, label: y, scale: scale,
                            rankMargin: rank.rankMargin, output: scratch,
                            nextRow: pipelined && i + 1 < range.upperBound ? UnsafePointer(row + c) : nil,
                            copying: pending?.copy, variant: variant)
                        if let previous = pending {
                            // Streaming stores are weakly ordered; ordinary ones need no fence.
                            if streaming { RowKernel.storeFence() }
                            previous.target.pointee = previous.value
                            pending = nil
                        }
                        var rivalsAbove = statistics.rivalsAbove
                        if !rank.exact {
                            // c_y − (c_y − f) missed f(c_y) by a rounding: count against f(c_y) itself.
                            let threshold = policy.rankThreshold(targetCosine: row[y])
                            rivalsAbove =
                                RowKernel.maximumAndCount(row, c, excluding: y, above: threshold, variant: variant).count
                        }
                        // Only what the gradient needs now; the rest of the term (the loss's log, the
                        // gradient norm) is completed for the whole range below.
                        let decision = policy.decide(rivalsAbove: rivalsAbove)
                        let partial = RowTerm.Partial(
                            scale: scale, transform: decision.transform, targetCosine: statistics.targetCosine,
                            rivalCosine: statistics.rivalCosine, rivalSum: statistics.rivalSum)
                        (unfinished + (i - range.lowerBound)).initialize(to: (statistics, decision, partial))
                        guard let output = gradient.map({ $0 + i * c }), let scratch else { continue }
                        if decision.counts {
                            // The scratch row holds e_j = exp(s·(cos θ_j − M)) at the rivals:
                            // p_j = e_j·rivalFactor and ∂ℓ/∂cos θ_j = s·p_j.
                            let factor = scale * partial.rivalFactor * weight
                            scratch[y] = 0
                            let copy = RowKernel.RowCopy(
                                source: scratch, count: c, factor: factor, target: output, streaming: streaming)
                            let targetEntry = partial.targetGradient(scale: scale) * weight
                            if pipelined && i + 1 < range.upperBound {
                                pending = (copy, output + y, targetEntry)
                            } else {
                                RowKernel.scaledCopy(scratch, c, by: factor, to: output, streaming: streaming, variant: variant)
                                output[y] = targetEntry
                            }
                        } else {
                            output.update(repeating: 0, count: c)
                        }
                    }
                    assert(pending == nil)
                    // The terms completed and the outcomes written: the rows' logs and square roots are
                    // independent of one another here, so they overlap.
                    for k in 0..<range.count {
                        let (statistics, decision, partial) = unfinished[k]
                        let term = RowTerm(completing: partial, scale: scale, rivalSquareSum: statistics.rivalSquareSum)
                        (outcomes + range.lowerBound + k).initialize(
                            to: MarginPolicy.sampleOutcome(statistics, decision, term))
                    }
                }

                let samples = [SampleOutcome](unsafeUninitializedCapacity: b) { outcomes, initialized in
                    let outcomesPointer = UncheckedSendable(value: outcomes.baseAddress!)
                    let gradientPointer = UncheckedSendable(value: gradient)
                    Parallel.forEachRange(count: b, work: b * c) { range in
                        rows(range, outcomes: outcomesPointer.value, gradient: gradientPointer.value)
                    }
                    initialized = b
                }
                let (loss, counted) = MarginPolicy.meanLoss(samples)
                assert(counted == counting)
                return BatchResult(samples: samples, loss: loss, countingSamples: counting, gradient: nil)
            }
        }
    }
}
