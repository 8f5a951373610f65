import LossMath

/// Everything the single-sample screens show, derived from the state when drawn.
///
/// Never stored in the state: recomputing it costs microseconds, and a value
/// that is derived cannot go stale.
public struct Evaluation: Sendable {
    /// Softmax screen: cross-entropy of the logits.
    public let softmax: SoftmaxResult
    /// Cosine screen: NormFace (m = 0) on the cosines.
    public let normFace: CosineLossResult
    /// LMCL (CosFace) with the state's s and m, whatever margin is chosen (the lessons quote it).
    public let lmcl: CosineLossResult
    /// Cosine screen: the chosen margin (`ExplorerState.transform`) with the state's parameters.
    public let margined: CosineLossResult
    /// Geometry screen: the chosen margin through the normalisation of 2-D x and W_j.
    public let geometry: FeatureLossResult
    /// Geometry screen: NormFace on the same picture.
    public let geometryNormFace: CosineLossResult
    /// The 2-D feature x (unit length) and class weights W_j (unit length).
    public let feature: [Double]
    public let weights: [[Double]]

    public init(_ state: ExplorerState) {
        softmax = SoftmaxCrossEntropy.evaluate(logits: state.logits, target: state.target)
        let cosines = state.cosines
        normFace = CosineHead.normFace(scale: state.scale).evaluate(cosines: cosines, target: state.target)
        lmcl = CosineHead.cosFace(scale: state.scale, margin: state.margin).evaluate(cosines: cosines, target: state.target)
        let head = CosineHead(scale: state.scale, transform: state.transform)
        margined = state.marginType == .cosFace ? lmcl : head.evaluate(cosines: cosines, target: state.target)
        let fx = ValueGrid.direction.value(state.featureDirectionSteps)
        feature = Self.unitVector(degrees: fx)
        weights = state.weightDirectionSteps.map { Self.unitVector(degrees: ValueGrid.direction.value($0)) }
        geometry = head.evaluate(feature: feature, weights: weights, target: state.target)
        geometryNormFace = CosineHead.normFace(scale: state.scale)
            .evaluate(cosines: geometry.cosineResult.cosines, target: state.target)
    }

    /// (cos φ, sin φ) as a 2-D vector for `LossMath`.
    static func unitVector(degrees: Double) -> [Double] {
        let u = ExplorerState.unitVector(degrees: degrees)
        return [u.x, u.y]
    }
}
