/// A vectorised natural exponential for eight doubles at a time.
///
/// `exp(x) = 2^k · exp(r)`, with `k = round(x / ln 2)` and `r = x − k·ln 2`
/// (Cody–Waite: `ln 2` split in a high part with trailing zero bits, so `k·ln2Hi`
/// is exact for |k| < 2¹¹), `|r| ≤ ln 2 / 2`. `exp(r)` is the degree-13 Taylor
/// polynomial, whose truncation error `|r|¹⁴/14! < 5·10⁻¹⁹` is far below one ulp;
/// the polynomial is evaluated by Horner's rule.
///
/// Properties (checked against Foundation's `exp` in `VectorExpTests`):
/// - relative error below 1e-15 where the result is a normal number;
/// - subnormal results are within one subnormal ulp (`2^k` is applied in two
///   halves, so only the final multiplication rounds);
/// - `x < −745.2` gives 0, `x > 709.79` gives `+∞`, `−∞` gives 0.
///
/// Limits: NaN input gives an unspecified value. The loss kernels only call it
/// with non-positive arguments.
enum VectorExp {
    static var log2e: Double { 1.4426950408889634 }
    // ln 2 = ln2Hi + ln2Lo; ln2Hi has 32 trailing zero bits (fdlibm's split).
    static var ln2Hi: Double { 6.93147180369123816490e-01 }
    static var ln2Lo: Double { 1.90821492927058770002e-10 }
    // Adding 1.5·2⁵² rounds any |t| < 2⁵¹ to an integer held in the low mantissa bits.
    static var roundingMagic: Double { 6755399441055744.0 }

    /// `exp` of each lane.
    @inline(__always)
    static func exp(_ argument: SIMD8<Double>) -> SIMD8<Double> {
        // Clamp so that k stays in [−1076, 1024]: both halves of 2^k are then normal.
        var x = argument.replacing(with: -746.0, where: argument .< -746.0)
        x = x.replacing(with: 710.0, where: x .> 710.0)
        let t = x * log2e + roundingMagic
        let kd = t - roundingMagic
        let r = (x - kd * ln2Hi) - kd * ln2Lo
        var p = SIMD8<Double>(repeating: 1.0 / 6227020800.0)        // 1/13!
        p = p * r + 1.0 / 479001600.0                                // 1/12!
        p = p * r + 1.0 / 39916800.0                                 // 1/11!
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let k = unsafeBitCast(t, to: SIMD8<Int64>.self) &- unsafeBitCast(SIMD8<Double>(repeating: roundingMagic), to: SIMD8<Int64>.self)
        let k1 = k &>> 1
        let k2 = k &- k1
        let scale1 = unsafeBitCast((k1 &+ 1023) &<< 52, to: SIMD8<Double>.self)
        let scale2 = unsafeBitCast((k2 &+ 1023) &<< 52, to: SIMD8<Double>.self)
        return (p * scale1) * scale2
    }

    /// `exp` of one value through the vector path (same rounding as the batch kernels).
    static func exp(_ x: Double) -> Double {
        exp(SIMD8<Double>(repeating: x))[0]
    }
}
