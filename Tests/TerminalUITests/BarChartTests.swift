import TerminalUI
import Testing

@Test func barsScaleToTheMaximumInEighths() {
    let chart = BarChart(
        [
            Bar("a", value: 0.5, valueText: "0.5"),
            Bar("bb", value: 1.0, valueText: "1.0", selected: true),
        ], maximum: 1)
    // gutter 2 | label 2 | 1 | bar 7 | 1 | value 3: 0.5 of 7 cells = 3½ cells.
    #expect(lines(chart, width: 16, height: 2) == ["  a  ███▌    0.5", "▶ bb ███████ 1.0"])
}

@Test func asciiBarsRoundToWholeCells() {
    let chart = BarChart(
        [Bar("a", value: 0.5, valueText: "0.5"), Bar("b", value: 0.2, valueText: "0.2")],
        maximum: 1, glyphs: .ascii)
    // bar 8 cells: 4 cells, and 1.6 cells rounds to 2.
    #expect(lines(chart, width: 16, height: 2) == ["  a ####     0.5", "  b ##       0.2"])
}

@Test func selectedBarLabelIsReversed() {
    let canvas = rendered(BarChart([Bar("x", value: 1, valueText: "1", selected: true)], maximum: 2), width: 10, height: 1)
    #expect(canvas[2, 0].style.reverse)
}

@Test func barsBeyondTheMaximumEndInAnOverflowTip() {
    let chart = BarChart([Bar("a", value: 5, valueText: "5"), Bar("b", value: .nan, valueText: "—")], maximum: 1)
    #expect(lines(chart, width: 10, height: 2) == ["  a ███▶ 5", "  b      —"])
}

@Test func divergingBarsGrowBothWaysWithDifferentFills() {
    let chart = DivergingBarChart(
        [
            Bar("a", value: -0.5, valueText: "-0.5"),
            Bar("b", value: 1.0, valueText: "1"),
        ], limit: 1)
    // bar area 7 cells: 3 left of the axis, the axis, 3 right. -0.5 → 1.5 cells → 2.
    #expect(lines(chart, width: 16, height: 2) == ["  a  ▓▓│    -0.5", "  b    │███    1"])
}

@Test func asciiDivergingBarsUseEqualsAndHash() {
    let chart = DivergingBarChart(
        [Bar("a", value: -1, valueText: "-1"), Bar("b", value: 2, valueText: "2")],
        limit: 1, glyphs: .ascii)
    #expect(lines(chart, width: 14, height: 2) == ["  a ===|    -1", "  b    |##>  2"])
}

// MARK: - Fixed and logarithmic scales

private let gradientBars = [
    Bar("j0", value: 0.39, valueText: "0.39"), Bar("j1", value: 0.031, valueText: "0.031"),
    Bar("j2", value: 0.0006, valueText: "0.0006"),
]

@Test func aLogarithmicScaleMeasuresDecadesFromTheFloor() {
    // log10(v / 3e-5) / log10(30 / 3e-5), computed independently with NumPy.
    let scale = BarScale.logarithmic(30, floorRatio: 1e-6, name: "s = 30")
    let expected = [0.6856572253844728, 0.5023734065191017, 0.21683833261066351]
    for (bar, f) in zip(gradientBars, expected) {
        #expect(abs(scale.fraction(of: bar.value)! - f) < 1e-12)
    }
    #expect(scale.fraction(of: scale.floor!) == nil)
    #expect(scale.fraction(of: 0) == nil)
    #expect(scale.fraction(of: 60)! > 1)
    #expect(scale.ticks().map(\.label) == ["3e-5", "1e-4", "0.001", "0.01", "0.1", "1", "10", "s = 30"])
    #expect(abs(scale.ticks()[1].fraction - 0.08714645754672294) < 1e-12)
    #expect(BarScale.linear(30).ticks().map(\.label) == ["0", "30"])
}

@Test func smallGradientsAreVisiblyDifferentOnALogScaleAndVanishOnALinearOne() {
    // 50 columns: gutter 2, labels 2, blank, a 38-cell track, blank, values 6; the caption
    // takes the columns before the track. 38·8 eighths times
    // the fractions above: 208 (26 cells), 153 (19⅛), 66 (8¼).
    let log = BarChart(gradientBars, scale: .logarithmic(30, name: "s = 30"), caption: "|g|")
    #expect(
        lines(log, width: 50, height: 4) == [
            "  j0 ██████████████████████████               0.39",
            "  j1 ███████████████████▏                    0.031",
            "  j2 ████████▎                              0.0006",
            "|g|  3e-5   0.001  0.01   0.1    1   s = 30",
        ])
    // On the linear scale of s only 0.39 shows: 0.39/30 of 304 eighths is 4 (▌).
    let linear = BarChart(gradientBars, scale: .linear(30, name: "s = 30"), caption: "|g|")
    #expect(
        lines(linear, width: 50, height: 4) == [
            "  j0 ▌                                        0.39",
            "  j1                                         0.031",
            "  j2                                        0.0006",
            "|g|  0                               s = 30",
        ])
}

@Test func logBarsStayDistinctInAsciiAndOnDivergingCharts() {
    func barLengths(_ canvas: Canvas, fill: Set<String>) -> [Int] {
        (0..<3).map { y in (0..<canvas.width).filter { fill.contains(canvas[$0, y].text) }.count }
    }
    let ascii = rendered(BarChart(gradientBars, scale: .logarithmic(30), glyphs: .ascii), width: 50, height: 4)
    let a = barLengths(ascii, fill: ["#"])
    #expect(a[0] > a[1] && a[1] > a[2] && a[2] > 0, "\(a)")
    var signed = gradientBars
    signed[0].value = -0.39
    let diverging = rendered(DivergingBarChart(signed, scale: .logarithmic(30, name: "s"), caption: "g"), width: 60, height: 4)
    let d = barLengths(diverging, fill: ["▓", "█", "▏", "▎", "▍", "▌", "▋", "▊", "▉"])
    #expect(d[0] > d[1] && d[1] > d[2] && d[2] > 0, "\(d)")
    // The ruler names the maximum at both ends and the floor at the axis.
    let ruler = diverging.lines[3]
    let words = ruler.split(separator: " ")
    #expect(words.first == "g" && words.dropFirst().first == "s" && words.last == "s", "\(ruler)")
    #expect(ruler.contains("3e-5"))
}

@Test func aChartWithoutRoomForTheRulerDrawsBarsOnly() {
    let chart = BarChart(gradientBars, scale: .logarithmic(30), caption: "|g|")
    #expect(lines(chart, width: 50, height: 1) == ["  j0 ██████████████████████████               0.39"])
}
