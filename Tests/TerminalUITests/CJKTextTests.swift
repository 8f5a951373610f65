import Testing

@testable import TerminalUI

// Chinese text is laid out by display width: two columns per CJK character,
// rows may end between two CJK characters, and no character is ever cut.

@Test func chineseWithoutSpacesFillsEveryRow() {
    // 10 characters, 20 columns: at 8 columns, four characters a row.
    #expect(lines(Paragraph(["交叉熵损失函数的梯度"]), width: 8, height: 3) == ["交叉熵损", "失函数的", "梯度"])
}

@Test func chineseAtAnOddWidthLeavesTheLastColumnEmpty() {
    // 7 columns hold three wide characters (6); the fourth would straddle the edge.
    let rows = lines(Paragraph(["交叉熵损失函数"]), width: 7, height: 3)
    #expect(rows == ["交叉熵", "损失函", "数"])
    #expect(rows.allSatisfy { ColumnWidth.of($0) <= 7 })
}

@Test func chineseAfterAnEnglishWordContinuesOnTheSameRow() {
    // The old rule broke only at spaces and pushed the whole Chinese run to a new row.
    #expect(lines(Paragraph(["loss 交叉熵损失"]), width: 10, height: 2) == ["loss 交叉", "熵损失"])
}

@Test func closingPunctuationNeverStartsARow() {
    // 交叉熵 fits 6 columns, but then ， would open the next row: 熵 moves down with it.
    #expect(lines(Paragraph(["交叉熵，梯度"]), width: 6, height: 3) == ["交叉", "熵，梯", "度"])
}

@Test func openingPunctuationNeverEndsARow() {
    // 尺度（ would fit 6 columns; the bracket goes down with 余.
    #expect(lines(Paragraph(["尺度（余）"]), width: 6, height: 2) == ["尺度", "（余）"])
}

@Test func symbolsBetweenChineseKeepTheirSpaces() {
    #expect(lines(Paragraph(["当 s = 30 时损失很小"]), width: 12, height: 2) == ["当 s = 30 时", "损失很小"])
}

@Test func chineseLabelIsCutBeforeAWideCharacterThatWouldOverflow() {
    // 9 columns: 交叉熵损 (8) + … would be 9, but … follows 4 characters only if they fit in 8.
    #expect(lines(Label("交叉熵损失函数"), width: 9, height: 1) == ["交叉熵损…"])
    #expect(lines(Label("交叉熵损失函数"), width: 8, height: 1) == ["交叉熵…"])
    #expect(lines(Label("交叉熵", glyphs: .ascii), width: 5, height: 1) == ["交..."])
    #expect(lines(Label("交叉熵", glyphs: .ascii), width: 4, height: 1) == ["..."])
}

@Test func everyWrappedRowOfMixedTextFitsItsWidth() {
    let text: Line = "NormFace 把 logits 换成 s·cos θ_j：只有角度重要，尺度 s 决定 p_y 能有多接近 1（见上界）。"
    for width in 1...40 {
        for row in text.wrapped(to: width) {
            #expect(row.width <= width, "width \(width): \(row.text)")
        }
        // Nothing is lost (from 2 columns, where a wide character fits): every non-space character, in order.
        guard width >= 2 else { continue }
        let joined = text.wrapped(to: width).map(\.text).joined().filter { $0 != " " }
        #expect(joined == text.text.filter { $0 != " " }, "width \(width)")
    }
}

@Test func chineseLabelAlignsByDisplayWidth() {
    #expect(lines(Label("中文", alignment: .right), width: 6, height: 1) == ["  中文"])
    #expect(lines(Label("中文", alignment: .center), width: 8, height: 1) == ["  中文"])
}

@Test func cjkPunctuationAndFullwidthFormsAreWide() {
    for c: Character in ["，", "。", "、", "「", "」", "（", "）", "：", "？", "Ａ"] {
        #expect(ColumnWidth.of(c) == 2, "\(c)")
    }
    // Half-width katakana and the Greek symbols of the formulas are narrow.
    for c: Character in ["ｱ", "θ", "·", "‖", "∂"] {
        #expect(ColumnWidth.of(c) == 1, "\(c)")
    }
}
