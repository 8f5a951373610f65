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

/// Horizontal bars on a scale, one row per bar:
///
///     ▶ cat   ███████▌    0.47
///       dog   ██▏         0.13
///             0          1 = max
///
/// Columns: a two-cell pointer gutter, labels (left-aligned), the bar, the
/// value texts (right-aligned), one blank between columns. Bars have
/// eighth-cell resolution in Unicode (▏▎▍▌▋▊▉█) and whole cells in ASCII (`#`).
/// Values above the scale's maximum end in an overflow tip (▶ / `>`);
/// negative, NaN and infinite values draw no bar. Rows beyond the area's
/// height are dropped.
///
/// Made with a `BarScale` (`init(_:scale:caption:)`), the chart writes the
/// scale on a ruler row under the bars (the caption in the label column, the
/// scale's ticks under the track) when the area has a row to spare.
public struct BarChart: Widget, Sendable {
    public var bars: [Bar]
    public var scale: BarScale
    /// Whether the ruler row is drawn.
    public var showsScale: Bool
    /// What the bars measure, written at the start of the ruler row.
    public var caption: String
    public var glyphs: GlyphSet

    /// Bars on `0…maximum`, without a ruler.
    public init(_ bars: [Bar], maximum: Double, glyphs: GlyphSet = .unicode) {
        self.init(bars, scale: .linear(maximum), glyphs: glyphs)
        self.showsScale = false
    }

    /// Bars on a fixed scale written under them.
    public init(_ bars: [Bar], scale: BarScale, caption: String = "", glyphs: GlyphSet = .unicode) {
        self.bars = bars
        self.scale = scale
        self.showsScale = true
        self.caption = caption
        self.glyphs = glyphs
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let columns = BarColumns(bars, area: area)
        let ruler = showsScale && area.height >= 2
        let rows = ruler ? min(bars.count, area.height - 1) : min(bars.count, area.height)
        for (i, bar) in bars.prefix(rows).enumerated() {
            let y = area.y + i
            columns.drawLabelAndValue(bar, y: y, glyphs: glyphs, on: &canvas)
            let track = Rect(x: columns.barX, y: y, width: columns.barWidth, height: 1)
            let cells = barCells(scale.fraction(of: bar.value), width: track.width)
            drawRightward(cells, in: track, style: bar.style, glyphs: glyphs, on: &canvas)
        }
        guard ruler else { return }
        let y = area.y + rows
        canvas.draw(
            Line(caption), in: Rect(x: area.x, y: y, width: max(0, columns.barX - 1 - area.x), height: 1),
            ellipsis: glyphs.ellipsis)
        var taken: [(Int, Int)] = []
        scale.drawRuler(
            in: Rect(x: columns.barX, y: y, width: columns.barWidth, height: 1), taken: &taken,
            style: .plain, glyphs: glyphs, on: &canvas)
    }
}

/// Signed bars around a centre axis on a symmetric domain: negative values
/// grow left, positive right, both on the same scale of magnitudes.
///
///       a  ▓▓▓▓│         -0.52
///     ▶ b      │█████▍    0.68
///
/// Negative bars use a different fill (▓, ASCII `=`) from positive ones
/// (█, ASCII `#`), so the sign never rests on colour. Positive bars have
/// eighth-cell resolution; negative bars whole cells (no left-growing partial
/// blocks exist). Values beyond the maximum end in ◀/▶ (`<`/`>`).
///
/// Made with a `BarScale`, the chart writes it on a ruler row under the bars
/// (mirrored on the left half) when the area has a row to spare; on a
/// logarithmic scale the axis stands for the floor, not for zero.
public struct DivergingBarChart: Widget, Sendable {
    public var bars: [Bar]
    public var scale: BarScale
    public var showsScale: Bool
    public var caption: String
    public var axisStyle: Style
    public var glyphs: GlyphSet

