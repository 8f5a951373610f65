/// A plot of one or more series on shared axes, with reference lines,
/// vertical markers, shaded bands and highlighted points.
///
/// Drawn bottom to top: bands, reference lines, vertical markers, line
/// series (on the sub-cell grid of `marker`), point series, highlighted
/// points, then the labels. A legend row (sample + label per labelled series)
/// sits above the plot when there are at least 5 rows, so series are told
/// apart by glyph and pattern, not only by colour.
public struct LinePlot: Widget, Sendable {
    public var axes: PlotAxes
    public var series: [PlotSeries]
    public var references: [ReferenceLine]
    public var markers: [VerticalMarker]
    public var bands: [Band]
    public var highlights: [HighlightPoint]
    public var marker: PlotMarker
    public var showsLegend: Bool
    public var glyphs: GlyphSet

    public init(
        axes: PlotAxes, series: [PlotSeries], references: [ReferenceLine] = [], markers: [VerticalMarker] = [],
        bands: [Band] = [], highlights: [HighlightPoint] = [], marker: PlotMarker? = nil,
        showsLegend: Bool = true, glyphs: GlyphSet = .unicode
    ) {
        self.axes = axes
        self.series = series
        self.references = references
        self.markers = markers
        self.bands = bands
        self.highlights = highlights
        self.marker = marker ?? glyphs.preferredPlotMarker
        self.showsLegend = showsLegend
        self.glyphs = glyphs
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
        let items = showsLegend ? legendItems : []
        return PlotFrame(area: area, axes: axes, marker: marker, legend: !items.isEmpty, glyphs: glyphs).plot
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let items = showsLegend ? legendItems : []
        let frame = PlotFrame(area: area, axes: axes, marker: marker, legend: !items.isEmpty, glyphs: glyphs)
        frame.drawLegend(items, glyphs: glyphs, on: &canvas)
        frame.drawAxes(axes, glyphs: glyphs, on: &canvas)
        guard !frame.plot.isEmpty else { return }
        frame.drawBands(bands, glyphs: glyphs, on: &canvas)
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
                canvas.put(glyphs.marker(s.shape), x: c, y: r, style: s.style, clip: frame.plot)
            }
        }
        frame.drawHighlights(highlights, glyphs: glyphs, on: &canvas)
        frame.drawLabels(references: references, markers: markers, bands: bands, glyphs: glyphs, on: &canvas)
    }
}
