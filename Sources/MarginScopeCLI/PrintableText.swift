/// Text made safe to print on a terminal: control characters written out as escapes.
///
/// A control character (C0 `U+0000…U+001F`, DEL `U+007F`, C1 `U+0080…U+009F`) that reaches a
/// terminal raw is a command, not text: ESC and CSI (`U+009B`) start sequences that move the
/// cursor, clear the screen or set the window title, and `\r` sends the cursor back over the
/// message. Everything the program prints that a user supplied (an option's value, a file
/// name, a field of a file) passes through `escaped`, either where it is quoted or, for
/// everything else, in `TextWriter`. The escapes are Swift's (`\u{1B}`, `\r`, `\0`), so a
/// message shows what was there.
enum PrintableText {
    /// Whether `scalar` is a control character (general category Cc: C0, DEL, C1).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    /// `text` with every control character except those in `kept` written as its escape.
    ///
    /// With `kept` empty (the default) the result is one line whatever `text` holds, the form
    /// for quoting a value inside a message; the writers keep `\n` and `\t`.
    static func escaped(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept.contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !kept.contains(scalar) {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
