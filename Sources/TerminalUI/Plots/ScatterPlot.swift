/// Points in categories on shared axes, with optional lines underneath and
/// one highlighted point on top.
///
/// Each category has a marker shape and a style. A cell holding one point
/// shows its category's glyph; a cell holding several shows the count
/// (2–9, or `GlyphSet.manyPoints` (+) for 10 or more) in the style of the
/// majority category (ties go to the earlier category), so dense regions read
/// as numbers instead of overprinted glyphs. Lines (e.g. the decision
/// boundary y = x + c) are drawn first, on the sub-cell grid of `marker`,
/// with their glyph every `markEvery` columns as in `LinePlot`.
public struct ScatterPlot: Widget, Sendable {
    /// A kind of point: its legend label, glyph and style.
    public struct Category: Hashable, Sendable {
        public var label: String
        public var shape: MarkerShape
        public var style: Style

        public init(_ label: String, shape: MarkerShape, style: Style = .plain) {
            self.label = label
            self.shape = shape
            self.style = style
        }
    }

    /// A point of category number `category` (an index into `categories`).
    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double
        public var category: Int

        public init(x: Double, y: Double, category: Int) {
            self.x = x
            self.y = y
            self.category = category
        }
    }

    public var axes: PlotAxes
    public var categories: [Category]
    public var points: [Point]
    public var lines: [PlotSeries]
    public var highlight: HighlightPoint?
    public var marker: PlotMarker
    public var showsLegend: Bool
    public var glyphs: GlyphSet
    /// The size of the highlighted point (`large` for presenting; the other points stay one cell).
    public var markerSize: MarkerSize

    public init(
        axes: PlotAxes, categories: [Category], points: [Point], lines: [PlotSeries] = [],
        highlight: HighlightPoint? = nil, marker: PlotMarker? = nil, showsLegend: Bool = true,
        glyphs: GlyphSet = .unicode, markerSize: MarkerSize = .normal
    ) {
        self.markerSize = markerSize
        self.axes = axes
        self.categories = categories
        self.points = points
        self.lines = lines
        self.highlight = highlight
        self.marker = marker ?? glyphs.preferredPlotMarker
        self.showsLegend = showsLegend
        self.glyphs = glyphs
    }

    /// The legend entries: categories (glyph and label), then labelled lines.
    public var legendItems: [Line] {
        categories.filter { !$0.label.isEmpty }.map { Line([Span(glyphs.marker($0.shape), $0.style), Span(" " + $0.label)]) }
            + lines.filter { !$0.label.isEmpty }.map { s in
                Line(s.legendSample(marker: marker, glyphs: glyphs).spans + [Span(" " + s.label)])
            }
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let items = showsLegend ? legendItems : []
        let frame = PlotFrame(area: area, axes: axes, marker: marker, legend: !items.isEmpty, glyphs: glyphs)
        frame.drawLegend(items, glyphs: glyphs, on: &canvas)
        frame.drawAxes(axes, glyphs: glyphs, on: &canvas)
        guard !frame.plot.isEmpty else { return }
        var raster = PlotRaster(width: frame.plot.width, height: frame.plot.height, marker: marker)
        for (i, s) in lines.enumerated() {
            s.rasterise(into: &raster, frame: frame, owner: i, glyphs: glyphs)
        }
        frame.blit(raster, on: &canvas)
        let marked = lines.indices.filter { lines[$0].kind == .line && lines[$0].markEvery > 0 }
        for (k, i) in marked.enumerated() {
            frame.drawMarks(of: lines[i], phase: lines[i].markEvery * k / marked.count, glyphs: glyphs, on: &canvas)
        }

        // Counts per cell and category, in one flat buffer (no per-cell allocation);
        // unknown categories count as one extra category.
        let fallback = Category("", shape: .dot)
        let plot = frame.plot
        let kinds = categories.count + 1
        var counts = [Int](repeating: 0, count: plot.width * plot.height * kinds)
        var occupied: [Int] = []
        for p in points {
            guard let (c, r) = frame.cell(p.x, p.y) else { continue }
            let key = (r - plot.y) * plot.width + (c - plot.x)
            let k = categories.indices.contains(p.category) ? p.category : categories.count
            if counts[key * kinds..<(key + 1) * kinds].allSatisfy({ $0 == 0 }) { occupied.append(key) }
            counts[key * kinds + k] += 1
        }
        for key in occupied {
            let perCategory = counts[key * kinds..<(key + 1) * kinds]
            let total = perCategory.reduce(0, +)
            var majority = perCategory.startIndex
            for k in perCategory.indices where perCategory[k] > perCategory[majority] { majority = k }
            majority -= perCategory.startIndex
            let category = majority < categories.count ? categories[majority] : fallback
            let text = total == 1 ? glyphs.marker(category.shape) : total < 10 ? String(total) : glyphs.manyPoints
            canvas.put(text, x: plot.x + key % plot.width, y: plot.y + key / plot.width, style: category.style, clip: plot)
        }
        if let highlight { frame.drawHighlights([highlight], size: markerSize, glyphs: glyphs, on: &canvas) }
    }
}
