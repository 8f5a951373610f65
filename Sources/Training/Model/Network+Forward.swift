extension Network {
    /// Computes the hidden activations and the 2-D embeddings of `n` samples into `workspace`.
    ///
    /// `a_i = act(b₁ + Σ_r x_{ir}·W₁[r,·])` (by `MatrixKernels`), `e_i = b₂ + Σ_k a_{ik}·W₂[k,·]`.
    ///
    /// - Precondition: `inputs` holds `n·d` values; `workspace` is prepared for `n` samples.
    func embed(_ inputs: UnsafeBufferPointer<Double>, count n: Int, workspace: inout Workspace) {
        let d = inputCount, h = hiddenWidth
        precondition(inputs.count >= n * d, "\(inputs.count) input values for \(n) samples of dimension \(d)")
        parameters.withUnsafeBufferPointer { p in
            let w1 = p.baseAddress! + firstWeights, b1 = p.baseAddress! + firstBias
            let w2 = p.baseAddress! + secondWeights, b2 = p.baseAddress! + secondBias
            workspace.hidden.withUnsafeMutableBufferPointer { hiddenBuffer in
                workspace.embeddings.withUnsafeMutableBufferPointer { embeddingBuffer in
                    let e = embeddingBuffer.baseAddress!
                    let hidden = hiddenBuffer.baseAddress!
                    for i in 0..<n { (hidden + i * h).update(from: b1, count: h) }
                    MatrixKernels.addRowProducts(inputs.baseAddress!, samples: n, inputs: d, w1, columns: h, into: hidden)
                    for i in 0..<n {
                        let a = hidden + i * h
                        activation.apply(a, count: h)
                        var e0 = b2[0], e1 = b2[1]
                        for k in 0..<h {
                            e0 += a[k] * w2[2 * k]
                            e1 += a[k] * w2[2 * k + 1]
                        }
                        e[2 * i] = e0
                        e[2 * i + 1] = e1
                    }
                }
            }
        }
    }
}
