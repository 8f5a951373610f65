/// The full-window layout of a plot (`LinePlot.zoomed`).
extension PlotFrame {
    /// How many header rows the y title and the legend need in `width`
    /// columns: 0 with neither, 1 when they fit on one row, else 2.
    static func headerRows(title: String, items: [Line], width: Int) -> Int {
        if title.isEmpty && items.isEmpty { return 0 }
        return headerLines(title: title, items: items, style: .plain, width: width).count <= 1 ? 1 : 2
    }

    /// The header's rows: the y title, three spaces, then legend items two
    /// spaces apart, an item that does not fit starting the next row.
    static func headerLines(title: String, items: [Line], style: Style, width: Int) -> [Line] {
        var rows: [[Span]] = [title.isEmpty ? [] : [Span(title, style)]]
        for item in items {
            let used = rows[rows.count - 1].reduce(0) { $0 + $1.width }
            let gap = used == 0 ? 0 : (rows.count == 1 && !title.isEmpty && rows[0].count == 1 ? 3 : 2)
            if used > 0 && used + gap + item.width > width {
                rows.append(item.spans)
            } else {
                if gap > 0 { rows[rows.count - 1].append(Span(String(repeating: " ", count: gap))) }
                rows[rows.count - 1] += item.spans
            }
        }
        return rows.map { Line($0) }
    }

    /// The zoomed layout of `area`, or nil when the area is too small for it
    /// (under 4 rows or 10 columns of plot).
    ///
    /// Rows: `headerRows` of title and legend, the plot, the x axis with the x
    /// title at its right end, the tick labels, and the footer row when asked
    /// for. The y axis gets at least 5 ticks when the ticks can stay two rows
    /// apart; the x axis as many as fit with two columns between labels.
    init?(zoomedIn area: Rect, axes: PlotAxes, marker: PlotMarker, headerRows: Int, footer: Bool, glyphs: GlyphSet) {
        let (xMin, xMax) = PlotFrame.sanitize(axes.x)
        let (yMin, yMax) = PlotFrame.sanitize(axes.y)
        let plotHeight = area.height - headerRows - (footer ? 1 : 0) - 2
        guard plotHeight >= 4 else { return nil }
        let most = max(2, plotHeight / 2 + 1)
        var yTicks: [Double] = []
        for count in min(max(5, axes.yTickCount), most)...most {
            yTicks = niceTicks(yMin, yMax, count: count)
            if yTicks.count >= 5 { break }
        }
        let yLabels = tickLabels(yTicks, missing: glyphs.missing)
        let labelWidth = yLabels.map { ColumnWidth.of($0) }.max() ?? 0
        let titleWidth = axes.xTitle.isEmpty ? 0 : ColumnWidth.of(axes.xTitle) + 1
        let plotWidth = area.width - labelWidth - 1 - titleWidth
        guard plotWidth >= 10 else { return nil }
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y + headerRows, width: plotWidth, height: plotHeight)
        var xTicks: [Double] = [], xLabels: [String] = []
        for count in stride(from: max(axes.xTickCount, plotWidth / 6), through: 2, by: -1) {
            xTicks = niceTicks(xMin, xMax, count: count)
            xLabels = tickLabels(xTicks, missing: glyphs.missing)
            if xLabels.reduce(0, { $0 + ColumnWidth.of($1) + 2 }) <= plotWidth { break }
        }
        self.init(
            area: area, plot: plot,
            legend: headerRows > 0 ? Rect(x: area.x, y: area.y, width: area.width, height: headerRows) : nil,
            titleRow: nil, footerRow: footer ? Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1) : nil,
            zoomed: true, hasAxes: true, xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax, marker: marker,
            xTicks: xTicks, yTicks: yTicks, xLabels: xLabels, yLabels: yLabels)
    }

    /// The zoomed header: y title and legend, over one or two rows.
    func drawHeader(title: String, items: [Line], style: Style, glyphs: GlyphSet, on canvas: inout Canvas) {
        guard let legend else { return }
        let rows = PlotFrame.headerLines(title: title, items: items, style: style, width: legend.width)
        for (i, line) in rows.prefix(legend.height).enumerated() {
            canvas.draw(line, in: Rect(x: legend.x, y: legend.y + i, width: legend.width, height: 1), ellipsis: glyphs.ellipsis)
        }
    }
}