    /// Bars on `−limit…limit`, without a ruler.
    public init(_ bars: [Bar], limit: Double, axisStyle: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.init(bars, scale: .linear(limit), axisStyle: axisStyle, glyphs: glyphs)
        self.showsScale = false
    }

    /// Bars on a fixed scale of magnitudes written under them.
    public init(_ bars: [Bar], scale: BarScale, caption: String = "", axisStyle: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.bars = bars
        self.scale = scale
        self.showsScale = true
        self.caption = caption
        self.axisStyle = axisStyle
        self.glyphs = glyphs
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let columns = BarColumns(bars, area: area)
        let ruler = showsScale && area.height >= 2
        let rows = ruler ? min(bars.count, area.height - 1) : min(bars.count, area.height)
        guard columns.barWidth >= 1 else {
            for (i, bar) in bars.prefix(rows).enumerated() {
                columns.drawLabelAndValue(bar, y: area.y + i, glyphs: glyphs, on: &canvas)
            }
            return
        }
        let half = (columns.barWidth - 1) / 2
        let axisX = columns.barX + half
        for (i, bar) in bars.prefix(rows).enumerated() {
            let y = area.y + i
            columns.drawLabelAndValue(bar, y: y, glyphs: glyphs, on: &canvas)
            canvas.put(glyphs.axisVertical, x: axisX, y: y, style: axisStyle, clip: area)
            guard bar.value.isFinite else { continue }
            if bar.value >= 0 {
                let track = Rect(x: axisX + 1, y: y, width: columns.barWidth - half - 1, height: 1)
                drawRightward(
                    barCells(scale.fraction(of: bar.value), width: track.width), in: track,
                    style: bar.style, glyphs: glyphs, on: &canvas)
            } else {
                let cells = barCells(scale.fraction(of: -bar.value), width: half)
                let whole = cells.overflow ? half : min(half, Int((Double(cells.eighths) / 8).rounded()))
                for k in 0..<whole {
                    let tip = cells.overflow && k == whole - 1
                    canvas.put(tip ? glyphs.overflowLeft : glyphs.negativeBar, x: axisX - 1 - k, y: y, style: bar.style, clip: area)
                }
            }
        }
        guard ruler else { return }
        let y = area.y + rows
        canvas.draw(
            Line(caption), in: Rect(x: area.x, y: y, width: max(0, columns.barX - 1 - area.x), height: 1),
            ellipsis: glyphs.ellipsis)
        // Each half is a track of its own starting next to the axis; the axis column carries the start label.
        var taken: [(Int, Int)] = []
        scale.drawRuler(
            in: Rect(x: axisX, y: y, width: columns.barWidth - half, height: 1), taken: &taken,
            style: axisStyle, glyphs: glyphs, on: &canvas)
        scale.drawRuler(
            in: Rect(x: columns.barX, y: y, width: half, height: 1), mirrored: true, taken: &taken,
            style: axisStyle, glyphs: glyphs, on: &canvas)
    }
}

/// The length in eighths of a bar taking `fraction` of `width` cells (nil: no bar; above 1: overflow).
func barCells(_ fraction: Double?, width: Int) -> (eighths: Int, overflow: Bool) {
    guard let fraction, fraction.isFinite, fraction > 0, width > 0 else { return (0, false) }
    if fraction > 1 { return (width * 8, true) }
    return (min(width * 8, Int((fraction * Double(width * 8)).rounded())), false)
}

/// Draws a left-to-right bar of `cells` into `track`.
func drawRightward(
    _ cells: (eighths: Int, overflow: Bool), in track: Rect, style: Style,
    glyphs: GlyphSet, on canvas: inout Canvas
) {
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
        canvas.draw(
            Line(bar.valueText, style: bar.selected ? .plain.bolded : .plain),
            in: Rect(x: valueX, y: y, width: valueWidth, height: 1), alignment: .right, ellipsis: glyphs.ellipsis)
    }
}
