import TerminalUI
import Testing

@Test func scrollOffsetKeepsTheSelectionVisible() {
    #expect(Table.scrollOffset(selected: nil, visibleRows: 10, current: 5, count: 100) == 5)
    #expect(Table.scrollOffset(selected: nil, visibleRows: 10, current: 95, count: 100) == 90)
    #expect(Table.scrollOffset(selected: 3, visibleRows: 10, current: 5, count: 100) == 3)
    #expect(Table.scrollOffset(selected: 20, visibleRows: 10, current: 5, count: 100) == 11)
    #expect(Table.scrollOffset(selected: 7, visibleRows: 10, current: 5, count: 100) == 5)
    #expect(Table.scrollOffset(selected: 99, visibleRows: 10, current: 0, count: 100) == 90)
    #expect(Table.scrollOffset(selected: 50, visibleRows: 10, current: 0, count: 3) == 0)
    #expect(Table.scrollOffset(selected: 0, visibleRows: 0, current: 5, count: 100) == 0)
    #expect(Table.scrollOffset(selected: -4, visibleRows: 10, current: 5, count: 100) == 0)
}

@Test func scrollIndicatorCountsFromOne() {
    #expect(Table.scrollIndicator(offset: 11, visibleRows: 20, count: 1024) == "12–31 of 1024")
    #expect(Table.scrollIndicator(offset: 1020, visibleRows: 20, count: 1024, glyphs: .ascii) == "1021-1024 of 1024")
}

@Test func tableShowsHeaderRowsSelectionAndIndicator() {
    let table = Table(
        columns: [Table.Column("n", width: .fixed(3), alignment: .right), Table.Column("name")],
        rows: [["1", "a"], ["2", "b"], ["3", "c"], ["4", "d"], ["5", "e"]],
        selected: 3
    )
    // 4 rows: header, 2 data rows, indicator; row 3 must be visible, so rows 2–3 show.
    let canvas = rendered(table, width: 10, height: 4)
    #expect(canvas.lines == ["  n name", "  3 c", "  4 d", "  3–4 of 5"])
    #expect(canvas[9, 2].style.reverse)
    #expect(!canvas[9, 1].style.reverse)
}

@Test func tableWithRoomForAllRowsHasNoIndicator() {
    let table = Table(
        columns: [Table.Column("x", width: .flexible(1)), Table.Column("y", width: .flexible(1))],
        rows: [["abcdefgh", "1"]])
    #expect(lines(table, width: 9, height: 3) == ["x    y", "abc… 1", ""])
}
