/// Display width of characters in a terminal, in the manner of `wcwidth(3)`.
///
/// Swift cannot ask the C library reliably for every locale, and the canvas
/// must know the width before anything reaches the terminal, so the East
/// Asian Wide/Fullwidth ranges (Unicode 15) and the zero-width ranges are kept
/// here. Box drawing, blocks, braille and Greek letters are narrow (width 1),
/// as in a UTF-8 locale that is not CJK.
public enum ColumnWidth {
    /// The number of columns `character` takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(scalar: first)
    }

    /// The number of columns `string` takes: the sum over its characters (graphemes) of `of(_:)`.
    ///
    /// Breaking a string into graphemes is slow, so the scalars are read instead as long as each
    /// is known to be a grapheme of its own whatever surrounds it (`isLoneGrapheme`): then the
    /// characters are the scalars and the sums are equal. Any other scalar (a combining mark,
    /// a joiner, Hangul jamo, an emoji beyond the BMP) sends the string the slow way.
    public static func of(_ string: String) -> Int {
        var total = 0
        for scalar in string.unicodeScalars {
            guard isLoneGrapheme(scalar.value) else { return ofCharacters(string) }
            total += of(scalar: scalar)
        }
        return total
    }

    /// The sum over the characters, grapheme by grapheme.
    static func ofCharacters(_ string: String) -> Int {
        var total = 0
        for c in string { total += of(c) }
        return total
    }

    /// Whether a scalar always forms a grapheme by itself (UAX #29): it is neither Extend, ZWJ,
    /// SpacingMark, Prepend, Regional_Indicator nor Hangul, so no rule joins it to a neighbour
    /// (and neighbours of the same kind cannot join each other). Controls break on both sides
    /// (CR LF joins, but both are 0 columns). A conservative list of the blocks the explorer's
    /// text uses: ASCII, Latin, Greek, Cyrillic, punctuation, symbols, box drawing, braille, CJK.
    static func isLoneGrapheme(_ v: UInt32) -> Bool {
        switch v {
        case 0...0x2FF, 0x370...0x482, 0x2010...0x205F, 0x2070...0x20CF, 0x2100...0x2BFF,
            0x3000...0x3029, 0x3030...0x303F, 0x3041...0x3096, 0x309B...0x30FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF9D, 0xFFE0...0xFFE6:
            return true
        default:
            return false
        }
    }

    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        // Box drawing, blocks, geometric shapes and braille: the plots' glyphs, all narrow.
        if v >= 0x2500 && v <= 0x28FF { return v >= 0x25FD && v <= 0x27BF ? (isWide(v) ? 2 : 1) : 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    private static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A,
            0x064B...0x065F, 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E,
            0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x202A...0x202E,
            0x2060...0x2064, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
            0xFEFF, 0xE0100...0xE01EF:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC,
            0x23F0, 0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653,
            0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
            0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5,
            0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E,
            0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF,
            0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E,
            0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
            0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
