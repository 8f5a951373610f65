/// A one-row bar of key hints, `key description` pairs separated by two spaces,
/// with the help hint (`? help`) kept at the right end whatever the width:
///
///     s scale  m margin  Tab next                                  ? help
///
/// Hints are kept in order while they fit; the first one that does not fit
/// and everything after it are dropped (so order the hints by importance).
/// Keys are drawn in `keyStyle` (reversed by default), not by colour alone.
public struct HintBar: Widget, Sendable {
    /// One key and what it does.
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var description: String

        public init(_ key: String, _ description: String) {
            self.key = key
            self.description = description
        }

        var width: Int { ColumnWidth.of(key) + 1 + ColumnWidth.of(description) }
    }

    public var hints: [Hint]
    public var help: Hint
    public var keyStyle: Style
    public var style: Style
    public var glyphs: GlyphSet

    public init(
        _ hints: [Hint], help: Hint = Hint("?", "help"), keyStyle: Style = .plain.reversed,
        style: Style = .plain, glyphs: GlyphSet = .unicode
    ) {
        self.hints = hints
        self.help = help
        self.keyStyle = keyStyle
        self.style = style
        self.glyphs = glyphs
    }

    /// The hints that fit in `width` columns next to the help hint.
    public func keptHints(width: Int) -> [Hint] {
        var used = help.width
        var kept: [Hint] = []
        for hint in hints {
            if used + 2 + hint.width > width { break }
            used += 2 + hint.width
            kept.append(hint)
        }
        return kept
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        canvas.fill(row, with: Cell(" ", style: style))
        var spans: [Span] = []
        for (i, hint) in keptHints(width: row.width).enumerated() {
            if i > 0 { spans.append(Span("  ", style)) }
            spans += [Span(hint.key, keyStyle), Span(" " + hint.description, style)]
        }
        canvas.draw(Line(spans), in: row)
        let helpLine = Line([Span(help.key, keyStyle), Span(" " + help.description, style)])
        canvas.draw(helpLine, in: row, alignment: .right, ellipsis: glyphs.ellipsis)
    }
}
