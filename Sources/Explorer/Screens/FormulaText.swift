/// Arithmetic written out with the numbers substituted, never with a double sign.
///
/// The formula panels print `a − b` and `s·c` with formatted numbers; when b or c is
/// negative, plain substitution gives `18.627 − -4.500` or `30·-0.100`. These join the
/// texts so that the sign is read once: `18.627 + 4.500`, `30·(-0.100)`.
enum FormulaText {
    /// `a − b`, or `a + |b|` when the text of b is negative.
    static func minus(_ a: String, _ b: String) -> String {
        b.hasPrefix("-") ? "\(a) + \(b.dropFirst())" : "\(a) − \(b)"
    }

    /// `a·b`, with b in parentheses when its text is negative.
    static func times(_ a: String, _ b: String) -> String {
        b.hasPrefix("-") ? "\(a)·(\(b))" : "\(a)·\(b)"
    }

    /// Whether a formatted number reads as negative (a value that rounds to zero prints unsigned).
    static func isNegative(_ text: String) -> Bool { text.hasPrefix("-") }
}
