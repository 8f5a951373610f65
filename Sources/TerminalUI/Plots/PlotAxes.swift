/// The frame shared by every plot: the data ranges, axis titles and how many
/// ticks to aim for.
///
///     y title
///      1.0┤   ⠤⠤⠒⠒⠉⠉
///      0.5┤ ⡠⠊
///      0.0┼⠊──┬────┬──
///         0  0.5   1 x title
///
/// Ticks come from `niceTicks` and are thinned to fit the room. Plots too
/// small for axes (under 4 rows or 6 columns) draw their data without them.
/// A zero-width range is widened by ±0.5; a range with a non-finite bound is
/// replaced by 0…1.
public struct PlotAxes: Hashable, Sendable {
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var xTitle: String
    public var yTitle: String
    /// The most ticks wanted on each axis; fewer are drawn when they do not fit.
    public var xTickCount: Int
    public var yTickCount: Int
    /// Style of axis lines, ticks, tick labels and titles.
    public var style: Style

    public init(
        x: ClosedRange<Double>, y: ClosedRange<Double>, xTitle: String = "", yTitle: String = "",
        xTickCount: Int = 6, yTickCount: Int = 5, style: Style = .plain
    ) {
        self.x = x
        self.y = y
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xTickCount = xTickCount
        self.yTickCount = yTickCount
        self.style = style
    }
}

/// The layout of one plot in one area and the data-to-cell mapping.
struct PlotFrame {
    let area: Rect
    /// Where data is drawn.
    let plot: Rect
    /// The legend row (compact), or the header rows of y title and legend (zoomed).
    let legend: Rect?
    let titleRow: Rect?
    /// The zoomed layout's footer row.
    let footerRow: Rect?
    /// Laid out by `init(zoomedIn:…)`: x title at the end of the axis row, no title row.
    let zoomed: Bool
    let hasAxes: Bool
    let xMin: Double, xMax: Double, yMin: Double, yMax: Double
    let marker: PlotMarker
    let xTicks: [Double], yTicks: [Double]
    let xLabels: [String], yLabels: [String]

    init(area: Rect, axes: PlotAxes, marker: PlotMarker, legend: Bool, glyphs: GlyphSet) {
        self.area = area
        self.marker = marker
        (xMin, xMax) = PlotFrame.sanitize(axes.x)
        (yMin, yMax) = PlotFrame.sanitize(axes.y)
        var rest = area
        var legendRow: Rect? = nil
        if legend && rest.height >= 5 {
            let s = rest.splitTop(1); legendRow = s.top; rest = s.rest
        }
        var title: Rect? = nil
        if !axes.yTitle.isEmpty && rest.height >= 5 {
            let s = rest.splitTop(1); title = s.top; rest = s.rest
        }
        self.legend = legendRow
        self.titleRow = title
        self.footerRow = nil
        self.zoomed = false

        var plot = rest
        var hasAxes = false
        var xTicks: [Double] = [], yTicks: [Double] = [], xLabels: [String] = [], yLabels: [String] = []
        if rest.height >= 4 && rest.width >= 6 {
            let plotHeight = rest.height - 2
            yTicks = niceTicks(yMin, yMax, count: min(axes.yTickCount, plotHeight / 2 + 1))
            yLabels = tickLabels(yTicks, missing: glyphs.missing)
            let labelWidth = yLabels.map { ColumnWidth.of($0) }.max() ?? 0
            if rest.width - labelWidth - 1 >= 2 {
                hasAxes = true
                plot = Rect(x: rest.x + labelWidth + 1, y: rest.y, width: rest.width - labelWidth - 1, height: plotHeight)
                var count = max(2, axes.xTickCount)
                while true {
                    xTicks = niceTicks(xMin, xMax, count: count)
                    xLabels = tickLabels(xTicks, missing: glyphs.missing)
                    let needed = xLabels.reduce(0) { $0 + ColumnWidth.of($1) + 1 }
                    if needed <= plot.width || count <= 2 { break }
                    count -= 1
                }
            } else {
                yTicks = []; yLabels = []
            }
        }
        self.plot = plot
        self.hasAxes = hasAxes
        self.xTicks = xTicks; self.yTicks = yTicks
        self.xLabels = xLabels; self.yLabels = yLabels
    }

    init(
        area: Rect, plot: Rect, legend: Rect?, titleRow: Rect?, footerRow: Rect?, zoomed: Bool, hasAxes: Bool,
        xMin: Double, xMax: Double, yMin: Double, yMax: Double, marker: PlotMarker,
        xTicks: [Double], yTicks: [Double], xLabels: [String], yLabels: [String]
    ) {
        self.area = area
        self.plot = plot
        self.legend = legend
        self.titleRow = titleRow
        self.footerRow = footerRow
        self.zoomed = zoomed
        self.hasAxes = hasAxes
        self.xMin = xMin; self.xMax = xMax; self.yMin = yMin; self.yMax = yMax
        self.marker = marker
        self.xTicks = xTicks; self.yTicks = yTicks
        self.xLabels = xLabels; self.yLabels = yLabels
    }

    static func sanitize(_ r: ClosedRange<Double>) -> (Double, Double) {
        guard r.lowerBound.isFinite, r.upperBound.isFinite else { return (0, 1) }
        if r.lowerBound == r.upperBound { return (r.lowerBound - 0.5, r.upperBound + 0.5) }
        return (r.lowerBound, r.upperBound)
    }

