extension Network {
    /// The mean loss `L = (1/n) Σ_i ℓ_i` over `n` samples and its gradient with respect to
    /// every parameter, written into `gradient` (same layout as `parameters`).
    ///
    /// Backpropagation by hand, from the loss layer's `∂L/∂e_i` down:
    /// `∂L/∂W₂[k,·] = Σ_i a_{ik}·∂L/∂e_i`, `∂L/∂b₂ = Σ_i ∂L/∂e_i`,
    /// `δ_{ik} = (Σ_c W₂[k,c]·∂L/∂e_{ic})·act′(a_{ik})`,
    /// `∂L/∂W₁[r,·] = Σ_i x_{ir}·δ_i`, `∂L/∂b₁ = Σ_i δ_i`.
    ///
    /// - Precondition: `inputs` holds `n·d` values, `labels` n class indices, n ≥ 1.
    func lossAndGradient(
        inputs: UnsafeBufferPointer<Double>, labels: UnsafeBufferPointer<Int>, count n: Int,
        objective: Objective, workspace: inout Workspace, gradient: inout [Double]
    ) -> Double {
        precondition(n >= 1, "a step needs at least one sample")
        let d = inputCount, h = hiddenWidth
        workspace.prepare(samples: n, network: self)
        if gradient.count != parameters.count { gradient = [Double](repeating: 0, count: parameters.count) }
        embed(inputs, count: n, workspace: &workspace)
        let weight = 1 / Double(n)
        return gradient.withUnsafeMutableBufferPointer { gradientBuffer in
            let g = gradientBuffer.baseAddress!
            g.update(repeating: 0, count: parameters.count)
            let total = lossLayer(
                labels: labels, count: n, objective: objective, weight: weight,
                workspace: &workspace, gradient: g)
            parameters.withUnsafeBufferPointer { p in
                let w2 = p.baseAddress! + secondWeights
                let gw1 = g + firstWeights, gb1 = g + firstBias, gw2 = g + secondWeights, gb2 = g + secondBias
                workspace.hidden.withUnsafeBufferPointer { hiddenBuffer in
                    workspace.hiddenGradient.withUnsafeMutableBufferPointer { deltaBuffer in
                        workspace.embeddingGradient.withUnsafeBufferPointer { embeddingGradient in
                            let x = inputs.baseAddress!
                            for i in 0..<n {
                                let de0 = embeddingGradient[2 * i], de1 = embeddingGradient[2 * i + 1]
                                gb2[0] += de0
                                gb2[1] += de1
                                let a = hiddenBuffer.baseAddress! + i * h
                                let delta = deltaBuffer.baseAddress! + i * h
                                for k in 0..<h {
                                    gw2[2 * k] += a[k] * de0
                                    gw2[2 * k + 1] += a[k] * de1
                                    delta[k] = (w2[2 * k] * de0 + w2[2 * k + 1] * de1) * activation.derivative(output: a[k])
                                    gb1[k] += delta[k]
                                }
                            }
                            MatrixKernels.addOuterProducts(x, samples: n, inputs: d, deltaBuffer.baseAddress!, columns: h, into: gw1)
                        }
                    }
                }
            }
            return total * weight
        }
    }
}
