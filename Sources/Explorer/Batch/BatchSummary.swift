import LossMath

/// How a batch splits between the three BD-LMCL regions, under LMCL and BD-LMCL.
///
/// The loss columns are each region's share of the batch loss:
/// `L_r = (1/N_counting) Σ_{i∈r, i counts} ℓ_i`, so the three add up to the batch loss.
/// The gradient columns are `G_r = Σ_{i∈r} ‖∂ℓ_i/∂cos θ_i‖` (0 for samples that do not count),
/// where each loss spends its gradient. O(B), from the per-sample outcomes only.
public struct BatchSummary: Hashable, Sendable {
    /// One region's numbers.
    public struct Region: Hashable, Sendable {
        /// Samples in the region.
        public var count = 0
        /// The region's share of the LMCL batch loss.
        public var lmclLoss = 0.0
        /// The region's share of the BD-LMCL batch loss.
        public var bdlmclLoss = 0.0
        /// Σ of the per-sample gradient norms under LMCL.
        public var lmclGradient = 0.0
        /// Σ of the per-sample gradient norms under BD-LMCL.
        public var bdlmclGradient = 0.0
    }

    /// Indexed by `BatchRegion.rawValue`.
    public private(set) var regions = [Region](repeating: Region(), count: BatchRegion.allCases.count)
    /// The largest per-sample gradient norm under either loss (0 for an empty batch).
    public private(set) var largestGradientNorm = 0.0

    public init(lmcl: BatchResult, bdlmcl: BatchResult) {
        precondition(lmcl.samples.count == bdlmcl.samples.count, "the two results are of different batches")
        let lmclWeight = lmcl.countingSamples > 0 ? 1 / Double(lmcl.countingSamples) : 0
        let bdWeight = bdlmcl.countingSamples > 0 ? 1 / Double(bdlmcl.countingSamples) : 0
        for (a, b) in zip(lmcl.samples, bdlmcl.samples) {
            let r = BatchRegion(b).rawValue
            regions[r].count += 1
            if a.counts { regions[r].lmclLoss += a.loss * lmclWeight }
            if b.counts { regions[r].bdlmclLoss += b.loss * bdWeight }
            regions[r].lmclGradient += a.gradientNorm
            regions[r].bdlmclGradient += b.gradientNorm
            largestGradientNorm = max(
                largestGradientNorm, a.gradientNorm.isFinite ? a.gradientNorm : 0,
                b.gradientNorm.isFinite ? b.gradientNorm : 0)
        }
    }

    public subscript(region: BatchRegion) -> Region { regions[region.rawValue] }

    /// Σ of every sample's LMCL gradient norm.
    public var lmclGradientTotal: Double { regions.reduce(0) { $0 + $1.lmclGradient } }
    /// Σ of every sample's BD-LMCL gradient norm.
    public var bdlmclGradientTotal: Double { regions.reduce(0) { $0 + $1.bdlmclGradient } }
}
