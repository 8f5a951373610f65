import Testing

@testable import TerminalUI

@Test func brailleDotsMapToTheirBits() {
    var raster = PlotRaster(width: 1, height: 1, marker: .braille)
    raster.setDot(0, 0, owner: 0, style: .plain, glyph: "*")
    #expect(raster.cell(column: 0, row: 0)?.text == "\u{2801}")
    raster = PlotRaster(width: 1, height: 1, marker: .braille)
    raster.setDot(1, 3, owner: 0, style: .plain, glyph: "*")
    #expect(raster.cell(column: 0, row: 0)?.text == "\u{2880}")
    // All eight dots of a cell: U+28FF.
    raster = PlotRaster(width: 1, height: 1, marker: .braille)
    for x in 0..<2 { for y in 0..<4 { raster.setDot(x, y, owner: 0, style: .plain, glyph: "*") } }
    #expect(raster.cell(column: 0, row: 0)?.text == "\u{28FF}")
    // Left column top to bottom is 1, 2, 4, 0x40; right column 8, 0x10, 0x20, 0x80.
    #expect((0..<4).map { PlotMarker.brailleBit(column: 0, row: $0) } == [0x01, 0x02, 0x04, 0x40])
    #expect((0..<4).map { PlotMarker.brailleBit(column: 1, row: $0) } == [0x08, 0x10, 0x20, 0x80])
}

@Test func blockMarkerUsesHalfBlocks() {
    var raster = PlotRaster(width: 2, height: 1, marker: .block)
    raster.setDot(0, 0, owner: 0, style: .plain, glyph: "*")
    raster.setDot(1, 1, owner: 0, style: .plain, glyph: "*")
    #expect(raster.cell(column: 0, row: 0)?.text == "▀")
    #expect(raster.cell(column: 1, row: 0)?.text == "▄")
    raster.setDot(1, 0, owner: 0, style: .plain, glyph: "*")
    #expect(raster.cell(column: 1, row: 0)?.text == "█")
}

@Test func theLaterSeriesWinsACell() {
    var raster = PlotRaster(width: 1, height: 1, marker: .braille)
    raster.setDot(0, 0, owner: 0, style: .plain.with(foreground: .red), glyph: "*")
    raster.setDot(1, 3, owner: 1, style: .plain.with(foreground: .blue), glyph: "o")
    let cell = raster.cell(column: 0, row: 0)
    #expect(cell?.text == "\u{2880}")
    #expect(cell?.style.foreground == .blue)
}

@Test func aDiagonalLineIsRasterisedOnTheDotGrid() {
    // 2×1 cells of braille = 4×4 dots; (0,1)…(3,0) is the dot diagonal (0,0)…(3,3).
    let plot = LinePlot(axes: PlotAxes(x: 0...3, y: 0...1), series: [PlotSeries("", points: [(0, 1), (3, 0)])])
    // Cell 0: dots (0,0)+(1,1) = 0x01|0x10; cell 1: dots (0,2)+(1,3) = 0x04|0x80.
    #expect(lines(plot, width: 2, height: 1) == ["\u{2811}\u{2884}"])
}

@Test func linesOutsideTheRangeAreClippedAndNonFinitePointsSkipped() {
    let plot = LinePlot(
        axes: PlotAxes(x: 0...1, y: 0...1),
        series: [
            PlotSeries("", points: [(-1e300, 0.5), (1e300, 0.5), (.nan, 0.2), (.infinity, 1), (0.5, 5)])
        ])
    // y = 0.5 falls on dot row round(1.5) = 2 of 4: ⠤ in every cell.
    #expect(lines(plot, width: 4, height: 1) == ["⠤⠤⠤⠤"])
}

@Test func asciiLinePlotDrawsAxesTicksAndTheSeriesGlyph() {
    let plot = LinePlot(
        axes: PlotAxes(x: 0...1, y: 0...1),
        series: [PlotSeries("", points: [(0, 0), (1, 1)], shape: .star)], glyphs: .ascii)
    // Hand-traced Bresenham from (0,3) to (9,0) on the 10×4 plot right of the "1.0+" column.
    #expect(
        lines(plot, width: 14, height: 6) == [
            "1.0+        **",
            "   |     ***",
            "0.5+  ***",
            "0.0+**",
            "   ++--------+",
            "    0        1",
        ])
}

@Test func axisTitlesSitAboveAndAtTheRight() {
    let plot = LinePlot(axes: PlotAxes(x: 0...1, y: 0...1, xTitle: "cos", yTitle: "p"), series: [], glyphs: .ascii)
    let l = lines(plot, width: 14, height: 7)
    #expect(l[0] == "p")
    // The "1" tick label would touch the title, so only "0" is kept.
    #expect(l[6] == "    0      cos")
}

