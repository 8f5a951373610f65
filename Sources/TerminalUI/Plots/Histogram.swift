/// Counts of values in equal bins over a range, for one or more series,
/// drawn as vertical bars with counts on the y axis.
///
/// Series are told apart by fill glyph: █ ░ ▒ (ASCII `#` `=` `+`), or each
/// series' own `fill`.
/// `.sideBySide` splits each bin's columns between the series (one blank
/// column between bins when there is room); `.overlaid` draws the first two
/// series in the same columns, cells covered by both shown as
/// `GlyphSet.overlap` (▓ / `%`). A non-zero count is at least one cell high.
public struct Histogram: Widget, Sendable {
    /// How several series share a bin.
    public enum Layout: Hashable, Sendable { case sideBySide, overlaid }

    /// One series: a label and its count per bin.
    public struct Series: Hashable, Sendable {
        public var label: String
        public var counts: [Int]
        public var style: Style
        /// The fill glyph, instead of the one for the series' position.
        public var fill: String?

        public init(_ label: String, counts: [Int], style: Style = .plain, fill: String? = nil) {
            self.label = label
            self.counts = counts
            self.style = style
            self.fill = fill
        }
    }

    /// The binned range; bin `i` of `n` covers `lo + i·w ..< lo + (i+1)·w`.
    public var range: ClosedRange<Double>
    public var series: [Series]
    public var layout: Layout
    public var xTitle: String
    public var yTitle: String
    public var axisStyle: Style
    public var showsLegend: Bool
    public var glyphs: GlyphSet

    public init(
        range: ClosedRange<Double>, series: [Series], layout: Layout = .sideBySide,
        xTitle: String = "", yTitle: String = "", axisStyle: Style = .plain,
        showsLegend: Bool = true, glyphs: GlyphSet = .unicode
    ) {
        self.range = range
        self.series = series
        self.layout = layout
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.axisStyle = axisStyle
        self.showsLegend = showsLegend
        self.glyphs = glyphs
    }

    /// Counts of `values` in `bins` equal bins over `range`; the upper bound
    /// falls in the last bin, values outside the range and NaN are not counted.
    public static func counts(of values: [Double], in range: ClosedRange<Double>, bins: Int) -> [Int] {
        guard bins > 0 else { return [] }
        var result = Array(repeating: 0, count: bins)
        let lo = range.lowerBound, hi = range.upperBound
        guard lo.isFinite, hi.isFinite, hi > lo else { return result }
        for v in values where v >= lo && v <= hi {
            let i = min(bins - 1, Int((v - lo) / (hi - lo) * Double(bins)))
            result[i] += 1
        }
        return result
    }

    /// The fill glyph of series number `index`: its own, else █ ░ ▒ (`#` `=` `+`) by position.
    public func fill(_ index: Int) -> String {
        if series.indices.contains(index), let own = series[index].fill { return own }
        let fills = glyphs.isUnicode ? ["█", "░", "▒"] : ["#", "=", "+"]
        return fills[index % fills.count]
    }

    public var legendItems: [Line] {
        var items = series.enumerated().filter { !$0.element.label.isEmpty }.map { i, s in
            Line([Span(fill(i), s.style), Span(" " + s.label)])
        }
        if layout == .overlaid && series.count >= 2 { items.append(Line([Span(glyphs.overlap), Span(" both")])) }
        return items
    }

    /// The count axis: 0 to the largest count.
    var axes: PlotAxes {
        let maxCount = max(1, series.flatMap(\.counts).max() ?? 1)
        return PlotAxes(
            x: range, y: 0...Double(maxCount), xTitle: xTitle, yTitle: yTitle,
            yTickCount: min(5, maxCount + 1), style: axisStyle)
    }

    /// The cells where the bars are drawn in `area`.
    public func dataArea(in area: Rect) -> Rect {
        guard !area.isEmpty else { return .zero }
        return PlotFrame(area: area, axes: axes, marker: .ascii, legend: showsLegend && !legendItems.isEmpty, glyphs: glyphs).plot
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let binCount = series.map(\.counts.count).max() ?? 0
        let maxCount = max(1, series.flatMap(\.counts).max() ?? 1)
        let axes = self.axes
        let items = showsLegend ? legendItems : []
        let frame = PlotFrame(area: area, axes: axes, marker: .ascii, legend: !items.isEmpty, glyphs: glyphs)
        frame.drawLegend(items, glyphs: glyphs, on: &canvas)
        frame.drawAxes(axes, glyphs: glyphs, on: &canvas)
        let plot = frame.plot
        guard !plot.isEmpty, binCount > 0, !series.isEmpty else { return }

        func height(_ count: Int) -> Int {
            guard count > 0 else { return 0 }
            return max(1, min(plot.height, Int((Double(count) / Double(maxCount) * Double(plot.height)).rounded())))
        }
        for bin in 0..<binCount {
            let start = plot.x + bin * plot.width / binCount
            var end = plot.x + (bin + 1) * plot.width / binCount
            switch layout {
            case .sideBySide:
                if end - start >= series.count + 1 { end -= 1 }
                let width = end - start
                for (j, s) in series.enumerated() {
                    let a = start + width * j / series.count, b = start + width * (j + 1) / series.count
                    let h = height(s.counts.indices.contains(bin) ? s.counts[bin] : 0)
                    for x in a..<b {
                        for k in 0..<h { canvas.put(fill(j), x: x, y: plot.maxY - 1 - k, style: s.style, clip: plot) }
                    }
                }
            case .overlaid:
                let shown = Array(series.prefix(2))
                let heights = shown.map { height($0.counts.indices.contains(bin) ? $0.counts[bin] : 0) }
                for x in start..<end {
                    for k in 0..<(heights.max() ?? 0) {
                        let inA = k < heights[0], inB = heights.count > 1 && k < heights[1]
                        let text = inA && inB ? glyphs.overlap : inA ? fill(0) : fill(1)
                        let style = inB ? shown[1].style : shown[0].style
                        canvas.put(text, x: x, y: plot.maxY - 1 - k, style: style, clip: plot)
                    }
                }
            }
        }
    }
}
