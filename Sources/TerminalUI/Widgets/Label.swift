/// One row of styled text, aligned in its area and cut with an ellipsis
/// when it does not fit.
///
/// Only the first row of the area is drawn; the rest is left untouched.
public struct Label: Widget, Sendable {
    public var line: Line
    public var alignment: Alignment
    public var glyphs: GlyphSet

    public init(_ line: Line, alignment: Alignment = .left, glyphs: GlyphSet = .unicode) {
        self.line = line
        self.alignment = alignment
        self.glyphs = glyphs
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        canvas.draw(line, in: area, alignment: alignment, ellipsis: glyphs.ellipsis)
    }
}

/// Several rows of styled text, word-wrapped (or cut) to the area's width.
///
/// Rows beyond the area's height are dropped; when `wrap` is false each line
/// takes one row and is cut with an ellipsis.
public struct Paragraph: Widget, Sendable {
    public var lines: [Line]
    public var alignment: Alignment
    public var wrap: Bool
    public var glyphs: GlyphSet

    public init(_ lines: [Line], alignment: Alignment = .left, wrap: Bool = true, glyphs: GlyphSet = .unicode) {
        self.lines = lines
        self.alignment = alignment
        self.wrap = wrap
        self.glyphs = glyphs
    }

    /// The rows the paragraph takes at `width` columns (before the height limit).
    public func rows(width: Int) -> [Line] {
        wrap ? lines.flatMap { $0.wrapped(to: width) } : lines
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        for (i, row) in rows(width: area.width).prefix(area.height).enumerated() {
            canvas.draw(
                row, in: Rect(x: area.x, y: area.y + i, width: area.width, height: 1),
                alignment: alignment, ellipsis: glyphs.ellipsis)
        }
    }
}
