import Testing

@testable import TerminalUI

/// The zoomed layout (one plot value, a bigger rectangle and a flag) and the
/// annotations of the "margin on the cos θ axis" plot.
@Suite struct PlotZoomTests {
    /// Rows whose y-axis cell is a tick (┤ / `+`), and the labels on the tick-label row.
    static func tickCounts(_ canvas: Canvas, plot: Rect) -> (y: Int, x: Int) {
        let axis = plot.x - 1
        let y = (plot.y..<plot.maxY).filter { ["┤", "+"].contains(canvas[axis, $0].text) }
            .filter { canvas.line($0).prefix(axis).contains { $0 != " " } }.count
        let x = canvas.line(plot.maxY + 1).split(separator: " ").filter { Double($0) != nil }.count
        return (y, x)
    }

    @Test(arguments: [(80, 23), (80, 22), (160, 47), (240, 69)])
    func aZoomedPlotHasRoomTitlesFiveTicksPerAxisAndAFooter(_ size: (Int, Int)) {
        for glyphs in [GlyphSet.unicode, .ascii] {
            let plot = targetLogitPlot(glyphs: glyphs)
            let canvas = rendered(plot, width: size.0, height: size.1)
            let data = plot.dataArea(in: canvas.bounds)
            #expect(data.height >= 18, "\(size): \(data.height) rows of plot")
            let ticks = Self.tickCounts(canvas, plot: data)
            #expect(ticks.y >= 5 && ticks.x >= 5, "\(size) \(glyphs.isUnicode): ticks \(ticks)")
            #expect(canvas.lines[0].hasPrefix("target logit   "))
            #expect(canvas.lines[data.maxY].hasSuffix(" cos θ_y"))
            #expect(canvas.lines[size.1 - 1] == "s = 30  m = 0.35  cos θ_y = 0.50  z_y = 4.50  p_y = 0.12")
        }
    }

    @Test func aRangeWithFewNiceTicksStillGetsFiveWhenZoomed() {
        let plot = LinePlot(axes: PlotAxes(x: 0...0.7, y: 0...0.7), series: [], zoomed: true)
        let canvas = rendered(plot, width: 80, height: 23)
        let ticks = Self.tickCounts(canvas, plot: plot.dataArea(in: canvas.bounds))
        // 0…0.7 with at most 5 ticks is 0, 0.2, 0.4, 0.6: four; zoomed takes a step of 0.1.
        #expect(niceTicks(0, 0.7, count: 5).count == 4)
        #expect(ticks.y >= 5 && ticks.x >= 5, "\(ticks)")
    }

    @Test func theSamePlotRendersCompactWhenNotZoomedOrTooSmall() {
        var plot = targetLogitPlot(glyphs: .unicode)
        plot.zoomed = false
        let compact = rendered(plot, width: 40, height: 10)
        #expect(compact.lines[0] == "⠤●⠤ s·cos θ  ⠄▲⠄ s·(cos θ − m)")
        #expect(compact.lines[1] == "target logit")
        #expect(!compact.text.contains("p_y"))
        // Zoomed in 40×8 there is no room for 4 rows of plot plus 5 rows of frame: compact instead.
        plot.zoomed = true
        #expect(rendered(plot, width: 40, height: 8).lines[0] == compact.lines[0])
        #expect(plot.dataArea(in: Rect(x: 0, y: 0, width: 40, height: 8)).y == 2)
    }

    @Test func marksSitOnTheLineEveryFewColumnsAndInTheLegend() {
        let plot = LinePlot(
            axes: PlotAxes(x: 0...1, y: 0...1),
            series: [PlotSeries("a", points: [(0, 0.5), (1, 0.5)], markEvery: 3)], showsLegend: false)
        // y = 0.5 lies on dot row 2 (⠤); the glyph replaces columns 0, 3 and 6.
        #expect(lines(plot, width: 8, height: 1) == ["●⠤⠤●⠤⠤●⠤"])
        let legend = LinePlot(
            axes: PlotAxes(x: 0...1, y: 0...1),
            series: [
                PlotSeries("a", points: [], markEvery: 8),
                PlotSeries("b", points: [], shape: .triangle, lineStyle: .dotted, markEvery: 8),
            ])
        #expect(legend.legendItems.map(\.text) == ["⠤●⠤ a", "⠄▲⠄ b"])
    }

    @Test func theMarksOfTwoSeriesFallInDifferentColumns() {
        let plot = LinePlot(
            axes: PlotAxes(x: 0...1, y: 0...1),
            series: [
                PlotSeries("", points: [(0, 1), (1, 1)], markEvery: 4),
                PlotSeries("", points: [(0, 0), (1, 0)], shape: .triangle, markEvery: 4),
            ], showsLegend: false, glyphs: .ascii)
        // Second series starts half a period (2 columns) later.
        #expect(lines(plot, width: 8, height: 2) == ["oooooooo", "^^^^^^^^"])
        var braille = plot
        braille.glyphs = .unicode
        braille.marker = .braille
        #expect(lines(braille, width: 8, height: 2) == ["●⠉⠉⠉●⠉⠉⠉", "⣀⣀▲⣀⣀⣀▲⣀"])
    }

