/// One row of a bar chart.
public struct Bar: Hashable, Sendable {
    public var label: String
    public var value: Double
    /// The number as shown at the end of the row (formatted by the caller).
    public var valueText: String
    public var style: Style
    /// A selected row has a pointer (▶ / `>`) and a bold, reversed label.
    public var selected: Bool

    public init(_ label: String, value: Double, valueText: String, style: Style = .plain, selected: Bool = false) {
        self.label = label
        self.value = value
        self.valueText = valueText
        self.style = style
        self.selected = selected
    }
}

/// Horizontal bars scaled to `0…maximum`, one row per bar:
///
///     ▶ cat   ███████▌    0.47
///       dog   ██▏         0.13
///
/// Columns: a two-cell pointer gutter, labels (left-aligned), the bar, the
/// value texts (right-aligned), one blank between columns. Bars have
/// eighth-cell resolution in Unicode (▏▎▍▌▋▊▉█) and whole cells in ASCII (`#`).
/// Values above `maximum` end in an overflow tip (▶ / `>`); negative, NaN and
/// infinite values draw no bar. Rows beyond the area's height are dropped.
public struct BarChart: Widget, Sendable {
    public var bars: [Bar]
    public var maximum: Double
    public var glyphs: GlyphSet

    public init(_ bars: [Bar], maximum: Double, glyphs: GlyphSet = .unicode) {
        self.bars = bars
        self.maximum = maximum
        self.glyphs = glyphs
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let columns = BarColumns(bars, area: area)
        for (i, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + i
            columns.drawLabelAndValue(bar, y: y, glyphs: glyphs, on: &canvas)
            let track = Rect(x: columns.barX, y: y, width: columns.barWidth, height: 1)
            let cells = barCells(bar.value, limit: maximum, width: track.width)
            drawRightward(cells, in: track, style: bar.style, glyphs: glyphs, on: &canvas)
        }
    }
}

/// Signed bars around a centre axis on a symmetric domain `−limit…limit`:
/// negative values grow left, positive right.
///
///       a  ▓▓▓▓│         -0.52
///     ▶ b      │█████▍    0.68
///
/// Negative bars use a different fill (▓, ASCII `=`) from positive ones
/// (█, ASCII `#`), so the sign never rests on colour. Positive bars have
/// eighth-cell resolution; negative bars whole cells (no left-growing partial
/// blocks exist). Values beyond the limit end in ◀/▶ (`<`/`>`).
public struct DivergingBarChart: Widget, Sendable {
    public var bars: [Bar]
    public var limit: Double
    public var axisStyle: Style
    public var glyphs: GlyphSet

    public init(_ bars: [Bar], limit: Double, axisStyle: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.bars = bars
        self.limit = limit
        self.axisStyle = axisStyle
        self.glyphs = glyphs
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let columns = BarColumns(bars, area: area)
        guard columns.barWidth >= 1 else {
            for (i, bar) in bars.prefix(area.height).enumerated() {
                columns.drawLabelAndValue(bar, y: area.y + i, glyphs: glyphs, on: &canvas)
            }
            return
        }
        let half = (columns.barWidth - 1) / 2
        let axisX = columns.barX + half
        for (i, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + i
            columns.drawLabelAndValue(bar, y: y, glyphs: glyphs, on: &canvas)
            canvas.put(glyphs.axisVertical, x: axisX, y: y, style: axisStyle, clip: area)
            guard bar.value.isFinite else { continue }
            if bar.value >= 0 {
                let track = Rect(x: axisX + 1, y: y, width: columns.barWidth - half - 1, height: 1)
                drawRightward(barCells(bar.value, limit: limit, width: track.width), in: track,
                              style: bar.style, glyphs: glyphs, on: &canvas)
            } else {
                let cells = barCells(-bar.value, limit: limit, width: half)
                let whole = cells.overflow ? half : min(half, Int((Double(cells.eighths) / 8).rounded()))
                for k in 0..<whole {
                    let tip = cells.overflow && k == whole - 1
                    canvas.put(tip ? glyphs.overflowLeft : glyphs.negativeBar, x: axisX - 1 - k, y: y, style: bar.style, clip: area)
                }
            }
        }
    }
}

/// The length of a bar of `value` on `0…limit` in `width` cells, in eighths.
func barCells(_ value: Double, limit: Double, width: Int) -> (eighths: Int, overflow: Bool) {
    guard value.isFinite, value > 0, limit.isFinite, limit > 0, width > 0 else { return (0, false) }
    if value > limit { return (width * 8, true) }
    return (min(width * 8, Int((value / limit * Double(width * 8)).rounded())), false)
}

/// Draws a left-to-right bar of `cells` into `track`.
func drawRightward(_ cells: (eighths: Int, overflow: Bool), in track: Rect, style: Style,
                   glyphs: GlyphSet, on canvas: inout Canvas) {
    guard !track.isEmpty else { return }
    let full = cells.eighths / 8, rest = cells.eighths % 8
    for k in 0..<full {
        let tip = cells.overflow && k == full - 1
        canvas.put(tip ? glyphs.overflowRight : glyphs.barEighths[8], x: track.x + k, y: track.y, style: style, clip: track)
    }
    if rest > 0 && glyphs.barEighths[rest] != " " {
        canvas.put(glyphs.barEighths[rest], x: track.x + full, y: track.y, style: style, clip: track)
    }
}

/// Column layout shared by the bar charts: pointer gutter, label, bar, value.
struct BarColumns {
    let area: Rect
    let labelX: Int, labelWidth: Int
    let barX: Int, barWidth: Int
    let valueX: Int, valueWidth: Int

    init(_ bars: [Bar], area: Rect) {
        self.area = area
        let gutter = min(2, area.width)
        let rawLabel = bars.map { ColumnWidth.of($0.label) }.max() ?? 0
        let rawValue = bars.map { ColumnWidth.of($0.valueText) }.max() ?? 0
        // Labels and values give way to the bar only down to a third of the row each.
        let room = area.width - gutter
        let label = min(rawLabel, max(0, room / 3))
        let value = min(rawValue, max(0, room / 3))
        labelX = area.x + gutter
        labelWidth = label
        barX = labelX + label + (label > 0 ? 1 : 0)
        valueWidth = value
        valueX = area.maxX - value
        barWidth = max(0, valueX - (value > 0 ? 1 : 0) - barX)
    }

    func drawLabelAndValue(_ bar: Bar, y: Int, glyphs: GlyphSet, on canvas: inout Canvas) {
        if bar.selected {
            canvas.draw(Line(glyphs.pointer, style: .plain.bolded), in: Rect(x: area.x, y: y, width: min(1, area.width), height: 1))
        }
        let labelStyle = bar.selected ? Style.plain.bolded.reversed : .plain
        canvas.draw(Line(bar.label, style: labelStyle), in: Rect(x: labelX, y: y, width: labelWidth, height: 1), ellipsis: glyphs.ellipsis)
        canvas.draw(Line(bar.valueText, style: bar.selected ? .plain.bolded : .plain),
                    in: Rect(x: valueX, y: y, width: valueWidth, height: 1), alignment: .right, ellipsis: glyphs.ellipsis)
    }
}
