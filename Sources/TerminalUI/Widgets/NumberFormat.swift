#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Formats `value` with a fixed number of decimals.
///
///     formatNumber(0.1 + 0.2, decimals: 2)           // "0.30"
///     formatNumber(-0.0001, decimals: 3)             // "0.000", never "-0.000"
///     formatNumber(0.25, decimals: 2, sign: true)    // "+0.25"
///     formatNumber(2_500_000, decimals: 2)           // "2.5e6"
///     formatNumber(.nan, decimals: 2)                // "—"
///
/// - Rounding is half away from zero on the binary value.
/// - A result that rounds to zero has no sign, so `-0.0` and `-0.0001`
///   both show as zero; with `sign: true` other positive values get a `+`.
/// - `|value| ≥ 1e6` switches to compact scientific notation with three
///   significant digits (see `formatNumber(_:significant:sign:missing:)`).
/// - NaN and ±∞ are never spelled out: they give `missing`, which callers
///   set to `GlyphSet.missing` (— or `--`).
/// - `decimals` is clamped to 0…9.
public func formatNumber(_ value: Double, decimals: Int, sign: Bool = false, missing: String = "—") -> String {
    guard value.isFinite else { return missing }
    if value.magnitude >= 1e6 { return scientific(value, significant: 3, sign: sign) }
    return fixed(value, decimals: min(max(decimals, 0), 9), sign: sign)
}

/// Formats `value` with about `significant` significant digits, the way
/// `%g` does, trailing zeros removed.
///
///     formatNumber(0.1 + 0.2, significant: 3)   // "0.3"
///     formatNumber(1234.5678, significant: 3)   // "1230"
///     formatNumber(1e6, significant: 3)         // "1e6"
///     formatNumber(1.5e-9, significant: 3)      // "1.5e-9"
///
/// - Values with `|value| ≥ 1e6` or `0 < |value| < 1e-3` use compact
///   scientific notation: mantissa, `e`, exponent with no `+` or leading zeros.
/// - Zero (either sign) is `"0"`; NaN and ±∞ give `missing`.
/// - `significant` is clamped to 1…15.
public func formatNumber(_ value: Double, significant: Int, sign: Bool = false, missing: String = "—") -> String {
    guard value.isFinite else { return missing }
    let digits = min(max(significant, 1), 15)
    let a = value.magnitude
    if a == 0 { return "0" }
    if a >= 1e6 || a < 1e-3 { return scientific(value, significant: digits, sign: sign) }
    let exponent = Int(floor(log10(a)))
    if exponent >= digits {
        // Keep only `digits` significant digits of a large integer part: 1234.5 → 1230.
        let unit = pow(10, Double(exponent - digits + 1))
        return fixed((value / unit).rounded(.toNearestOrAwayFromZero) * unit, decimals: 0, sign: sign)
    }
    let decimals = min(9, max(0, digits - 1 - exponent))
    return trimmingZeros(fixed(value, decimals: decimals, sign: sign))
}

/// Fixed-point text of `value` (finite, |value| < 1e6, decimals ≤ 9).
private func fixed(_ value: Double, decimals: Int, sign: Bool) -> String {
    // |value| < 1e6 and decimals ≤ 9 keep the scaled value below 2^53, so the
    // integer below is exact and the digits are those of the rounded value.
    let scaled = (value.magnitude * pow(10, Double(decimals))).rounded(.toNearestOrAwayFromZero)
    let n = UInt64(scaled)
    let prefix: UInt8? = n == 0 ? nil : value < 0 ? UInt8(ascii: "-") : sign ? UInt8(ascii: "+") : nil
    return decimalText(n, decimals: decimals, prefix: prefix)
}

/// `n / 10^decimals` written out: the digits of `n` with a point before the last `decimals` of them
/// (at least one digit before it: 5 with 2 decimals is "0.05"), after `prefix` (a sign) if given.
/// Built in bytes: frames write dozens of numbers.
public func decimalText(_ n: UInt64, decimals: Int, prefix: UInt8? = nil) -> String {
    // The digits, least significant first, padded to one before the point.
    var reversed: [UInt8] = []
    reversed.reserveCapacity(24)
    var rest = n
    repeat {
        reversed.append(UInt8(ascii: "0") + UInt8(rest % 10))
        rest /= 10
    } while rest > 0
    while reversed.count <= decimals { reversed.append(UInt8(ascii: "0")) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(reversed.count + 2)
    if let prefix { bytes.append(prefix) }
    for i in stride(from: reversed.count - 1, through: 0, by: -1) {
        if i == decimals - 1 { bytes.append(UInt8(ascii: ".")) }
        bytes.append(reversed[i])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Compact scientific text: `1.23e6`, `-4e-9`.
private func scientific(_ value: Double, significant: Int, sign: Bool) -> String {
    let a = value.magnitude
    var exponent = Int(floor(log10(a)))
    var mantissa = a / pow(10, Double(exponent))
    let decimals = min(9, significant - 1)
    let unit = pow(10, Double(decimals))
    mantissa = (mantissa * unit).rounded(.toNearestOrAwayFromZero) / unit
    // log10 may be off by one near powers of ten; renormalise the mantissa.
    if mantissa >= 10 { mantissa /= 10; exponent += 1 }
    if mantissa < 1 { mantissa *= 10; exponent -= 1 }
    let body = trimmingZeros(fixed(mantissa, decimals: decimals, sign: false)) + "e" + String(exponent)
    if value < 0 { return "-" + body }
    return sign ? "+" + body : body
}

private func trimmingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var t = text
    while t.last == "0" { t.removeLast() }
    if t.last == "." { t.removeLast() }
    return t
}