    var subWidth: Int { plot.width * marker.resolution.columns }
    var subHeight: Int { plot.height * marker.resolution.rows }

    /// Sub-cell coordinates (real, relative to the plot's corner) of a data point.
    func sub(_ x: Double, _ y: Double) -> (Double, Double) {
        (
            (x - xMin) / (xMax - xMin) * Double(max(0, subWidth - 1)),
            (yMax - y) / (yMax - yMin) * Double(max(0, subHeight - 1))
        )
    }

    /// The canvas column of `x`, nil when outside the range or not finite.
    func column(_ x: Double) -> Int? {
        guard x.isFinite, !plot.isEmpty else { return nil }
        let t = (x - xMin) / (xMax - xMin)
        guard t >= -1e-9, t <= 1 + 1e-9 else { return nil }
        let px = min(max(0, nearestInteger(t * Double(subWidth - 1))), subWidth - 1)
        return plot.x + px >> marker.shifts.columns
    }

    /// The canvas row of `y`, nil when outside the range or not finite.
    func row(_ y: Double) -> Int? {
        guard y.isFinite, !plot.isEmpty else { return nil }
        let t = (yMax - y) / (yMax - yMin)
        guard t >= -1e-9, t <= 1 + 1e-9 else { return nil }
        let py = min(max(0, nearestInteger(t * Double(subHeight - 1))), subHeight - 1)
        return plot.y + py >> marker.shifts.rows
    }

    /// The canvas cell of a data point, nil when outside the ranges.
    func cell(_ x: Double, _ y: Double) -> (x: Int, y: Int)? {
        guard let c = column(x), let r = row(y) else { return nil }
        return (c, r)
    }

    /// Axis lines, ticks, tick labels and titles.
    func drawAxes(_ axes: PlotAxes, glyphs: GlyphSet, on canvas: inout Canvas) {
        let style = axes.style
        if let titleRow { canvas.draw(Line(axes.yTitle, style: style), in: titleRow, ellipsis: glyphs.ellipsis) }
        guard hasAxes else { return }
        let axisX = plot.x - 1, axisY = plot.maxY
        for y in plot.y..<plot.maxY { canvas.put(glyphs.axisVertical, x: axisX, y: y, style: style, clip: area) }
        for x in plot.x..<plot.maxX { canvas.put(glyphs.axisHorizontal, x: x, y: axisY, style: style, clip: area) }
        canvas.put(glyphs.axisOrigin, x: axisX, y: axisY, style: style, clip: area)
        let labelColumn = Rect(x: area.x, y: 0, width: axisX - area.x, height: 1)
        var usedRows = Set<Int>()
        for (t, label) in zip(yTicks, yLabels) {
            guard let r = row(t), !usedRows.contains(r) else { continue }
            usedRows.insert(r)
            canvas.put(glyphs.tickY, x: axisX, y: r, style: style, clip: area)
            canvas.draw(Line(label, style: style), in: Rect(x: labelColumn.x, y: r, width: labelColumn.width, height: 1), alignment: .right)
        }
        // The x title sits at the right end of the tick-label row; labels that would touch it are dropped.
        let labelRow = Rect(x: area.x, y: axisY + 1, width: area.width, height: 1)
        var titleStart = area.maxX
        if zoomed && !axes.xTitle.isEmpty {
            canvas.put(axes.xTitle, x: plot.maxX + 1, y: axisY, style: style, clip: area)
        } else if !axes.xTitle.isEmpty {
            let title = Line(axes.xTitle, style: style).truncated(to: plot.width, ellipsis: glyphs.ellipsis)
            canvas.draw(title, in: labelRow, alignment: .right)
            titleStart = area.maxX - title.width
        }
        var lastEnd = area.x - 1
        for (t, label) in zip(xTicks, xLabels) {
            guard let c = column(t) else { continue }
            canvas.put(glyphs.tickX, x: c, y: axisY, style: style, clip: area)
            let w = ColumnWidth.of(label)
            let start = min(max(area.x, c - w / 2), area.maxX - w)
            let limit = axes.xTitle.isEmpty || zoomed ? area.maxX : titleStart - 1
            guard start > lastEnd, start + w <= limit else { continue }
            canvas.put(label, x: start, y: labelRow.y, style: style, clip: labelRow)
            lastEnd = start + w
        }
    }

    /// The legend row: items separated by two spaces, cut with an ellipsis.
    func drawLegend(_ items: [Line], glyphs: GlyphSet, on canvas: inout Canvas) {
        guard let legend, !items.isEmpty else { return }
        var spans: [Span] = []
        for (i, item) in items.enumerated() {
            if i > 0 { spans.append(Span("  ")) }
            spans += item.spans
        }
        canvas.draw(Line(spans), in: legend, ellipsis: glyphs.ellipsis)
    }

    /// Copies the non-empty raster cells onto the plot, keeping the background
    /// colour of what is underneath (a band) when the series has none.
    func blit(_ raster: PlotRaster, on canvas: inout Canvas) {
        raster.forEachCell { c, r, scalar, glyph, style in
            var s = style
            if s.background == nil { s.background = canvas[plot.x + c, plot.y + r].style.background }
            if let scalar {
                canvas.put(scalar, x: plot.x + c, y: plot.y + r, style: s, clip: plot)
            } else {
                canvas.put(glyph, x: plot.x + c, y: plot.y + r, style: s, clip: plot)
            }
        }
    }
}
