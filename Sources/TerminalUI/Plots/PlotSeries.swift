/// One data series of a plot: a polyline or a set of points, told apart from
/// the others by its marker shape and line pattern as well as its style.
///
/// Non-finite points are skipped (a polyline is broken there); points outside
/// the axes' ranges are clipped.
public struct PlotSeries: Sendable {
    /// Whether consecutive points are joined.
    public enum Kind: Hashable, Sendable {
        /// A polyline through the points, rasterised on the sub-cell grid.
        case line
        /// Each point drawn as the series' glyph in its cell.
        case points
    }

    public var label: String
    public var points: [(x: Double, y: Double)]
    public var kind: Kind
    /// The glyph for points, for lines on the ASCII grid, and in the legend.
    public var shape: MarkerShape
    public var style: Style
    public var lineStyle: LineStyle
    /// A line's glyph is drawn on it every `markEvery` columns (0: never), and
    /// in the middle of its legend sample, so the series is known without colour.
    public var markEvery: Int

    public init(
        _ label: String, points: [(x: Double, y: Double)], kind: Kind = .line,
        shape: MarkerShape = .dot, style: Style = .plain, lineStyle: LineStyle = .solid, markEvery: Int = 0
    ) {
        self.label = label
        self.points = points
        self.kind = kind
        self.shape = shape
        self.style = style
        self.lineStyle = lineStyle
        self.markEvery = markEvery
    }

    /// Line looks that stay distinct without colour, in `NO_COLOR` and in
    /// `--ascii`: series number `i` of a plot takes `looks[i % looks.count]`,
    /// with a `markEvery` of about 8 columns.
    ///
    /// solid ● (ASCII `o`), dotted ▲ (`^`), dashed ■ (`#`), solid ◆ (`@`),
    /// dotted × (`x`). In braille the patterns differ in every cell (two dots
    /// against one), and the glyphs are never braille; in ASCII the line itself
    /// is drawn with its glyph.
    public static let looks: [(lineStyle: LineStyle, shape: MarkerShape)] = [
        (.solid, .dot), (.dotted, .triangle), (.dashed, .square), (.solid, .diamond), (.dotted, .cross),
    ]
}

/// A horizontal line across the plot at `y`, labelled at its right end.
public struct ReferenceLine: Hashable, Sendable {
    public var y: Double
    public var label: String
    public var style: Style

    public init(y: Double, label: String = "", style: Style = .plain.dimmed) {
        self.y = y
        self.label = label
        self.style = style
    }
}

/// A vertical line down the plot at `x` (e.g. the current cos θ), labelled
/// on the plot's top row.
public struct VerticalMarker: Hashable, Sendable {
    public var x: Double
    public var label: String
    public var style: Style
    /// Drawn as ┊ / `:` instead of │ / `|`.
    public var dotted: Bool

    public init(x: Double, label: String = "", style: Style = .plain, dotted: Bool = false) {
        self.x = x
        self.label = label
        self.style = style
        self.dotted = dotted
    }
}

/// A shaded region between two x values (░ / `.` in the empty cells, and the
/// style's background kept under the data), labelled on the plot's bottom row.
public struct Band: Hashable, Sendable {
    public var from: Double
    public var to: Double
    public var label: String
    public var style: Style

    public init(from: Double, to: Double, label: String = "", style: Style = .plain.dimmed) {
        self.from = from
        self.to = to
        self.label = label
        self.style = style
    }
}

/// A single point drawn on top of everything with a distinct glyph
/// (◆ / `@` by default), labelled to its right when there is room.
public struct HighlightPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var label: String
    public var shape: MarkerShape
    public var style: Style

    public init(x: Double, y: Double, label: String = "", shape: MarkerShape = .diamond, style: Style = .plain.bolded) {
        self.x = x
        self.y = y
        self.label = label
        self.shape = shape
        self.style = style
    }
}

extension PlotSeries {
    /// A three-cell sample of the series as the plot draws it: the glyph for
    /// points, else a short horizontal line with the series' pattern.
    func legendSample(marker: PlotMarker, glyphs: GlyphSet) -> Line {
        let glyph = glyphs.marker(shape)
        if kind == .points { return Line(glyph, style: style) }
        var raster = PlotRaster(width: 3, height: 1, marker: marker)
        var step = 0
        let row = Double(marker.resolution.rows / 2)
        raster.drawSegment(
            from: (0, row), to: (Double(raster.subWidth - 1), row), owner: 0, style: style,
            glyph: glyph, lineStyle: lineStyle, step: &step)
        return Line(
            (0..<3).map { c in
                Span(c == 1 && markEvery > 0 ? glyph : raster.cell(column: c, row: 0)?.text ?? " ", style)
            })
    }

