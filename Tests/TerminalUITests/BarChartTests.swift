import Testing
import TerminalUI

@Test func barsScaleToTheMaximumInEighths() {
    let chart = BarChart([
        Bar("a", value: 0.5, valueText: "0.5"),
        Bar("bb", value: 1.0, valueText: "1.0", selected: true),
    ], maximum: 1)
    // gutter 2 | label 2 | 1 | bar 7 | 1 | value 3: 0.5 of 7 cells = 3½ cells.
    #expect(lines(chart, width: 16, height: 2) == ["  a  ███▌    0.5", "▶ bb ███████ 1.0"])
}

@Test func asciiBarsRoundToWholeCells() {
    let chart = BarChart([Bar("a", value: 0.5, valueText: "0.5"), Bar("b", value: 0.2, valueText: "0.2")],
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
    let chart = DivergingBarChart([
        Bar("a", value: -0.5, valueText: "-0.5"),
        Bar("b", value: 1.0, valueText: "1"),
    ], limit: 1)
    // bar area 7 cells: 3 left of the axis, the axis, 3 right. -0.5 → 1.5 cells → 2.
    #expect(lines(chart, width: 16, height: 2) == ["  a  ▓▓│    -0.5", "  b    │███    1"])
}

@Test func asciiDivergingBarsUseEqualsAndHash() {
    let chart = DivergingBarChart([Bar("a", value: -1, valueText: "-1"), Bar("b", value: 2, valueText: "2")],
                                  limit: 1, glyphs: .ascii)
    #expect(lines(chart, width: 14, height: 2) == ["  a ===|    -1", "  b    |##>  2"])
}
