/// A bordered panel with a title on the top border and an optional footer
/// on the bottom border, right-aligned.
///
///     ┌ Loss ───── s=30 ┐      + Loss ----- s=30 +
///     │                 │      |                 |
///     └────────── 3 items ┘      +---------- 3 items +
///
/// The focused panel is `highlighted`: heavy border (┏━┓, ASCII `#=#`) and a
/// bold, reversed title, so focus never depends on colour. The block draws
/// only its border; `inner(_:)` is the area left for the content. Areas
/// narrower or lower than 2 cells get no border.
public struct Block: Widget, Sendable {
    public var title: Line?
    /// Right-aligned text on the top border, after the title (e.g. a value).
    public var titleRight: String?
    /// Right-aligned text on the bottom border.
    public var footer: String?
    public var borderStyle: Style
    public var highlighted: Bool
    public var glyphs: GlyphSet

    public init(
        title: Line? = nil, titleRight: String? = nil, footer: String? = nil,
        borderStyle: Style = .plain, highlighted: Bool = false, glyphs: GlyphSet = .unicode
    ) {
        self.title = title
        self.titleRight = titleRight
        self.footer = footer
        self.borderStyle = borderStyle
        self.highlighted = highlighted
        self.glyphs = glyphs
    }

    /// The area inside the border (empty for areas too small to have one).
    public func inner(_ area: Rect) -> Rect {
        area.width < 2 || area.height < 2 ? Rect(x: area.x, y: area.y, width: 0, height: 0) : area.inset(by: 1)
    }

    /// The scalar of a string of exactly one scalar.
    static func onlyScalar(_ text: String) -> Unicode.Scalar? {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard area.width >= 2, area.height >= 2 else { return }
        let b = highlighted ? glyphs.heavyBorder : glyphs.border
        let style = highlighted ? borderStyle.bolded : borderStyle
        let top = area.y, bottom = area.maxY - 1, left = area.x, right = area.maxX - 1
        // One scalar per border cell (every glyph set's lines), put without reading the string each time.
        if let h = Self.onlyScalar(b.horizontal), let v = Self.onlyScalar(b.vertical) {
            for x in (left + 1)..<right {
                canvas.put(h, x: x, y: top, style: style, clip: area)
                canvas.put(h, x: x, y: bottom, style: style, clip: area)
            }
            for y in (top + 1)..<bottom {
                canvas.put(v, x: left, y: y, style: style, clip: area)
                canvas.put(v, x: right, y: y, style: style, clip: area)
            }
        } else {
            for x in (left + 1)..<right {
                canvas.put(b.horizontal, x: x, y: top, style: style, clip: area)
                canvas.put(b.horizontal, x: x, y: bottom, style: style, clip: area)
            }
            for y in (top + 1)..<bottom {
                canvas.put(b.vertical, x: left, y: y, style: style, clip: area)
                canvas.put(b.vertical, x: right, y: y, style: style, clip: area)
            }
        }
        canvas.put(b.topLeft, x: left, y: top, style: style, clip: area)
        canvas.put(b.topRight, x: right, y: top, style: style, clip: area)
        canvas.put(b.bottomLeft, x: left, y: bottom, style: style, clip: area)
        canvas.put(b.bottomRight, x: right, y: bottom, style: style, clip: area)

        // Top border: "┌ Title ── right ┐"; the title keeps priority over the right text.
        let room = area.width - 4
        var used = 0
        if let title, room >= 1 {
            let shown = Line(title.spans.map { Span($0.text, highlighted ? $0.style.bolded.reversed : $0.style) })
                .truncated(to: room, ellipsis: glyphs.ellipsis)
            let padded = Line([Span(" ", style)] + shown.spans + [Span(" ", style)])
            canvas.draw(padded, in: Rect(x: left + 1, y: top, width: room + 2, height: 1))
            used = shown.width + 2
        }
        if let titleRight, !titleRight.isEmpty {
            let free = room + 2 - used - (used > 0 ? 1 : 0)
            let text = " " + titleRight + " "
            if ColumnWidth.of(text) <= free {
                canvas.draw(Line(text, style: style), in: Rect(x: left + 1, y: top, width: room + 2, height: 1), alignment: .right)
            }
        }
        if let footer, !footer.isEmpty, room >= 1 {
            let text = Line(footer, style: style).truncated(to: room, ellipsis: glyphs.ellipsis)
            let padded = Line([Span(" ", style)] + text.spans + [Span(" ", style)])
            canvas.draw(padded, in: Rect(x: left + 1, y: bottom, width: room + 2, height: 1), alignment: .right)
        }
    }
}
