import LossMath

extension Network {
    /// The loss layer on the embeddings in `workspace`: returns `Σ_i ℓ_i` over the n samples
    /// and, when `gradient` is given, writes `weight·∂ℓ_i/∂e_i` into the workspace and adds
    /// `weight·Σ_i ∂ℓ_i/∂W` into the class-weight part of `gradient`.
    ///
    /// Cosine losses (`ê = e/‖e‖`, `Ŵ_j = W_j/‖W_j‖`, `cos θ_j = Ŵ_j·ê`): LossMath's
    /// `CosineHead` gives `G_j = ∂ℓ/∂cos θ_j`; through the normalisation (NormFace, Wang et
    /// al. 2017; Docs/Math.md §2) `∂ℓ/∂e = (u − (u·ê)ê)/‖e‖` with `u = Σ_j G_j Ŵ_j`, and
    /// `∂ℓ/∂W_j = (v_j − (v_j·Ŵ_j)Ŵ_j)/‖W_j‖` with `v_j = Σ_i G_{ij} ê_i`. Both are
    /// orthogonal to the vector they differentiate, so a gradient step never shrinks it:
    /// the class directions keep ‖W_j‖ ≥ 1 from their unit start. An embedding exactly at
    /// the origin has no direction; it gets cosines 0 and no gradient.
    ///
    /// Softmax: `z_j = W_j·e`, `∂ℓ/∂z_j = p_j − 1[j=y]`, `∂ℓ/∂e = Σ_j (p_j − 1[j=y]) W_j`,
    /// `∂ℓ/∂W_j = (p_j − 1[j=y])·e`.
    func lossLayer(
        labels: UnsafeBufferPointer<Int>, count n: Int, objective: Objective, weight: Double,
        workspace: inout Workspace, gradient: UnsafeMutablePointer<Double>?
    ) -> Double {
        let c = classCount
        let w = Array(parameters[classWeights..<(classWeights + 2 * c)])
        var total = 0.0
        if let transform = objective.loss.transform(margin: objective.margin) {
            let head = CosineHead(scale: objective.scale, transform: transform)
            for j in 0..<c {
                let norm = (w[2 * j] * w[2 * j] + w[2 * j + 1] * w[2 * j + 1]).squareRoot()
                workspace.weightNorms[j] = norm
                workspace.unitWeights[2 * j] = w[2 * j] / norm
                workspace.unitWeights[2 * j + 1] = w[2 * j + 1] / norm
                workspace.unitWeightGradient[2 * j] = 0
                workspace.unitWeightGradient[2 * j + 1] = 0
            }
            for i in 0..<n {
                let e0 = workspace.embeddings[2 * i], e1 = workspace.embeddings[2 * i + 1]
                let norm = (e0 * e0 + e1 * e1).squareRoot()
                let u0 = norm > 0 ? e0 / norm : 0, u1 = norm > 0 ? e1 / norm : 0
                for j in 0..<c {
                    workspace.scores[j] = workspace.unitWeights[2 * j] * u0 + workspace.unitWeights[2 * j + 1] * u1
                }
                let result = head.evaluate(cosines: workspace.scores, target: labels[i])
                total += result.loss
                guard gradient != nil else { continue }
                var g0 = 0.0, g1 = 0.0
                for j in 0..<c {
                    let g = weight * result.gradient[j]
                    g0 += g * workspace.unitWeights[2 * j]
                    g1 += g * workspace.unitWeights[2 * j + 1]
                    workspace.unitWeightGradient[2 * j] += g * u0
                    workspace.unitWeightGradient[2 * j + 1] += g * u1
                }
                let radial = g0 * u0 + g1 * u1
                workspace.embeddingGradient[2 * i] = norm > 0 ? (g0 - radial * u0) / norm : 0
                workspace.embeddingGradient[2 * i + 1] = norm > 0 ? (g1 - radial * u1) / norm : 0
            }
            if let gradient {
                for j in 0..<c {
                    let v0 = workspace.unitWeightGradient[2 * j], v1 = workspace.unitWeightGradient[2 * j + 1]
                    let w0 = workspace.unitWeights[2 * j], w1 = workspace.unitWeights[2 * j + 1]
                    let radial = v0 * w0 + v1 * w1
                    gradient[classWeights + 2 * j] += (v0 - radial * w0) / workspace.weightNorms[j]
                    gradient[classWeights + 2 * j + 1] += (v1 - radial * w1) / workspace.weightNorms[j]
                }
            }
        } else {
            for i in 0..<n {
                let e0 = workspace.embeddings[2 * i], e1 = workspace.embeddings[2 * i + 1]
                for j in 0..<c { workspace.scores[j] = w[2 * j] * e0 + w[2 * j + 1] * e1 }
                let result = SoftmaxCrossEntropy.evaluate(logits: workspace.scores, target: labels[i])
                total += result.loss
                guard let gradient else { continue }
                var g0 = 0.0, g1 = 0.0
                for j in 0..<c {
                    let g = weight * result.gradient[j]
                    g0 += g * w[2 * j]
                    g1 += g * w[2 * j + 1]
                    gradient[classWeights + 2 * j] += g * e0
                    gradient[classWeights + 2 * j + 1] += g * e1
                }
                workspace.embeddingGradient[2 * i] = g0
                workspace.embeddingGradient[2 * i + 1] = g1
            }
        }
        return total
    }
}
