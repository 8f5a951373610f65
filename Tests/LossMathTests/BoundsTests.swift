import Foundation
import LossMath
import Testing

@Suite("CosFace bounds")
struct BoundsTests {
    @Test func planarMarginBoundForEightClassesIsOneMinusHalfRootTwo() {
        // 2π/8 = π/4 and cos(π/4) = √2/2.
        #expect(abs(CosFaceBounds.maximumMarginPlanar(classes: 8) - 0.29289321881345254) < 1e-15)
        #expect(abs(CosFaceBounds.maximumMarginPlanar(classes: 4) - 1) < 1e-15)  // cos(π/2) = 0
        #expect(abs(CosFaceBounds.maximumMarginPlanar(classes: 2) - 2) < 1e-15)  // cos(π) = −1
    }

    @Test func highDimensionalMarginBoundIsCOverCMinusOne() {
        #expect(CosFaceBounds.maximumMarginHighDimensional(classes: 2) == 2)
        #expect(CosFaceBounds.maximumMarginHighDimensional(classes: 10) == 10.0 / 9.0)
        #expect(CosFaceBounds.maximumMarginHighDimensional(classes: 1) == .infinity)
    }

    @Test func minimumScaleMatchesHandValues() {
        // C = 2, P = e/(1+e): (C−1)P/(1−P) = e, so s = ½·ln e = ½.
        let p = Foundation.exp(1.0) / (1 + Foundation.exp(1.0))
        #expect(abs(CosFaceBounds.minimumScale(classes: 2, targetProbability: p) - 0.5) < 1e-14)
        // C = 10, P = 0.9: 9/10 · ln(9·9) = 0.9 · 4.394449154672439.
        #expect(abs(CosFaceBounds.minimumScale(classes: 10, targetProbability: 0.9) - 3.9550042392051954) < 1e-13)
        // P = 1/C needs no scale at all.
        #expect(abs(CosFaceBounds.minimumScale(classes: 4, targetProbability: 0.25)) < 1e-15)
        #expect(CosFaceBounds.minimumScale(classes: 1, targetProbability: 0.99) == 0)
    }

    @Test func theMinimumScaleReachesTheTargetProbabilityOnTheSimplex() {
        // On the regular simplex the best case has cos θ_y = 1 and rivals at −1/(C−1);
        // the bound is the s at which that case reaches exactly P.
        for c in [3, 10, 100] {
            let s = CosFaceBounds.minimumScale(classes: c, targetProbability: 0.95)
            var cosines = [Double](repeating: -1 / Double(c - 1), count: c)
            cosines[0] = 1
            let p = CosineHead.normFace(scale: s).evaluate(cosines: cosines, target: 0).probabilities[0]
            #expect(abs(p - 0.95) < 1e-12)
        }
    }
}
