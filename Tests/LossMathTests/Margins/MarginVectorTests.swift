import Foundation
import LossMath
import Testing

/// The margin family's reference vectors, computed independently in 40-digit arithmetic
/// (they are listed in Docs/Math.md, "Reference values").
@Suite("Margin family reference vectors")
struct MarginVectorTests {
    struct Vector: CustomStringConvertible {
        var id: String
        var cosines: [Double]
        var target = 0
        var scale: Double
        var transform: TargetTransform
        var value: Double
        /// nil: unbounded.
        var slope: Double?
        var loss: Double
        var probability: Double
        /// nil: unbounded.
        var cosineGradient: Double?
        var angleGradient: Double
        var description: String { id }
    }

    static let b = [0.62, 0.35, -0.20, 0.10]
    static let f = [-0.95, 0.2, 0.1, -0.3]

    static func arc(_ m: Double, _ fallback: ArcFaceFallback) -> TargetTransform {
        .additiveAngular(margin: m, fallback: fallback)
    }

    static let vectors: [Vector] =
        ArcFaceFallback.allCases.map { fallback in
            Vector(
                id: "A1 \(fallback)", cosines: b, scale: 64, transform: arc(0.5, fallback), value: 0.16794304310094,
                slope: 1.2564292968937, loss: 11.651654058755, probability: 8.7046424580757e-06,
                cosineGradient: -80.41077504806, angleGradient: 63.09043963313)
        } + [
            Vector(
                id: "A2", cosines: b, scale: 30, transform: arc(0.2, .sinmm), value: 0.4517649617606,
                slope: 1.1370570200612, loss: 0.046163474752098, probability: 0.95488584970328,
                cosineGradient: -1.5389208389696, angleGradient: 1.2074400754519),
            Vector(
                id: "A3", cosines: f, scale: 64, transform: arc(0.5, .sinmm), value: -1.1897127693021, slope: 1,
                loss: 88.943277413749, probability: 2.3573573225092e-39, cosineGradient: -64,
                angleGradient: 19.983993594875),
            Vector(
                id: "A4", cosines: f, scale: 64, transform: arc(0.5, .continuous), value: -1.0724174381096, slope: 1,
                loss: 81.43637621743, probability: 4.2917180488408e-36, cosineGradient: -64,
                angleGradient: 19.983993594875),
            Vector(
                id: "A5", cosines: f, scale: 64, transform: arc(0.5, .none), value: -0.98340401024407,
                slope: -0.58103843939994, loss: 75.739516834035, probability: 1.2786326116439e-33,
                cosineGradient: 37.186460121596, angleGradient: -11.611468451344),
            Vector(
                id: "A6", cosines: f, scale: 64, transform: arc(0.5, .easy), value: -0.95, slope: 1,
                loss: 73.601660178414, probability: 1.0844389943729e-32, cosineGradient: -64,
                angleGradient: 19.983993594875),
            Vector(
                id: "A7", cosines: f, scale: 64, transform: arc(0.5, .clip), value: -1, slope: 0,
                loss: 76.801660178414, probability: 4.4204123490722e-34, cosineGradient: 0, angleGradient: 0),
            Vector(
                id: "A8", cosines: [1, 0.8, 0.5, 0.1], scale: 30, transform: arc(0.5, .sinmm), value: 0.87758256189037,
                slope: nil, loss: 0.093083690126896, probability: 0.9111172455874, cosineGradient: nil,
                angleGradient: 1.2783798722066),
            Vector(
                id: "A9", cosines: [0.6, 0.1, 0.05], target: 2, scale: 30, transform: arc(0.2, .easy),
                value: -0.14941750983477, slope: 0.99001248454434, loss: 22.482525601118,
                probability: 1.7217226474295e-10, cosineGradient: -29.700374531217, angleGradient: 29.663225830585),
            Vector(
                id: "A10", cosines: [0.6, 0.1, -0.05], target: 2, scale: 30, transform: arc(0.2, .easy), value: -0.05,
                slope: 1, loss: 19.500000309301, probability: 3.3982667684092e-09, cosineGradient: -29.999999898052,
                angleGradient: 29.962476431337),
            Vector(
                id: "S1", cosines: b, scale: 30, transform: .multiplicativeAngular(margin: 4, lambda: 0),
                value: -1.10690688, slope: 2.293504, loss: 43.707759399694, probability: 1.0422244958443e-19,
                cosineGradient: -68.80512, angleGradient: 53.984621678074),
            Vector(
                id: "S2", cosines: b, scale: 30, transform: .multiplicativeAngular(margin: 4, lambda: 5),
                value: 0.33218218666667, slope: 1.215584, loss: 0.9960617026536, probability: 0.36933111648661,
                cosineGradient: -22.998930122902, angleGradient: 18.045002198751),
            Vector(
                id: "S3", cosines: [-0.4, 0.35, -0.20, 0.10], scale: 30, transform: .multiplicativeAngular(margin: 4, lambda: 0),
                value: -4.0752, slope: 4.352, loss: 132.75655299969, probability: 2.2108617993208e-58,
                cosineGradient: -130.56, angleGradient: 119.66021654669),
            Vector(
                id: "S4", cosines: [-0.4, 0.35, -0.20, 0.10], scale: 30, transform: .multiplicativeAngular(margin: 4, lambda: 5),
                value: -1.0125333333333, slope: 1.5586666666667, loss: 40.876552999694,
                probability: 1.7682293421249e-18, cosineGradient: -46.76, angleGradient: 42.856247899227),
            Vector(
                id: "C1", cosines: b, scale: 64, transform: .combined(angleFactor: 1, angleMargin: 0.3, cosineMargin: 0.2),
                value: 0.16044293426789, slope: 1.188859437751, loss: 12.131657705673, probability: 5.3862685413523e-06,
                cosineGradient: -76.086594191028, angleGradient: 59.697679506638),
            Vector(
                id: "C2", cosines: b, scale: 64, transform: .combined(angleFactor: 0.9, angleMargin: 0.4, cosineMargin: 0.15),
                value: 0.20128953644973, slope: 1.0739717613538, loss: 9.5175433325883, probability: 7.3550130796179e-05,
                cosineGradient: -68.72913731778, angleGradient: 53.925005528088),
            Vector(
                id: "C3", cosines: b, scale: 64, transform: .combined(angleFactor: 1.35, angleMargin: 0, cosineMargin: 0),
                value: 0.34573683734016, slope: 1.6145101051168, loss: 0.83884510129441, probability: 0.43220939337045,
                cosineGradient: -58.669035007605, angleGradient: 46.031831048376),
            Vector(
                id: "D1", cosines: b, scale: AdaCosScale.fixedScale(classes: 4)!, transform: .identity, value: 0.62, slope: 1,
                loss: 0.868308703096, probability: 0.41966072024612, cosineGradient: -0.90165712067498,
                angleGradient: 0.7074418087343),
        ]