@Test func legendShowsEachSeriesPattern() {
    let plot = LinePlot(
        axes: PlotAxes(x: 0...1, y: 0...1),
        series: [
            PlotSeries("a", points: []),
            PlotSeries("b", points: [], lineStyle: .dotted),
            PlotSeries("c", points: [], lineStyle: .dashed),
            PlotSeries("d", points: [], kind: .points, shape: .triangle),
        ])
    // Samples lie on dot row 2: solid ⠤ (0x04|0x20), dotted every other dot ⠄, dashed 4 on 2 off.
    #expect(plot.legendItems.map(\.text) == ["⠤⠤⠤ a", "⠄⠄⠄ b", "⠤⠤  c", "▲ d"])
    var ascii = plot
    ascii.glyphs = .ascii
    ascii.marker = .ascii
    #expect(ascii.legendItems.map(\.text) == ["ooo a", "o o b", "oo  c", "^ d"])
}

@Test func markersBandsReferencesAndHighlightsAreDrawn() {
    let plot = LinePlot(
        axes: PlotAxes(x: 0...4, y: 0...3), series: [],
        references: [ReferenceLine(y: 3, label: "1")],
        markers: [VerticalMarker(x: 2, label: "th")],
        bands: [Band(from: 3, to: 4)],
        highlights: [HighlightPoint(x: 0, y: 0)],
        glyphs: .ascii
    )
    // No axes in 5×3 (fewer than 4 rows): cells are x = 0…4, rows y = 3, (1.5→)… , 0.
    #expect(lines(plot, width: 5, height: 3) == ["--|th", "  |..", "@ |.."])
}

@Test func scatterPlotShowsGlyphsCountsAndTheHighlight() {
    let a = ScatterPlot.Category("a", shape: .dot)
    let b = ScatterPlot.Category("b", shape: .cross, style: .plain.bolded)
    var points = [ScatterPlot.Point(x: 0, y: 1, category: 0), ScatterPlot.Point(x: 1, y: 1, category: 1)]
    points += Array(repeating: ScatterPlot.Point(x: 3, y: 0, category: 1), count: 3)
    points += [ScatterPlot.Point(x: 3, y: 0, category: 0)]
    points += Array(repeating: ScatterPlot.Point(x: 2, y: 0, category: 0), count: 12)
    points += [ScatterPlot.Point(x: 5, y: 0, category: 0), ScatterPlot.Point(x: .nan, y: 0, category: 0)]
    let plot = ScatterPlot(
        axes: PlotAxes(x: 0...3, y: 0...1), categories: [a, b], points: points,
        highlight: HighlightPoint(x: 1, y: 0), glyphs: .ascii)
    let canvas = rendered(plot, width: 4, height: 2)
    #expect(canvas.lines == ["ox", " @+4"])
    // The 4-point cell is 3×b + 1×a: b's style.
    #expect(canvas[3, 1].style.bold)
    #expect(!canvas[2, 1].style.bold)
}

@Test func scatterPlotDrawsLinesUnderThePoints() {
    let plot = ScatterPlot(
        axes: PlotAxes(x: 0...3, y: 0...3), categories: [ScatterPlot.Category("", shape: .dot)],
        points: [ScatterPlot.Point(x: 1, y: 1, category: 0)],
        lines: [PlotSeries("", points: [(0, 0), (3, 3)], shape: .plus)], glyphs: .ascii)
    #expect(lines(plot, width: 4, height: 4) == ["   +", "  +", " o", "+"])
}

@Test func histogramCountsValuesInBins() {
    #expect(Histogram.counts(of: [0, 0.1, 0.5, 0.99, 1.0, -1, .nan, 2], in: 0...1, bins: 2) == [2, 3])
    #expect(Histogram.counts(of: [1], in: 0...1, bins: 0) == [])
}

@Test func histogramSeriesSideBySideAndOverlaid() {
    let single = Histogram(range: 0...2, series: [Histogram.Series("a", counts: [1, 2])], showsLegend: false, glyphs: .ascii)
    // Two bins of two columns; one column each is left as a gap.
    #expect(lines(single, width: 4, height: 2) == ["  #", "# #"])
    let overlaid = Histogram(
        range: 0...2, series: [Histogram.Series("a", counts: [2, 0]), Histogram.Series("b", counts: [1, 2])],
        layout: .overlaid, showsLegend: false, glyphs: .ascii)
    #expect(lines(overlaid, width: 4, height: 2) == ["##==", "%%=="])
    #expect(overlaid.legendItems.map(\.text) == ["# a", "= b", "% both"])
}