    /// Rasterises the series (lines only) as series number `owner`.
    func rasterise(into raster: inout PlotRaster, frame: PlotFrame, owner: Int, glyphs: GlyphSet) {
        guard kind == .line else { return }
        // Data to sub-cell coordinates; a non-finite point (or one the mapping overflows) breaks the line.
        let subPoints = points.map { p in p.x.isFinite && p.y.isFinite ? frame.sub(p.x, p.y) : (.nan, .nan) }
        var step = 0
        raster.drawPolyline(subPoints, owner: owner, style: style, glyph: glyphs.marker(shape), lineStyle: lineStyle, step: &step)
    }
}

/// Drawing of the decorations shared by the plots.
extension PlotFrame {
    func drawBands(_ bands: [Band], glyphs: GlyphSet, on canvas: inout Canvas) {
        for band in bands {
            guard let (a, b) = columnSpan(band.from, band.to) else { continue }
            for y in plot.y..<plot.maxY {
                for x in a...b { canvas.put(glyphs.shade, x: x, y: y, style: band.style, clip: plot) }
            }
        }
    }

    /// The clipped column range of the x interval, nil when it misses the plot.
    func columnSpan(_ from: Double, _ to: Double) -> (Int, Int)? {
        guard from.isFinite || to.isFinite, !plot.isEmpty else { return nil }
        let lo = min(from.isNaN ? to : from, to.isNaN ? from : to), hi = max(from.isNaN ? to : from, to.isNaN ? from : to)
        guard hi >= xMin, lo <= xMax else { return nil }
        guard let a = column(max(lo, xMin)), let b = column(min(hi, xMax)) else { return nil }
        return (a, b)
    }

    func drawReferenceLines(_ lines: [ReferenceLine], glyphs: GlyphSet, on canvas: inout Canvas) {
        for line in lines {
            guard let r = row(line.y) else { continue }
            for x in plot.x..<plot.maxX { canvas.put(glyphs.referenceLine, x: x, y: r, style: line.style, clip: plot) }
        }
    }

    func drawMarkers(_ markers: [VerticalMarker], glyphs: GlyphSet, on canvas: inout Canvas) {
        for m in markers {
            guard let c = column(m.x) else { continue }
            for y in plot.y..<plot.maxY {
                canvas.put(m.dotted ? glyphs.dottedMarkerLine : glyphs.markerLine, x: c, y: y, style: m.style, clip: plot)
            }
        }
    }

    /// Labels of reference lines, markers and bands, drawn last so they stay readable.
    func drawLabels(
        references: [ReferenceLine], markers: [VerticalMarker], bands: [Band],
        glyphs: GlyphSet, on canvas: inout Canvas
    ) {
        for line in references where !line.label.isEmpty {
            guard let r = row(line.y) else { continue }
            canvas.draw(
                Line(" " + line.label, style: line.style), in: Rect(x: plot.x, y: r, width: plot.width, height: 1),
                alignment: .right, ellipsis: glyphs.ellipsis)
        }
        for m in markers where !m.label.isEmpty {
            guard let c = column(m.x) else { continue }
            drawTag(m.label, column: c, row: plot.y, style: m.style, on: &canvas)
        }
        for band in bands where !band.label.isEmpty {
            guard let (a, b) = columnSpan(band.from, band.to) else { continue }
            canvas.draw(
                Line(band.label, style: band.style), in: Rect(x: a, y: plot.maxY - 1, width: b - a + 1, height: 1),
                alignment: .center, ellipsis: glyphs.ellipsis)
        }
    }

    /// A label beside cell (`column`, `row`): to the right when it fits, else
    /// to the left (ending before `leftOf`, which defaults to `column`).
    func drawTag(_ text: String, column: Int, row: Int, style: Style, on canvas: inout Canvas, leftOf: Int? = nil) {
        let w = ColumnWidth.of(text)
        let start = column + 1 + w <= plot.maxX ? column + 1 : (leftOf ?? column) - w
        guard start >= plot.x else { return }
        canvas.put(text, x: start, y: row, style: style, clip: plot)
    }
}
