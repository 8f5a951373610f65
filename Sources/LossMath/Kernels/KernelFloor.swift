/// Lower bounds on the batch loss's time, measured on the machine itself.
///
/// LMCL with the full gradient over B×C cosines must at least take one exponential per
/// cosine and read B×C doubles and write B×C doubles. Each probe below does only that
/// part, with the same row kernels, the same row split over the cores and no selection,
/// ranks or per-sample terms, so `max(exponentials, stream)` is a floor no implementation
/// of the loss on that machine can beat by much, and a benchmark can report how far the
/// real loss is from it on any machine instead of against a fixed number.
public enum KernelFloor {
    /// `Σ_ij exp(s·(c_ij − 1))` over every cosine: the exponentials alone (nothing written).
    ///
    /// `s·(c − 1) ≤ 0` for cosines, the range the loss's shifted exponentials take.
    public static func exponentials(_ batch: CosineBatch, scale: Double) -> Double {
        let b = batch.sampleCount, c = batch.classCount
        var partial = [Double](repeating: 0, count: b)
        batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            partial.withUnsafeMutableBufferPointer { partialBuffer in
                let pointers = UncheckedSendable(value: (cosineBuffer.baseAddress!, partialBuffer.baseAddress!))
                Parallel.forEachRange(count: b, work: b * c) { range in
                    let (cosines, sums) = pointers.value
                    for i in range {
                        let row = RowKernel.exponentialSums(cosines + i * c, c, shift: 1, scale: scale, output: nil)
                        sums[i] = row.sum.sum()
                    }
                }
            }
        }
        return partial.reduce(0, +)
    }

    /// `output[ij] = factor·c_ij` for every cosine: reading B×C doubles and writing B×C,
    /// with the stores the gradient uses (non-temporal on AVX2 when B×C doubles do not fit in the
    /// cache: `RowKernel.streams(bytes:)`). `output` is resized to B×C if needed.
    public static func stream(_ batch: CosineBatch, factor: Double, into output: inout [Double]) {
        let b = batch.sampleCount, c = batch.classCount
        if output.count != b * c { output = [Double](repeating: 0, count: b * c) }
        let streaming = RowKernel.streams(bytes: b * c * MemoryLayout<Double>.stride)
        batch.cosines.withUnsafeBufferPointer { cosineBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                let pointers = UncheckedSendable(value: (cosineBuffer.baseAddress!, outputBuffer.baseAddress!))
                Parallel.forEachRange(count: b, work: b * c) { range in
                    let (cosines, target) = pointers.value
                    for i in range {
                        RowKernel.scaledCopy(cosines + i * c, c, by: factor, to: target + i * c, streaming: streaming)
                    }
                }
            }
        }
    }
}
