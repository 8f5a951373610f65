/// One column of one row of the screen.
///
/// A double-width character occupies two cells: the first holds the character
/// with `width == 2`, the second is a continuation cell (`width == 0`, empty
/// text) that backends skip.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell ("" for a continuation cell).
    public var text: String
    public var style: Style
    /// Display columns taken by `text`: 1, 2 for wide characters, 0 for a continuation.
    public var width: UInt8

    public init(_ text: String = " ", style: Style = .plain, width: UInt8 = 1) {
        self.text = text
        self.style = style
        self.width = width
    }

    public static let blank = Cell()
    static let continuation = Cell("", style: .plain, width: 0)

    public var isContinuation: Bool { width == 0 }
}
