/// Scratch buffers of one pass over n samples, kept between epochs so that a step
/// allocates nothing of the network's size.
struct Workspace: Sendable {
    /// n×h hidden activations `a`.
    var hidden: [Double] = []
    /// n×2 embeddings `e`.
    var embeddings: [Double] = []
    /// n×2 `∂L/∂e`.
    var embeddingGradient: [Double] = []
    /// n×h `∂L/∂(pre-activation)`.
    var hiddenGradient: [Double] = []
    /// C cosines or logits of one sample.
    var scores: [Double] = []
    /// C×2 unit class directions `Ŵ_j`.
    var unitWeights: [Double] = []
    /// C norms `‖W_j‖`.
    var weightNorms: [Double] = []
    /// C×2 `∂L/∂Ŵ_j` (cosine losses) before it is carried through the normalisation.
    var unitWeightGradient: [Double] = []

    /// Sizes every buffer for `samples` rows of `network`, keeping storage that already fits.
    mutating func prepare(samples n: Int, network: Network) {
        func fit(_ buffer: inout [Double], _ count: Int) {
            if buffer.count != count { buffer = [Double](repeating: 0, count: count) }
        }
        fit(&hidden, n * network.hiddenWidth)
        fit(&hiddenGradient, n * network.hiddenWidth)
        fit(&embeddings, 2 * n)
        fit(&embeddingGradient, 2 * n)
        fit(&scores, network.classCount)
        fit(&unitWeights, 2 * network.classCount)
        fit(&weightNorms, network.classCount)
        fit(&unitWeightGradient, 2 * network.classCount)
    }
}
