/// One column of one row of the screen.
///
/// A double-width character occupies two cells: the first holds the character
/// with `width == 2`, the second is a continuation cell (`width == 0`, empty
/// text) that backends skip.
///
/// The grapheme is stored as at most two Unicode scalars held inline (a base
/// character and one combining mark), so a cell is a plain value with no
/// reference counting: a 240×70 frame is copied, compared and diffed as flat
/// memory. A grapheme of more scalars (an emoji sequence) keeps its first two.
public struct Cell: Hashable, Sendable {
    private var first: UInt32
    private var second: UInt32
    public var style: Style
    /// Display columns taken by `text`: 1, 2 for wide characters, 0 for a continuation.
    public var width: UInt8

    public init(_ text: String = " ", style: Style = .plain, width: UInt8 = 1) {
        var scalars = text.unicodeScalars.makeIterator()
        first = scalars.next()?.value ?? 0
        second = scalars.next()?.value ?? 0
        self.style = style
        self.width = width
    }

    /// A cell holding one scalar; the fast path of `Canvas.put`.
    init(scalar: Unicode.Scalar, style: Style, width: UInt8) {
        first = scalar.value
        second = 0
        self.style = style
        self.width = width
    }

    /// The grapheme drawn in this cell ("" for a continuation cell).
    public var text: String {
        get {
            var view = String.UnicodeScalarView()
            if let a = Unicode.Scalar(first), first != 0 { view.append(a) }
            if let b = Unicode.Scalar(second), second != 0 { view.append(b) }
            return String(view)
        }
        set { self = Cell(newValue, style: style, width: width) }
    }

    /// Adds a combining mark to the character in this cell, if it has room for one.
    mutating func combine(_ mark: Unicode.Scalar) {
        if first != 0 && second == 0 { second = mark.value }
    }

    /// Whether the cell holds exactly the single scalar `scalar`.
    func holds(_ scalar: Unicode.Scalar) -> Bool { first == scalar.value && second == 0 }

    public static let blank = Cell()
    static let continuation = Cell("", style: .plain, width: 0)

    public var isContinuation: Bool { width == 0 }

    /// Whether equal bytes are equal cells (see `same`).
    static var isBitwiseComparable: Bool { MemoryLayout<Cell>.size == 16 && MemoryLayout<Style>.size == 7 }

    /// `a == b`, as two 64-bit compares when a cell is 16 bytes without padding (two scalars,
    /// a 7-byte style, the width): every field then has one bit pattern per value (integers,
    /// `Bool`, enums without payloads and their optionals), so equal bits are equal fields.
    @inline(__always)
    static func same(_ a: Cell, _ b: Cell) -> Bool {
        if isBitwiseComparable {
            let x = unsafeBitCast(a, to: (UInt64, UInt64).self), y = unsafeBitCast(b, to: (UInt64, UInt64).self)
            return x.0 == y.0 && x.1 == y.1
        }
        return a == b
    }
}
