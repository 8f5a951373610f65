import Testing

@testable import TerminalUI

@Test func changesAreOnlyTheRunsThatDiffer() {
    var old = Canvas(width: 5, height: 2)
    old.put("abcde", x: 0, y: 0)
    var new = old
    new.put("XY", x: 1, y: 0)
    new.put("Z", x: 4, y: 1)
    #expect(
        new.changes(from: old) == [
            Canvas.Change(x: 1, y: 0, cells: [Cell("X"), Cell("Y")]),
            Canvas.Change(x: 4, y: 1, cells: [Cell("Z")]),
        ])
    #expect(new.changes(from: new).isEmpty)
}

@Test func changesWithoutAPreviousFrameAreWholeRows() {
    let canvas = Canvas(width: 3, height: 2)
    let changes = canvas.changes(from: nil)
    #expect(changes.map(\.x) == [0, 0])
    #expect(changes.map(\.y) == [0, 1])
    #expect(changes.allSatisfy { $0.cells.count == 3 })
    #expect(canvas.changes(from: Canvas(width: 4, height: 2)).count == 2)
}

@Test func aChangedWideCharacterIsOneRun() {
    var old = Canvas(width: 4, height: 1)
    old.put("中", x: 1, y: 0)
    var new = Canvas(width: 4, height: 1)
    new.put("日", x: 1, y: 0)
    // The continuation cells are equal, so only the head is written; it covers both columns.
    #expect(new.changes(from: old) == [Canvas.Change(x: 1, y: 0, cells: [Cell("日", width: 2)])])
    #expect(new.lines == [" 日"])
}

@Test func narrowOverWideBlanksTheOtherHalf() {
    var old = Canvas(width: 4, height: 1)
    old.put("中", x: 1, y: 0)
    var new = old
    new.put("a", x: 1, y: 0)
    #expect(new.lines == [" a"])
    #expect(new.changes(from: old) == [Canvas.Change(x: 1, y: 0, cells: [Cell("a"), Cell(" ")])])
    var half = old
    half.put("b", x: 2, y: 0)
    #expect(half.lines == ["  b"])
}

@Test func aWideCharacterAtTheEdgeBecomesABlank() {
    var canvas = Canvas(width: 3, height: 1)
    canvas.put("a中", x: 1, y: 0)
    #expect(canvas.lines == [" a"])
    #expect(ColumnWidth.of(canvas.line(0)) == 3)
}

@Test func columnsSplitNeverTrapsOnZeroFractions() {
    let r = Rect(x: 0, y: 0, width: 10, height: 1)
    #expect(r.columns([0, 0], gap: 0).map(\.width) == [5, 5])
    #expect(r.columns([1, .nan], gap: 0).map(\.width) == [10, 0])
}
