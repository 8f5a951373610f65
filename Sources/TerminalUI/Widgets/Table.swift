/// Rows of text under a header, with a selected row kept in view.
///
///     class  logit   p
///     cat     2.10  0.47
///     dog     0.40  0.13      ← selected row: reversed
///                 2–3 of 4    ← scroll indicator, only when rows are hidden
///
/// Fixed columns get their width; flexible ones share what is left by
/// weight; one blank column separates columns. Cells are aligned per column
/// and cut with an ellipsis. The rows shown start at
/// `scrollOffset(selected:visibleRows:current:count:)` of the `offset` given,
/// so the selection is always visible and callers may keep the offset they
/// passed last.
public struct Table: Widget, Sendable {
    /// How wide a column is.
    public enum Width: Hashable, Sendable {
        case fixed(Int)
        /// A share of the columns left over, by weight.
        case flexible(Int)
    }

    /// A column: header title, width and alignment.
    public struct Column: Hashable, Sendable {
        public var title: String
        public var width: Width
        public var alignment: Alignment

        public init(_ title: String, width: Width = .flexible(1), alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    public var selected: Int?
    /// The first row shown last time (adjusted to keep `selected` visible).
    public var offset: Int
    public var headerStyle: Style
    public var glyphs: GlyphSet

    public init(
        columns: [Column], rows: [[String]], selected: Int? = nil, offset: Int = 0,
        headerStyle: Style = .plain.bolded.underlined, glyphs: GlyphSet = .unicode
    ) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.headerStyle = headerStyle
        self.glyphs = glyphs
    }

    /// The first row to show so that `selected` is visible, moving `current`
    /// as little as possible and never past the last full page.
    ///
    /// - No selection: `current` clamped to `0…count−visibleRows`.
    /// - Selection above the window: it becomes the first row; below: the last.
    public static func scrollOffset(selected: Int?, visibleRows: Int, current: Int, count: Int) -> Int {
        guard visibleRows > 0, count > 0 else { return 0 }
        var offset = min(max(0, current), max(0, count - visibleRows))
        if let s = selected {
            let s = min(max(0, s), count - 1)
            if s < offset { offset = s }
            if s >= offset + visibleRows { offset = s - visibleRows + 1 }
        }
        return offset
    }

    /// "12–31 of 1024": the rows shown, counted from 1.
    public static func scrollIndicator(offset: Int, visibleRows: Int, count: Int, glyphs: GlyphSet = .unicode) -> String {
        guard count > 0, visibleRows > 0 else { return "0 of \(max(0, count))" }
        let first = min(max(0, offset), count - 1) + 1
        let last = min(count, first + visibleRows - 1)
        return "\(first)\(glyphs.rangeDash)\(last) of \(count)"
    }

    /// How many data rows fit in `area` (after the header and, when rows are
    /// hidden, the indicator row).
    public func visibleRows(in area: Rect) -> Int {
        let body = max(0, area.height - 1)
        return rows.count > body ? max(0, body - 1) : body
    }

    /// The x position and width of each column in `area`.
    public func columnFrames(in area: Rect) -> [(x: Int, width: Int)] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.reduce(0) {
            if case .fixed(let w) = $1.width { return $0 + max(0, w) }; return $0
        }
        let weights = columns.reduce(0) {
            if case .flexible(let w) = $1.width { return $0 + max(0, w) }; return $0
        }
        let spare = max(0, area.width - gaps - fixed)
        var x = area.x
        var givenToFlexible = 0, weightSoFar = 0
        return columns.map { column in
            var w: Int
            switch column.width {
            case .fixed(let f): w = max(0, f)
            case .flexible(let f):
                // Cumulative rounding so the flexible columns add up to exactly `spare`.
                weightSoFar += max(0, f)
                let upTo = weights > 0 ? spare * weightSoFar / weights : 0
                w = upTo - givenToFlexible
                givenToFlexible = upTo
            }
            w = max(0, min(w, area.maxX - x))
            defer { x += w + 1 }
            return (x, w)
        }
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let frames = columnFrames(in: area)
        for (column, f) in zip(columns, frames) {
            canvas.draw(
                Line(column.title, style: headerStyle), in: Rect(x: f.x, y: area.y, width: f.width, height: 1),
                alignment: column.alignment, ellipsis: glyphs.ellipsis)
        }
        let visible = visibleRows(in: area)
        let first = Table.scrollOffset(selected: selected, visibleRows: visible, current: offset, count: rows.count)
        for i in 0..<visible where first + i < rows.count {
            let index = first + i
            let y = area.y + 1 + i
            let isSelected = index == selected
            if isSelected { canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: .plain.reversed)) }
            let style: Style = isSelected ? .plain.reversed : .plain
            for (c, f) in zip(columns.indices, frames) where c < rows[index].count {
                canvas.draw(
                    Line(rows[index][c], style: style), in: Rect(x: f.x, y: y, width: f.width, height: 1),
                    alignment: columns[c].alignment, ellipsis: glyphs.ellipsis)
            }
        }
        if rows.count > max(0, area.height - 1), area.height >= 2 {
            let text = Table.scrollIndicator(offset: first, visibleRows: visible, count: rows.count, glyphs: glyphs)
            canvas.draw(
                Line(text, style: .plain.dimmed), in: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1),
                alignment: .right, ellipsis: glyphs.ellipsis)
        }
    }
}
