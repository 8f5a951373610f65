import Testing

@testable import TerminalUI

/// Series told apart without colour: `SeriesMarkCheck` on the plots the
/// screens will build, in Unicode and ASCII, compact and zoomed, and on plots
/// built to fail it.
@Suite struct SeriesMarkTests {
    @Test(arguments: [GlyphSet.unicode, .ascii], [(80, 23), (40, 12), (240, 69)])
    func theTargetLogitPlotMarksEverySeriesDistinctly(_ glyphs: GlyphSet, _ size: (Int, Int)) {
        for zoomed in [true, false] {
            let problems = SeriesMarkCheck.problems(targetLogitPlot(glyphs: glyphs, zoomed: zoomed), width: size.0, height: size.1)
            #expect(problems.isEmpty, "\(size) zoomed \(zoomed): \(problems)")
        }
    }

    @Test func brailleLinesWithoutGlyphMarksFailTheCheck() {
        var plot = targetLogitPlot(glyphs: .unicode)
        plot.series[1].markEvery = 0
        let problems = SeriesMarkCheck.problems(plot, width: 80, height: 23)
        #expect(problems == ["series 's·(cos θ − m)' has no mark (give it a glyph, e.g. markEvery)"])
    }

    @Test func twoSeriesWithOneGlyphFailTheCheck() {
        var plot = targetLogitPlot(glyphs: .unicode)
        plot.series[1].shape = plot.series[0].shape
        let problems = SeriesMarkCheck.problems(plot, width: 80, height: 23)
        #expect(problems.contains("series 's·(cos θ − m)' and 's·cos θ' share the mark '●'"))
        // Each series' ● now also sits on the other one.
        #expect(problems.contains { $0.hasPrefix("the mark '●' of 's·cos θ' at column") })
    }

    @Test func aHighlightDrawnWithASeriesGlyphFailsTheCheck() {
        var plot = targetLogitPlot(glyphs: .unicode)
        plot.highlights = [HighlightPoint(x: -0.5, y: 20, shape: .triangle)]
        let problems = SeriesMarkCheck.problems(plot, width: 80, height: 23)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("the mark '▲' of 's·(cos θ − m)' at column") == true)
    }

    @Test func aLegendTooNarrowToShowAMarkFailsTheCheck() {
        let problems = SeriesMarkCheck.problems(targetLogitPlot(glyphs: .unicode, zoomed: false), width: 10, height: 12)
        #expect(problems.contains("the legend does not show the mark '▲' of 's·(cos θ − m)'"))
    }

    @Test func aMarkInsideAWordIsText() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("cos oo o", x: 0, y: 0)
        #expect(!SeriesMarkCheck.isMark("o", x: 1, y: 0, in: canvas))
        #expect(SeriesMarkCheck.isMark("o", x: 4, y: 0, in: canvas))
        #expect(SeriesMarkCheck.isMark("o", x: 7, y: 0, in: canvas))
    }

    @Test(arguments: [GlyphSet.unicode, .ascii])
    func scatterCategoriesAndAMarkedBoundaryAreDistinct(_ glyphs: GlyphSet) {
        var points: [ScatterPlot.Point] = []
        for k in 0..<40 {
            let t = Double(k) / 40
            points.append(ScatterPlot.Point(x: t, y: 0.9 * t * t, category: 0))
            points.append(ScatterPlot.Point(x: t, y: min(1, 0.2 + t), category: 1))
        }
        let plot = ScatterPlot(
            axes: PlotAxes(x: 0...1, y: 0...1), categories: [.init("inside", shape: .dot), .init("boundary", shape: .cross)],
            points: points, lines: [PlotSeries("y = x", points: [(0, 0), (1, 1)], shape: .square, lineStyle: .dotted, markEvery: 6)],
            glyphs: glyphs)
        let problems = SeriesMarkCheck.problems(plot, width: 60, height: 20)
        #expect(problems.isEmpty, "\(problems)")
    }
}

/// Histograms: fills are the marks.
@Suite struct HistogramMarkTests {
    @Test(arguments: [GlyphSet.unicode, .ascii], [Histogram.Layout.sideBySide, .overlaid])
    func histogramFillsAreDistinctMarks(_ glyphs: GlyphSet, _ layout: Histogram.Layout) {
        let plot = Histogram(
            range: 0...1,
            series: [
                Histogram.Series("margin", counts: [1, 4, 9, 4, 1]),
                Histogram.Series("no margin", counts: [6, 3, 1, 0, 2]),
            ],
            layout: layout, xTitle: "cos", yTitle: "n", glyphs: glyphs)
        let problems = SeriesMarkCheck.problems(plot, width: 60, height: 16)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func twoHistogramSeriesWithOneFillFailTheCheck() {
        let plot = Histogram(
            range: 0...1,
            series: [
                Histogram.Series("a", counts: [1, 4]),
                Histogram.Series("b", counts: [6, 3], fill: "█"),
            ])
        #expect(SeriesMarkCheck.problems(plot, width: 30, height: 10).contains("series 'b' and 'a' share the mark '█'"))
    }
}
