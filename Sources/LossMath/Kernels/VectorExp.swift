/// A vectorised natural exponential for eight doubles at a time.
///
/// `exp(x) = 2^⌊k/16⌋ · 2^(j/16) · exp(r)`, with `k = round(16x / ln 2)`, `j = k mod 16` and
/// `r = x − k·ln 2/16` (Cody–Waite: `ln 2` split in a high part with trailing zero bits, so
/// `k·ln2Hi/16` is exact for |k| < 2¹⁵), `|r| ≤ ln 2 / 32`. `2^(j/16)` comes from a 16-entry
/// table (each entry the double nearest to it); `exp(r) = 1 + u`, `u = r + r²·q(r)` with `q`
/// of degree 4 fitted by Remez to the relative error of `exp(r)` on that interval
/// (1.2·10⁻¹⁷, a twentieth of an ulp), evaluated by Estrin's scheme. The result is
/// `T + T·u` with `T = 2^⌊k/16⌋·2^(j/16)` (the power of two added to the table entry's exponent).
///
/// The C kernels (`CKernels`, AVX2 and AVX-512) compute the same function with fused
/// multiply-adds; this Swift version (baseline x86-64 has no FMA) rounds each product, so
/// the two agree to a few ulps rather than bit for bit.
///
/// Properties (checked against Foundation's `exp` in `VectorExpTests`):
/// - relative error below 1e-15 where the result is a normal number (about one ulp);
/// - subnormal results are within one subnormal ulp (`2^⌊k/16⌋` is applied in two
///   halves, so only the final multiplication rounds);
/// - `x < −745.2` gives 0, `x > 709.79` gives `+∞`, `−∞` gives 0.
///
/// Limits: NaN input gives an unspecified value. The loss kernels only call it
/// with non-positive arguments.
public enum VectorExp {
    static var log2e16: Double { 16 * 1.4426950408889634 }
    // ln 2 = ln2Hi + ln2Lo; ln2Hi has 32 trailing zero bits (fdlibm's split); both divided by 16 (exact).
    static var ln2Hi16: Double { 6.93147180369123816490e-01 / 16 }
    static var ln2Lo16: Double { 1.90821492927058770002e-10 / 16 }
    // Adding 1.5·2⁵² rounds any |t| < 2⁵¹ to an integer held in the low mantissa bits.
    static var roundingMagic: Double { 6755399441055744.0 }

    /// `2^(j/16)` for j = 0…15, each the double nearest to it (computed with mpmath at 300 bits).
    static var powerTable: SIMD16<Double> {
        SIMD16(
            0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
            0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
            0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
            0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0)
    }

    /// `exp` of each lane.
    @inline(__always)
    public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
        // Fast path: every lane has a normal, finite result, so 2^⌊k/16⌋ can be built directly.
        // Anything else (underflow to subnormal or 0, overflow, −∞, NaN) takes the clamped path.
        let inRange = (x .>= -708.0) .& (x .<= 709.0)
        guard all(inRange) else { return exceptionalExp(x) }
        let t = x * log2e16 + roundingMagic
        let kd = t - roundingMagic
        let r = (x - kd * ln2Hi16) - kd * ln2Lo16
        let k = unsafeBitCast(t, to: SIMD8<Int64>.self) &- magicBits
        let table = tableEntries(k)
        // (k − j)·2⁴⁸ = ⌊k/16⌋·2⁵²: added to the entry's bits, it multiplies the entry by 2^⌊k/16⌋.
        let exponent = (k & ~15) &<< 48
        let scaled = unsafeBitCast(unsafeBitCast(table, to: SIMD8<Int64>.self) &+ exponent, to: SIMD8<Double>.self)
        return scaled * expm1Reduced(r) + scaled
    }

    /// The bit pattern of `roundingMagic`: subtracting it from `t`'s bits leaves `k`.
    @inline(__always)
    static var magicBits: SIMD8<Int64> {
        SIMD8(repeating: Int64(bitPattern: roundingMagic.bitPattern))
    }

    /// `2^(j/16)` for `j = k mod 16` in each lane.
    @inline(__always)
    static func tableEntries(_ k: SIMD8<Int64>) -> SIMD8<Double> {
        let j = k & 15
        let table = powerTable
        return SIMD8(
            table[Int(j[0])], table[Int(j[1])], table[Int(j[2])], table[Int(j[3])],
            table[Int(j[4])], table[Int(j[5])], table[Int(j[6])], table[Int(j[7])])
    }

    /// `exp(r) − 1` for `|r| ≤ ln 2 / 32`: `r + r²·q(r)`, `q` of degree 4 (Remez, relative
    /// error of `exp(r)` 1.2·10⁻¹⁷), by Estrin's scheme: the dependency chain is 4 deep.
    @inline(__always)
    static func expm1Reduced(_ r: SIMD8<Double>) -> SIMD8<Double> {
        let r2 = r * r
        let a = r * 0x1.555555548f890p-3 + 0x1.fffffffffffb9p-2
        var b = r * 0x1.11123aae7600dp-7 + 0x1.55555558fca6dp-5
        b = r2 * 0x1.6c14c6eb88d07p-10 + b
        let q = b * r2 + a
        return q * r2 + r
    }

    /// The rare lanes: clamped so that ⌊k/16⌋ stays in [−1077, 1024], and 2^⌊k/16⌋ applied in
    /// two halves that are both normal, so a subnormal result is rounded only once.
    @inline(never)
    static func exceptionalExp(_ argument: SIMD8<Double>) -> SIMD8<Double> {
        var x = argument.replacing(with: -746.0, where: argument .< -746.0)
        x = x.replacing(with: 710.0, where: x .> 710.0)
        let t = x * log2e16 + roundingMagic
        let kd = t - roundingMagic
        let r = (x - kd * ln2Hi16) - kd * ln2Lo16
        let k = unsafeBitCast(t, to: SIMD8<Int64>.self) &- magicBits
        let table = tableEntries(k)
        let v = table * expm1Reduced(r) + table
        let e = k &>> 4
        let e1 = e &>> 1
        let e2 = e &- e1
        let scale1 = unsafeBitCast((e1 &+ 1023) &<< 52, to: SIMD8<Double>.self)
        let scale2 = unsafeBitCast((e2 &+ 1023) &<< 52, to: SIMD8<Double>.self)
        return (v * scale1) * scale2
    }

    /// `exp` of one value through the vector path (same rounding as the batch kernels).
    static func exp(_ x: Double) -> Double {
        exp(SIMD8<Double>(repeating: x))[0]
    }
}
