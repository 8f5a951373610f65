/// A cosine-softmax head evaluated on a raw feature and raw class weights.
public struct FeatureLossResult: Equatable, Sendable {
    /// The head on the cosines `cos θ_j = Ŵ_j·x̂`.
    public var cosineResult: CosineLossResult
    /// `∂L/∂x`, length d.
    public var featureGradient: [Double]
    /// `∂L/∂W_j`, C rows of length d.
    public var weightGradients: [[Double]]

    public init(cosineResult: CosineLossResult, featureGradient: [Double], weightGradients: [[Double]]) {
        self.cosineResult = cosineResult
        self.featureGradient = featureGradient
        self.weightGradients = weightGradients
    }
}

extension CosineHead {
    /// Evaluates the head on a raw feature `x ∈ R^d` and class weights `W_j ∈ R^d`,
    /// with the gradients carried back through the normalisation.
    ///
    /// With `G_j = ∂L/∂cos θ_j`, `x̂ = x/‖x‖`, `Ŵ_j = W_j/‖W_j‖`
    /// (the L2-normalisation layer of NormFace, Wang et al. 2017):
    /// `∂L/∂x = (Σ_j G_j Ŵ_j − (Σ_j G_j cos θ_j)·x̂) / ‖x‖`,
    /// `∂L/∂W_j = G_j·(x̂ − cos θ_j·Ŵ_j) / ‖W_j‖`.
    ///
    /// Properties: `x·∂L/∂x = 0` and `W_j·∂L/∂W_j = 0` (the loss only rotates its
    /// arguments), and both shrink as `1/‖x‖`, `1/‖W_j‖`.
    /// Where `∂L/∂cos θ_y` is unbounded (a cone point of `f`, at `θ_y = 0` or `π`) the
    /// direction `Ŵ_y − cos θ_y·x̂` vanishes with it; the target's terms use the
    /// subgradient 0 there, so the gradients stay finite.
    ///
    /// - Precondition: `x` and every `W_j` are non-zero and of equal length;
    ///   `0 ≤ target < weights.count`.
    public func evaluate(feature: [Double], weights: [[Double]], target: Int) -> FeatureLossResult {
        let d = feature.count
        let featureNorm = Geometry.norm(feature)
        precondition(featureNorm > 0, "the feature is the zero vector; it has no direction")
        let weightNorms = weights.map { w in
            precondition(w.count == d, "weight row has \(w.count) entries, feature has \(d)")
            let n = Geometry.norm(w)
            precondition(n > 0, "a class weight is the zero vector; it has no direction")
            return n
        }
        let cosines = Geometry.cosines(feature: feature, weights: weights)
        let result = evaluate(cosines: cosines, target: target)
        var g = result.gradient
        if result.targetCosineGradient == nil { g[target] = 0 }
        let unitFeature = feature.map { $0 / featureNorm }

        var featureGradient = [Double](repeating: 0, count: d)
        var radial = 0.0
        var weightGradients: [[Double]] = []
        weightGradients.reserveCapacity(weights.count)
        for j in weights.indices {
            radial += g[j] * cosines[j]
            var row = [Double](repeating: 0, count: d)
            for i in 0..<d {
                let unitWeight = weights[j][i] / weightNorms[j]
                featureGradient[i] += g[j] * unitWeight
                row[i] = g[j] * (unitFeature[i] - cosines[j] * unitWeight) / weightNorms[j]
            }
            weightGradients.append(row)
        }
        for i in 0..<d {
            featureGradient[i] = (featureGradient[i] - radial * unitFeature[i]) / featureNorm
        }
        return FeatureLossResult(
            cosineResult: result, featureGradient: featureGradient,
            weightGradients: weightGradients)
    }
}
