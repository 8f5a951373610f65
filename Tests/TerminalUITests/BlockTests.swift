import TerminalUI
import Testing

@Test func blockDrawsABorderWithATitle() {
    #expect(lines(Block(title: "Loss"), width: 10, height: 3) == ["┌ Loss ──┐", "│        │", "└────────┘"])
}

@Test func blockPutsTheFooterAtTheRightOfTheBottomBorder() {
    #expect(lines(Block(footer: "3"), width: 10, height: 3).last == "└───── 3 ┘")
}

@Test func highlightedBlockUsesAHeavyBorderAndAReversedTitle() {
    let canvas = rendered(Block(title: "Loss", highlighted: true), width: 10, height: 3)
    #expect(canvas.lines == ["┏ Loss ━━┓", "┃        ┃", "┗━━━━━━━━┛"])
    #expect(canvas[2, 0].style.reverse && canvas[2, 0].style.bold)
}

@Test func asciiBlockUsesPlusMinusAndBar() {
    #expect(lines(Block(title: "Loss", glyphs: .ascii), width: 10, height: 3) == ["+ Loss --+", "|        |", "+--------+"])
    #expect(
        lines(Block(title: "Loss", highlighted: true, glyphs: .ascii), width: 10, height: 3)
            == ["# Loss ==#", "#        #", "#========#"])
}

@Test func blockTitleIsCutToTheBorder() {
    #expect(lines(Block(title: "Probabilities"), width: 10, height: 2).first == "┌ Proba… ┐")
}

@Test func blockInnerAreaIsInsideTheBorder() {
    let block = Block()
    #expect(block.inner(Rect(x: 2, y: 3, width: 10, height: 5)) == Rect(x: 3, y: 4, width: 8, height: 3))
    #expect(block.inner(Rect(x: 2, y: 3, width: 1, height: 5)).isEmpty)
}
