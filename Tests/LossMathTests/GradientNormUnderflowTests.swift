import Foundation
import LossMath
import Testing

/// ‖∂ℓ_i/∂cos θ_i‖ keeps its value when 1 − p_y is far below 1e−154 (its square underflows).
@Suite("Gradient norms without underflow")
struct GradientNormUnderflowTests {
    @Test func theIssuesSampleHasItsTrueNorm() {
        // NormFace, s = 1000, cosines (0.691, 0.3), target 0: with two classes the gradient is
        // s·(−p_1, p_1), so the norm is √2·s·p_1, p_1 = e^{−391}/(1 + e^{−391}).
        // 2.1946869115967586e−167 from mpmath at 50 digits.
        let batch = CosineBatch(labels: [0], cosines: [0.691, 0.3], classCount: 2)
        let norm = BatchLoss.lmcl(batch, scale: 1000, margin: 0, gradient: false).samples[0].gradientNorm
        #expect(abs(norm - 2.1946869115967586e-167) <= 1e-12 * 2.1946869115967586e-167, "\(norm)")
        let cached = BatchScaleCache(batch: batch, scale: 1000).lmcl(margin: 0).samples[0].gradientNorm
        #expect(cached == norm)
    }

    @Test func twoClassNormsAreRootTwoTimesSTimesTheRivalProbabilityAtEveryDistance() {
        // p_1 = e^{−sΔ}/(1 + e^{−sΔ}) in Double is exact to a few ulps for sΔ ≤ 700 (e^{−700} ≈ 1e−304).
        for step in 1...70 {
            let delta = Double(step) / 100
            let s = 1000.0
            let e = exp(-s * delta)
            let expected = 2.0.squareRoot() * s * e / (1 + e)
            let batch = CosineBatch(labels: [0], cosines: [delta / 2, -delta / 2], classCount: 2)
            let rule = BoundaryRule(scale: s, margin: 0, topK: 2)
            let norm = BatchLoss.bdlmcl(batch, rule: rule, gradient: true).samples[0].gradientNorm
            #expect(abs(norm - expected) <= 1e-12 * expected, "Δ = \(delta): \(norm) vs \(expected)")
        }
    }
}
