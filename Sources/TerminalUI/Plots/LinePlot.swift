/// A plot of one or more series on shared axes, with reference (level) lines,
/// vertical markers, shaded bands, arrows and highlighted points.
///
/// Drawn bottom to top: bands (between x values, then between curves),
/// reference lines, vertical markers, line series (on the sub-cell grid of
/// `marker`), point series, the marks along lines, arrows, highlighted
/// points, then the labels. Series are told apart without colour: a line pattern
/// (`LineStyle`), a glyph every `markEvery` columns, the same pattern and
/// glyph in the legend, and (with `directLabels`) the label at the end of
/// each line. `PlotSeries.looks` lists distinct combinations.
///
/// Two layouts, one value: the compact one for panels (a legend row above the
/// plot when there are at least 5 rows, the y title above the axis, the x
/// title at the end of the tick-label row), and, with `zoomed`, the full-window
/// one:
///
///     y title   ⠤●⠤ first  ⠄▲⠄ second         header (one or two rows)
///      30┤        ⡠⠊
///      ...                                    plot (the rest)
///     -30┼──┬──────┬─────┬──────┬──────┬ x title
///       -1.0  -0.5    0.0   0.5    1.0
///     footer: the current numbers             (when `footer` is not empty)
///
/// The zoomed layout aims for at least 5 labelled ticks on each axis and
/// always labels line ends; at 80×23 it leaves 19 rows of plot (18 when the
/// legend takes two rows). An area too small for it gets the compact layout.
public struct LinePlot: Widget, Sendable {
    public var axes: PlotAxes
    public var series: [PlotSeries]
    /// Labelled level lines across the plot (e.g. the strongest rival's logit).
    public var references: [ReferenceLine]
    public var markers: [VerticalMarker]
    public var bands: [Band]
    public var curveBands: [CurveBand]
    public var arrows: [HorizontalArrow]
    public var highlights: [HighlightPoint]
    public var marker: PlotMarker
    public var showsLegend: Bool
    public var glyphs: GlyphSet
    /// The full-window layout (see above).
    public var zoomed: Bool
    /// Each labelled series' label at the end of its line (always when zoomed).
    public var directLabels: Bool
    /// The one-line footer of the zoomed layout (the current numbers).
    public var footer: Line
    /// The size of highlighted points and point series (`large` for presenting).
    public var markerSize: MarkerSize

    public init(
        axes: PlotAxes, series: [PlotSeries], references: [ReferenceLine] = [], markers: [VerticalMarker] = [],
        bands: [Band] = [], curveBands: [CurveBand] = [], arrows: [HorizontalArrow] = [],
        highlights: [HighlightPoint] = [], marker: PlotMarker? = nil, showsLegend: Bool = true,
        glyphs: GlyphSet = .unicode, zoomed: Bool = false, directLabels: Bool = false, footer: Line = Line([]),
        markerSize: MarkerSize = .normal
    ) {
        self.axes = axes
        self.series = series
        self.references = references
        self.markers = markers
        self.bands = bands
        self.curveBands = curveBands
        self.arrows = arrows
        self.highlights = highlights
        self.marker = marker ?? glyphs.preferredPlotMarker
        self.showsLegend = showsLegend
        self.glyphs = glyphs
        self.zoomed = zoomed
        self.directLabels = directLabels
        self.footer = footer
        self.markerSize = markerSize
    }

    /// The legend entries: each labelled series' sample, a space and its label.
    public var legendItems: [Line] {
        series.filter { !$0.label.isEmpty }.map { s in
            Line(s.legendSample(marker: marker, glyphs: glyphs).spans + [Span(" " + s.label)])
        }
    }

    /// The cells where data is drawn when the plot renders in `area` (inside the legend and axes),
    /// so a caller can map a mouse position back to data coordinates.
    public func dataArea(in area: Rect) -> Rect {
        guard !area.isEmpty else { return .zero }
        return frame(in: area).plot
    }

    /// The canvas cell where the data point (x, y) is drawn when the plot renders in `area`,
    /// nil when it lies outside the axes' ranges.
    ///
    /// For a caller that marks a point with a glyph of its own (an arrowhead) after rendering.
    public func cell(ofX x: Double, y: Double, in area: Rect) -> (x: Int, y: Int)? {
        guard !area.isEmpty else { return nil }
        return frame(in: area).cell(x, y)
    }

    /// The layout in `area`: zoomed when asked for and there is room, else compact.
    func frame(in area: Rect) -> PlotFrame {
        let items = showsLegend ? legendItems : []
        if zoomed {
            let header = PlotFrame.headerRows(title: axes.yTitle, items: items, width: area.width)
            if let frame = PlotFrame(
                zoomedIn: area, axes: axes, marker: marker, headerRows: header,
                footer: !footer.spans.isEmpty, glyphs: glyphs)
            {
                return frame
            }
        }
        return PlotFrame(area: area, axes: axes, marker: marker, legend: !items.isEmpty, glyphs: glyphs)
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let items = showsLegend ? legendItems : []
        let frame = frame(in: area)
        if frame.zoomed {
            frame.drawHeader(title: axes.yTitle, items: items, style: axes.style, glyphs: glyphs, on: &canvas)
        } else {
            frame.drawLegend(items, glyphs: glyphs, on: &canvas)
        }
        frame.drawAxes(axes, glyphs: glyphs, on: &canvas)
        if let row = frame.footerRow { canvas.draw(footer, in: row, ellipsis: glyphs.ellipsis) }
        guard !frame.plot.isEmpty else { return }
        frame.drawBands(bands, glyphs: glyphs, on: &canvas)
        frame.drawCurveBands(curveBands, glyphs: glyphs, on: &canvas)
        frame.drawReferenceLines(references, glyphs: glyphs, on: &canvas)
        frame.drawMarkers(markers, glyphs: glyphs, on: &canvas)
        var raster = PlotRaster(width: frame.plot.width, height: frame.plot.height, marker: marker)
        for (i, s) in series.enumerated() {
            s.rasterise(into: &raster, frame: frame, owner: i, glyphs: glyphs)
        }
        frame.blit(raster, on: &canvas)
        for s in series where s.kind == .points {
            for p in s.points {
                guard let (c, r) = frame.cell(p.x, p.y) else { continue }
                frame.drawPoint(glyphs.marker(s.shape), column: c, row: r, size: markerSize, style: s.style, on: &canvas)
            }
        }
        let marked = series.indices.filter { series[$0].kind == .line && series[$0].markEvery > 0 }
        for (k, i) in marked.enumerated() {
            frame.drawMarks(of: series[i], phase: series[i].markEvery * k / marked.count, glyphs: glyphs, on: &canvas)
        }
        var taken = frame.labelSpans(references: references, markers: markers)
        frame.drawArrows(arrows, taken: &taken, glyphs: glyphs, on: &canvas)
        frame.drawHighlights(highlights, size: markerSize, glyphs: glyphs, on: &canvas)
        frame.drawLabels(references: references, markers: markers, bands: bands, glyphs: glyphs, on: &canvas)
        frame.drawCurveBandLabels(curveBands, glyphs: glyphs, on: &canvas)
        if directLabels || frame.zoomed { frame.drawDirectLabels(series, taken: &taken, glyphs: glyphs, on: &canvas) }
    }
}
