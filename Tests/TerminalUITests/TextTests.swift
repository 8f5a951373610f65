import Testing

@testable import TerminalUI

@Test func labelCutsLongTextWithAnEllipsis() {
    #expect(lines(Label("hello world"), width: 8, height: 1) == ["hello w…"])
    #expect(lines(Label("abcdefg", glyphs: .ascii), width: 5, height: 1) == ["ab..."])
}

@Test func labelAlignsRightAndCentre() {
    #expect(lines(Label("ab", alignment: .right), width: 5, height: 1) == ["   ab"])
    #expect(lines(Label("ab", alignment: .center), width: 6, height: 1) == ["  ab"])
}

@Test func labelNeverSplitsAWideCharacter() {
    // 中文字 takes 6 columns; 5 leave room for 中文 (4) and the ellipsis (1).
    #expect(lines(Label("中文字"), width: 5, height: 1) == ["中文…"])
    // 4 columns: 中 (2) + … (1), the next 文 would need 2.
    #expect(lines(Label("中文字"), width: 4, height: 1) == ["中…"])
}

@Test func labelKeepsTheStylesOfItsSpans() {
    let canvas = rendered(Label(Line([Span("a", .plain.bolded), Span("b", .plain.reversed)])), width: 3, height: 1)
    #expect(canvas[0, 0].style.bold && !canvas[0, 0].style.reverse)
    #expect(canvas[1, 0].style.reverse && !canvas[1, 0].style.bold)
}

@Test func paragraphWrapsAtSpaces() {
    #expect(lines(Paragraph(["the quick brown fox"]), width: 10, height: 3) == ["the quick", "brown fox", ""])
}

@Test func paragraphBreaksWordsLongerThanARow() {
    #expect(lines(Paragraph(["abcdefghij"]), width: 4, height: 3) == ["abcd", "efgh", "ij"])
}

@Test func paragraphDropsRowsBelowTheArea() {
    #expect(lines(Paragraph(["one", "two", "three"]), width: 5, height: 2) == ["one", "two"])
}

@Test func paragraphWithoutWrapCutsEachLine() {
    #expect(lines(Paragraph(["abcdef", "xy"], wrap: false), width: 4, height: 2) == ["abc…", "xy"])
}
