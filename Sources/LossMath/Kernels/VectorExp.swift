/// A vectorised natural exponential for eight doubles at a time.
///
/// `exp(x) = 2^k · exp(r)`, with `k = round(x / ln 2)` and `r = x − k·ln 2`
/// (Cody–Waite: `ln 2` split in a high part with trailing zero bits, so `k·ln2Hi`
/// is exact for |k| < 2¹¹), `|r| ≤ ln 2 / 2`. `exp(r)` is the degree-13 Taylor
/// polynomial, whose truncation error `|r|¹⁴/14! < 5·10⁻¹⁹` is far below one ulp,
/// evaluated by Estrin's scheme.
///
/// Properties (checked against Foundation's `exp` in `VectorExpTests`):
/// - relative error below 1e-15 where the result is a normal number;
/// - subnormal results are within one subnormal ulp (`2^k` is applied in two
///   halves, so only the final multiplication rounds);
/// - `x < −745.2` gives 0, `x > 709.79` gives `+∞`, `−∞` gives 0.
///
/// Limits: NaN input gives an unspecified value. The loss kernels only call it
/// with non-positive arguments.
public enum VectorExp {
    static var log2e: Double { 1.4426950408889634 }
    // ln 2 = ln2Hi + ln2Lo; ln2Hi has 32 trailing zero bits (fdlibm's split).
    static var ln2Hi: Double { 6.93147180369123816490e-01 }
    static var ln2Lo: Double { 1.90821492927058770002e-10 }
    // Adding 1.5·2⁵² rounds any |t| < 2⁵¹ to an integer held in the low mantissa bits.
    static var roundingMagic: Double { 6755399441055744.0 }

    /// `exp` of each lane.
    @inline(__always)
    public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
        // Fast path: every lane has a normal, finite result, so 2^k can be built directly.
        // Anything else (underflow to subnormal or 0, overflow, −∞, NaN) takes the clamped path.
        let inRange = (x .>= -708.0) .& (x .<= 709.0)
        guard all(inRange) else { return exceptionalExp(x) }
        let t = x * log2e + roundingMagic
        let kd = t - roundingMagic
        let r = (x - kd * ln2Hi) - kd * ln2Lo
        let p = polynomial(r)
        let k = unsafeBitCast(t, to: SIMD8<Int64>.self) &- magicBits
        return p * unsafeBitCast((k &+ 1023) &<< 52, to: SIMD8<Double>.self)
    }

    /// The bit pattern of `roundingMagic`: subtracting it from `t`'s bits leaves `k`.
    @inline(__always)
    static var magicBits: SIMD8<Int64> {
        SIMD8(repeating: Int64(bitPattern: roundingMagic.bitPattern))
    }

    /// `exp(r)` for `|r| ≤ ln 2 / 2`: the degree-13 Taylor polynomial `Σ rⁱ/i!`.
    ///
    /// Evaluated by Estrin's scheme (pairs, then powers r², r⁴, r⁸) rather than Horner's
    /// rule: the dependency chain is 4 multiply-adds deep instead of 13, which is what
    /// limits the throughput of the batch loops.
    @inline(__always)
    static func polynomial(_ r: SIMD8<Double>) -> SIMD8<Double> {
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let q0 = r + 1.0
        let q1 = r * (1.0 / 6.0) + 0.5
        let q2 = r * (1.0 / 120.0) + 1.0 / 24.0
        let q3 = r * (1.0 / 5040.0) + 1.0 / 720.0
        let q4 = r * (1.0 / 362880.0) + 1.0 / 40320.0
        let q5 = r * (1.0 / 39916800.0) + 1.0 / 3628800.0
        let q6 = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0
        let w0 = q1 * r2 + q0
        let w1 = q3 * r2 + q2
        let w2 = q5 * r2 + q4
        let u0 = w1 * r4 + w0
        let u1 = q6 * r4 + w2
        return u1 * r8 + u0
    }

    /// The rare lanes: clamped so that k stays in [−1076, 1024], and 2^k applied in two
    /// halves that are both normal, so a subnormal result is rounded only once.
    @inline(never)
    static func exceptionalExp(_ argument: SIMD8<Double>) -> SIMD8<Double> {
        var x = argument.replacing(with: -746.0, where: argument .< -746.0)
        x = x.replacing(with: 710.0, where: x .> 710.0)
        let t = x * log2e + roundingMagic
        let kd = t - roundingMagic
        let r = (x - kd * ln2Hi) - kd * ln2Lo
        let p = polynomial(r)
        let k = unsafeBitCast(t, to: SIMD8<Int64>.self) &- magicBits
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
