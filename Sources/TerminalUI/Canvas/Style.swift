/// One of the eight basic terminal colours.
///
/// Colour never carries meaning alone: every series or region that is told
/// apart by colour is also told apart by a glyph or a label.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: colours and attributes, and what the text is for.
///
/// Backends without colour (`NO_COLOR`, `--no-color`) drop `foreground` and
/// `background` but keep `bold`, `reverse`, `underline` and `dim`.
///
/// A style made with `Style(role:)` also carries a `StyleRole`. Its attributes
/// are the dark theme's, so it draws as before if nothing else happens; at the
/// end of a frame `Canvas.apply(_:)` redraws every role in the chosen theme
/// (`Palette`), keeping what a call site added (`.bolded`, `.underlined`).
public struct Style: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool
    /// What the text is for; nil for a style given by its attributes alone.
    public var role: StyleRole?

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
        self.role = nil
    }

    /// The style of `role`: the dark theme's attributes, with the role kept for `Canvas.apply(_:)`.
    public init(role: StyleRole) {
        self = Palette.dark.style(for: role)
        self.role = role
    }

    /// The terminal's default look.
    public static let plain = Style()

    public func with(foreground: Color?) -> Style { var s = self; s.foreground = foreground; return s }
    public var bolded: Style { var s = self; s.bold = true; return s }
    public var reversed: Style { var s = self; s.reverse = true; return s }
    public var dimmed: Style { var s = self; s.dim = true; return s }
    public var underlined: Style { var s = self; s.underline = true; return s }
}
