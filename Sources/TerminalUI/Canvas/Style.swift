/// One of the eight basic terminal colours.
///
/// Colour never carries meaning alone: every series or region that is told
/// apart by colour is also told apart by a glyph or a label.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: colours and attributes.
///
/// Backends without colour (`NO_COLOR`, `--no-color`) drop `foreground` and
/// `background` but keep `bold`, `reverse`, `underline` and `dim`.
public struct Style: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: Color? = nil, background: Color? = nil,
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = Style()

    public func with(foreground: Color?) -> Style { var s = self; s.foreground = foreground; return s }
    public var bolded: Style { var s = self; s.bold = true; return s }
    public var reversed: Style { var s = self; s.reverse = true; return s }
    public var dimmed: Style { var s = self; s.dim = true; return s }
    public var underlined: Style { var s = self; s.underline = true; return s }
}
