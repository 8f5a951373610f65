/// A centred bordered box drawn over whatever is beneath it (which it
/// clears), for the help overlay and input prompts:
///
///     ┏ Help ━━━━━━━━━━━━━┓
///     ┃ s/S  scale ± 1     ┃
///     ┃ q    quit          ┃
///     ┗━━━━━━━━━━ Esc close ┛
///
/// The box is as wide as the widest line (or `width` when given) plus a
/// border and one column of padding each side, wraps lines to that width, and
/// is clipped to the area it is given.
public struct Popup: Widget, Sendable {
    public var title: String
    public var lines: [Line]
    public var footer: String?
    /// Width of the text inside the box; nil to fit the widest line.
    public var width: Int?
    public var style: Style
    public var glyphs: GlyphSet

    public init(
        title: String, lines: [Line], footer: String? = nil, width: Int? = nil,
        style: Style = .plain, glyphs: GlyphSet = .unicode
    ) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.width = width
        self.style = style
        self.glyphs = glyphs
    }

    /// The box's rectangle, centred in `area` and no larger than it.
    public func frame(in area: Rect) -> Rect {
        let natural = max(lines.map(\.width).max() ?? 0, ColumnWidth.of(title) + 2, ColumnWidth.of(footer ?? "") + 2)
        let w = min(area.width, max(0, width ?? natural) + 4)
        let rows = Paragraph(lines).rows(width: max(1, w - 4)).count
        let h = min(area.height, rows + 2)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        let box = frame(in: area).intersection(area)
        guard !box.isEmpty else { return }
        canvas.fill(box, with: Cell(" ", style: style))
        let block = Block(title: Line(title, style: style), footer: footer, borderStyle: style, highlighted: true, glyphs: glyphs)
        block.render(in: box, on: &canvas)
        let inner = block.inner(box).inset(left: 1, right: 1)
        Paragraph(lines, glyphs: glyphs).render(in: inner, on: &canvas)
    }
}
