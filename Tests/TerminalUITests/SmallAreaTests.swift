import TerminalUI
import Testing

/// Every widget, in both glyph sets, with awkward data.
private func allWidgets(_ glyphs: GlyphSet) -> [any Widget] {
    let axes = PlotAxes(x: 0...1, y: -1...1, xTitle: "cos θ", yTitle: "loss")
    let series = [
        PlotSeries("a", points: [(0, 0), (0.5, .nan), (1, 1e300), (2, -1)]),
        PlotSeries("b", points: [(0.2, 0.2)], kind: .points, lineStyle: .dashed),
    ]
    return [
        Label("hello 中文", glyphs: glyphs),
        Paragraph(["some words to wrap 中文字"], glyphs: glyphs),
        Block(title: "Title", titleRight: "x", footer: "foot", highlighted: true, glyphs: glyphs),
        BarChart(
            [Bar("label", value: 0.7, valueText: "0.70", selected: true), Bar("n", value: .nan, valueText: "—")],
            maximum: 1, glyphs: glyphs),
        BarChart([Bar("a", value: 1, valueText: "1")], maximum: 0, glyphs: glyphs),
        DivergingBarChart(
            [Bar("a", value: -3, valueText: "-3"), Bar("b", value: .infinity, valueText: "inf")],
            limit: 1, glyphs: glyphs),
        Slider("scale", value: 30, range: 0...64, valueText: "30.00", highlighted: true, glyphs: glyphs),
        Slider("bad", value: .nan, range: 1...1, valueText: "—", glyphs: glyphs),
        LinePlot(
            axes: axes, series: series, references: [ReferenceLine(y: 0.5, label: "ref")],
            markers: [VerticalMarker(x: 0.3, label: "now", dotted: true)],
            bands: [Band(from: 0.8, to: .infinity, label: "band")],
            highlights: [HighlightPoint(x: 0.5, y: 0.5, label: "here")], glyphs: glyphs),
        LinePlot(axes: PlotAxes(x: 1...1, y: -Double.infinity...Double.infinity), series: series, marker: .block, glyphs: glyphs),
        ScatterPlot(
            axes: axes, categories: [ScatterPlot.Category("a", shape: .dot)],
            points: [ScatterPlot.Point(x: 0.5, y: 0, category: 7), ScatterPlot.Point(x: 0.5, y: 0, category: 0)],
            lines: series, highlight: HighlightPoint(x: 0, y: 0, label: "sel"), glyphs: glyphs),
        ScatterPlot(
            axes: axes, categories: [ScatterPlot.Category("a", shape: .dot)], points: [],
            lines: series.map {
                var s = $0; s.markEvery = 2; return s
            },
            highlight: HighlightPoint(x: 1, y: 1, label: "sel"), glyphs: glyphs, markerSize: .large),
        LinePlot(
            axes: axes,
            series: series.map {
                var s = $0; s.markEvery = 3; return s
            },
            references: [ReferenceLine(y: 0.5, label: "rival")], markers: [VerticalMarker(x: 0.3, label: "now")],
            curveBands: [CurveBand(lower: [(0, -1), (1, 0)], upper: [(0, 1), (1, .nan), (2, 3)], label: "band")],
            arrows: [
                HorizontalArrow(from: 0.2, to: 0.9, y: 0.5, label: "m = 0.35 (20.3°)"),
                HorizontalArrow(from: .nan, to: .infinity, y: 0),
            ],
            highlights: [HighlightPoint(x: 1, y: 1, label: "edge")], glyphs: glyphs, zoomed: true,
            directLabels: true, footer: "s = 30  m = 0.35", markerSize: .large),
        targetLogitPlot(glyphs: glyphs),
        BarChart(
            [Bar("a", value: 0.39, valueText: "0.39"), Bar("b", value: 1e-9, valueText: "0")],
            scale: .logarithmic(30, name: "s = 30"), caption: "|g|", glyphs: glyphs),
        DivergingBarChart(
            [Bar("a", value: -0.39, valueText: "-0.39"), Bar("b", value: .nan, valueText: "—")],
            scale: .logarithmic(0, floorRatio: 2, name: "s"), caption: "g", glyphs: glyphs),
        DivergingBarChart([Bar("a", value: -31, valueText: "-31")], scale: .linear(30), caption: "g", glyphs: glyphs),
        Histogram(
            range: 0...1, series: [Histogram.Series("a", counts: [3, 0, 1]), Histogram.Series("b", counts: [1])],
            xTitle: "x", yTitle: "n", glyphs: glyphs),
        Histogram(
            range: 0...1, series: [Histogram.Series("a", counts: [3, 1]), Histogram.Series("b", counts: [])],
            layout: .overlaid, glyphs: glyphs),
        Histogram(range: 0...1, series: [], glyphs: glyphs),
        Table(
            columns: [Table.Column("a", width: .fixed(3)), Table.Column("b", width: .flexible(2))],
            rows: (0..<30).map { ["\($0)", "row 中"] }, selected: 17, offset: 40, glyphs: glyphs),
        Popup(title: "Help", lines: ["line one", "line two 中"], footer: "Esc", glyphs: glyphs),
    ]
}

@Test func everyWidgetRendersInTinyAndEmptyAreasWithoutTrapping() {
    let sizes = [(0, 0), (1, 1), (2, 2), (3, 3), (1, 12), (12, 1), (5, 4), (9, 6), (30, 12), (10, 3), (79, 23), (300, 100)]
    for glyphs in [GlyphSet.unicode, .ascii] {
        for widget in allWidgets(glyphs) {
            for (w, h) in sizes {
                var canvas = Canvas(width: w, height: h)
                widget.render(in: canvas.bounds, on: &canvas)
                #expect(canvas.width == w)
            }
            var canvas = Canvas(width: 4, height: 4)
            widget.render(in: .zero, on: &canvas)
            widget.render(in: Rect(x: 3, y: 3, width: 5, height: 5), on: &canvas)
            widget.render(in: Rect(x: -2, y: -2, width: 3, height: 3), on: &canvas)
        }
    }
}

@Test func widgetsNeverDrawOutsideTheirArea() {
    for glyphs in [GlyphSet.unicode, .ascii] {
        for widget in allWidgets(glyphs) {
            for (w, h) in [(1, 1), (2, 2), (3, 2), (7, 5), (20, 9)] {
                let area = Rect(x: 3, y: 2, width: w, height: h)
                var canvas = Canvas(width: 30, height: 14)
                canvas.fill(canvas.bounds, with: Cell("~"))
                widget.render(in: area, on: &canvas)
                for y in 0..<canvas.height {
                    for x in 0..<canvas.width where !area.contains(x: x, y: y) {
                        #expect(canvas[x, y] == Cell("~"), "\(type(of: widget)) drew at (\(x),\(y)) outside \(area)")
                    }
                }
            }
        }
    }
}
