import Foundation

/// Number formatting for the human table and for the machine formats.
enum FormatNumber {
    /// Fixed-point with `decimals` places, switching to scientific notation for
    /// values that would show as zero or would be too wide, so no information
    /// hides behind `0.000000`. Negative zero prints as zero.
    static func fixed(_ x: Double, decimals: Int = 6) -> String {
        let x = x == 0 ? 0 : x
        let magnitude = abs(x)
        if magnitude != 0 && magnitude < 0.5 * pow(10, -Double(decimals)) || magnitude >= 1e9 {
            return String(format: "%.3e", x)
        }
        return String(format: "%.\(decimals)f", x)
    }

    /// The shortest text that reads back as exactly `x` (Swift's description),
    /// valid in JSON and CSV; non-finite values become `null` / empty.
    static func exact(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        return x == 0 ? "0.0" : "\(x)"
    }

    /// A short human form of a setting such as s or m: `30`, `0.35`.
    static func setting(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
