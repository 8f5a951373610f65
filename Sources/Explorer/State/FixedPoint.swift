import Foundation
import TerminalUI

/// `String(format: "%.<decimals>f", value)` without Foundation's formatter, which parses the
/// format and boxes its argument on every call (a few microseconds; a frame formats dozens).
enum FixedPoint {
    /// The same text as `String(format: "%.<decimals>f", value)`.
    ///
    /// printf writes the exact binary value rounded to `decimals` places, half to even (the
    /// default rounding mode), with a minus for any negative value, zero included ("-0.00").
    /// Here the rounding is done in integers: value = m·2^e, so value·10^d = m·10^d·2^e, a
    /// product of at most 83 bits shifted right by −e, its remainder compared with a half.
    /// NaN, ±∞, |value| ≥ 1e9 and decimals outside 0…9 go to `String(format:)`.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, value.magnitude < 1e9, decimals >= 0, decimals <= 9 else {
            return String(format: "%.\(decimals)f", value)
        }
        let rounded = scaledAndRounded(value.magnitude, decimals: decimals)
        return decimalText(rounded, decimals: decimals, prefix: value.sign == .minus ? UInt8(ascii: "-") : nil)
    }

    private static let powersOfTen: [UInt64] = (0...9).map { (0..<$0).reduce(1) { r, _ in r * 10 } }

    /// |value|·10^decimals rounded half to even, for 0 ≤ |value| < 1e9 and decimals ≤ 9 (below 10^18).
    static func scaledAndRounded(_ a: Double, decimals: Int) -> UInt64 {
        let bits = a.exponentBitPattern
        // a = m·2^e exactly; subnormals have no implicit bit and the lowest exponent.
        let m = bits == 0 ? a.significandBitPattern : a.significandBitPattern | (1 << 52)
        let k = bits == 0 ? 1074 : 1075 - Int(bits)  // e = −k; a < 2^30 makes k ≥ 23
        guard m != 0 else { return 0 }
        let (hi, lo) = m.multipliedFullWidth(by: powersOfTen[decimals])  // P = hi·2^64 + lo < 2^83
        // P < 2^83 ≤ 2^(k−1) for k ≥ 84: less than a half, rounds to 0.
        if k >= 84 { return 0 }
        let q: UInt64, rHi: UInt64, rLo: UInt64, halfHi: UInt64, halfLo: UInt64
        if k > 64 {
            q = hi >> UInt64(k - 64)
            rHi = hi & ((1 << UInt64(k - 64)) - 1)
            rLo = lo
            (halfHi, halfLo) = (1 << UInt64(k - 65), 0)
        } else if k == 64 {
            (q, rHi, rLo) = (hi, 0, lo)
            (halfHi, halfLo) = (0, 1 << 63)
        } else {
            q = (hi << UInt64(64 - k)) | (lo >> UInt64(k))
            (rHi, rLo) = (0, lo & ((1 << UInt64(k)) - 1))
            (halfHi, halfLo) = (0, 1 << UInt64(k - 1))
        }
        let above = rHi > halfHi || (rHi == halfHi && rLo > halfLo)
        let tie = rHi == halfHi && rLo == halfLo
        return above || (tie && q & 1 == 1) ? q + 1 : q
    }
}
