import Testing
import TerminalUI

@Test func hintBarDropsHintsThatDoNotFitButKeepsHelp() {
    let bar = HintBar([HintBar.Hint("s", "scale"), HintBar.Hint("m", "margin"), HintBar.Hint("q", "quit")])
    #expect(lines(bar, width: 20, height: 1) == ["s scale       ? help"])
    #expect(lines(bar, width: 33, height: 1) == ["s scale  m margin  q quit  ? help"])
    #expect(lines(bar, width: 8, height: 1) == ["  ? help"])
}

@Test func hintBarKeysAreReversed() {
    let canvas = rendered(HintBar([HintBar.Hint("s", "scale")]), width: 20, height: 1)
    #expect(canvas[0, 0].style.reverse)
    #expect(!canvas[2, 0].style.reverse)
    #expect(canvas[14, 0].style.reverse)
}