    /// The table's precision: 1e-12 relative, absolute below 1 (the listed digits carry 13–14).
    static func matches(_ a: Double, _ b: Double) -> Bool { isClose(a, b, tolerance: 1e-12) }

    @Test(arguments: vectors)
    func reproducesTheReferenceVector(_ v: Vector) {
        let point = v.transform.point(at: v.cosines[v.target])
        #expect(Self.matches(point.value, v.value))
        if let slope = v.slope {
            #expect(point.finiteCosineSlope.map { Self.matches($0, slope) } == true)
        } else {
            #expect(point.finiteCosineSlope == nil)
            #expect(point.cosineSlope == .infinity)
        }
        let r = CosineHead(scale: v.scale, transform: v.transform).evaluate(cosines: v.cosines, target: v.target)
        #expect(Self.matches(r.loss, v.loss))
        // The probabilities are also right relative to their own size, down to 1e-58.
        #expect(abs(r.probabilities[v.target] - v.probability) <= 1e-12 * v.probability)
        if let g = v.cosineGradient {
            #expect(r.targetCosineGradient.map { Self.matches($0, g) } == true)
        } else {
            #expect(r.targetCosineGradient == nil)
        }
        #expect(Self.matches(r.angleGradient[v.target], v.angleGradient))
        #expect(r.angleGradient.allSatisfy { $0.isFinite })
    }

    @Test func reproducesTheRivalGradientsOfA1() {
        let r = CosineHead.arcFace(scale: 64, margin: 0.5).evaluate(cosines: Self.b, target: 0)
        let expected = [-80.41077504806, 63.999435700695, 3.3037743854799e-14, 7.2021876785117e-06]
        for j in 0..<4 { #expect(Self.matches(r.gradient[j], expected[j])) }
        // Rival angle gradients: ∂L/∂θ_j = −sin θ_j·∂L/∂cos θ_j, sin θ_1 = √(1 − 0.35²).
        #expect(Self.matches(r.angleGradient[1], -(1 - 0.35 * 0.35).squareRoot() * 63.999435700695))
    }

    @Test func adaCosScaleMatchesTheListedValuesAndRefusesTwoClasses() {
        // √2·ln(C − 1), values to three decimals as listed with the formula.
        let listed: [(Int, Double)] = [(3, 0.980), (4, 1.554), (8, 2.752), (1000, 9.768), (5994, 12.301)]
        for (classes, value) in listed {
            #expect(abs(AdaCosScale.fixedScale(classes: classes)! - value) < 5e-4)
        }
        #expect(AdaCosScale.fixedScale(classes: 2) == nil)
        #expect(AdaCosScale.fixedScale(classes: 1) == nil)
    }
}