    @Test func anArrowRunsFromTailToHeadWithItsLabelAbove() {
        let right = LinePlot(
            axes: PlotAxes(x: 0...10, y: 0...1), series: [],
            arrows: [HorizontalArrow(from: 2, to: 6, y: 0.5, label: "m=1")], glyphs: .ascii)
        // No axes in 11×3: column = x, row(0.5) = 1; the label is centred over columns 3…5.
        #expect(lines(right, width: 11, height: 3) == ["   m=1", "  |--->", ""])
        let left = LinePlot(
            axes: PlotAxes(x: 0...10, y: 0...1), series: [],
            arrows: [HorizontalArrow(from: 6, to: 2, y: 1), HorizontalArrow(from: 9, to: 20, y: 0)],
            glyphs: .ascii)
        // The second arrow's head is clamped to the right edge.
        #expect(lines(left, width: 11, height: 3) == ["  <---|", "", "         |>"])
    }

    @Test func aCurveBandShadesTheCellsBetweenTwoCurves() {
        let plot = LinePlot(
            axes: PlotAxes(x: 0...4, y: 0...4), series: [],
            curveBands: [CurveBand(lower: [(0, 0), (4, 0)], upper: [(0, 0), (4, 4)], label: "")],
            glyphs: .ascii)
        // Column c covers rows 4 − c … 4: a triangle.
        #expect(lines(plot, width: 5, height: 5) == ["    .", "   ..", "  ...", " ....", "....."])
    }

    @Test func largeMarkersArePlusSignsWithTheLabelPastTheArm() {
        var plot = LinePlot(
            axes: PlotAxes(x: 0...6, y: 0...2), series: [],
            highlights: [HighlightPoint(x: 2, y: 1, label: "x")], glyphs: .ascii)
        #expect(lines(plot, width: 7, height: 3) == ["", "  @x", ""])
        plot.markerSize = .large
        #expect(lines(plot, width: 7, height: 3) == ["  @", " @@@x", "  @"])
    }

    @Test func directLabelsSitAtLineEndsAndMoveOffEachOther() {
        let plot = LinePlot(
            axes: PlotAxes(x: 0...9, y: 0...2),
            series: [
                PlotSeries("aa", points: [(0, 0), (4, 0)], shape: .star),
                PlotSeries("bb", points: [(0, 1), (4, 0)], shape: .plus),
                PlotSeries("cc", points: [(0, 2), (9, 2)], shape: .cross),
            ], showsLegend: false, glyphs: .ascii, directLabels: true)
        // No axes in 10×3: column = x, rows 0…2 from the top. "aa" ends at (4, 2) and is labelled
        // to the right; "bb" ends in the same cell and moves up a row; "cc" ends at the right
        // edge and is labelled to the left. bb's Bresenham line is (0,1) (1,1) (2,2) (3,2) (4,2).
        #expect(lines(plot, width: 10, height: 3) == ["xxxxxxxccx", "++   bb", "**+++aa"])
    }

    @Test func aDirectLabelSitsAtTheLastPointOfTheRightmostColumn() {
        // The line goes right to x = 7, back left, right to 7 again, left, then out of the axes.
        // Column 7 holds two of its points, (7, 0) on the bottom row and (7, 2) on the top one: the
        // label goes beside the later, on the top row; the point outside (x = 20) does not count.
        let plot = LinePlot(
            axes: PlotAxes(x: 0...9, y: 0...2),
            series: [PlotSeries("ab", points: [(0, 0), (7, 0), (2, 2), (7, 2), (1, 1), (20, 1)], shape: .star)],
            showsLegend: false, glyphs: .ascii, directLabels: true)
        let rows = lines(plot, width: 10, height: 3)
        #expect(rows[0].hasSuffix("*ab"), "\(rows)")
        #expect(!rows[2].contains("ab"), "\(rows)")
    }
}

/// The boundary plot for "what does m do to the decision?" (issue item 6).
@Suite struct BoundaryPlotTests {
    @Test(arguments: [GlyphSet.unicode, .ascii], [(80, 23), (240, 69)])
    func itsTwoBoundariesAreToldApartWithoutColour(_ glyphs: GlyphSet, _ size: (Int, Int)) {
        let problems = SeriesMarkCheck.problems(boundaryPlot(glyphs: glyphs), width: size.0, height: size.1)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theBandWidthAndTheSampleAreReadableAt80x23() {
        // 75° − acos(cos 75° + 0.35) = 22.50°, from Python's math module.
        let canvas = rendered(boundaryPlot(glyphs: .unicode), width: 80, height: 23)
        let text = canvas.text
        #expect(text.contains("band 22.5°"))
        #expect(text.contains("◆sample (60°, 75°)"))
        #expect(text.contains("░"))
        // The arrow sits on the sample's row, its head at the LMCL boundary left of the sample.
        let row = canvas.lines.first { $0.contains("◆sample") } ?? ""
        #expect(row.contains("←──◆"))
    }
}
