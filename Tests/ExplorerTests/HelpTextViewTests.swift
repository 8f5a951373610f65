import TerminalUI
import Testing

@testable import Explorer

@Test func everyScreensGlossaryFitsTheHelpAt80x24InBothLanguagesWithNothingCut() {
    for screen in Screen.allCases {
        for language in Language.allCases {
            let view = GlossaryView(screen: screen, strings: Strings(language))
            let size = view.preferredSize
            // Inside a bordered help box at 80×24: 76 columns, 22 rows.
            #expect(size.width <= 76 && size.height <= 22, "\(screen) \(language): \(size)")
            var canvas = Canvas(width: 76, height: 22)
            view.render(in: canvas.bounds, on: &canvas)
            let lines = canvas.lines
            #expect(lines[0] == Strings(language)[.helpGlossaryTitle])
            #expect(!lines.contains { $0.contains("…") }, "\(screen) \(language)")
            for entry in Glossary.entries(on: screen) {
                let meaning = Strings(language)[entry.meaning]
                #expect(lines.contains { $0.hasPrefix(entry.symbol) && $0.hasSuffix(meaning) }, "\(screen) \(language): \(entry.symbol)")
            }
        }
    }
}

@Test func theGlossaryAlignsMeaningsInOneColumnByDisplayWidth() {
    var canvas = Canvas(width: 76, height: 22)
    GlossaryView(screen: .softmax, strings: Strings(.zh)).render(in: canvas.bounds, on: &canvas)
    // Softmax's widest symbol is "∂L/∂x_j" and "p_j, p_y" (8 columns): meanings start at column 9.
    #expect(canvas.lines[1] == "y        目标类别（真实标签），表中标 y")
    #expect(canvas.lines.contains("x_j      类别 j 的 logit：softmax 之前的原始得分"))
}

@Test func everyPanelExplanationFitsABoxOf60ColumnsAndTenRowsInBothLanguages() {
    for panel in Panel.allCases {
        for language in Language.allCases {
            let view = PanelExplanationView(panel: panel, strings: Strings(language))
            let height = view.preferredHeight(width: 60)
            #expect(height <= 10, "\(panel) \(language): \(height)")
            var canvas = Canvas(width: 60, height: height)
            view.render(in: canvas.bounds, on: &canvas)
            let lines = canvas.lines
            // Every sentence is there whole: the rows, joined, give back the explanation.
            let body = lines.dropFirst().dropLast().map { String($0.dropFirst(2).dropLast(2)).trimmingTrailingSpaces }
            let expected = Strings(language)[panel.explanationKey].filter { $0 != " " }
            #expect(body.joined().filter { $0 != " " } == expected, "\(panel) \(language)")
        }
    }
}

@Test func theHelpTextViewsNeverTrapInTinyAreas() {
    for (w, h) in [(0, 0), (1, 1), (2, 2), (5, 3), (17, 4)] {
        var canvas = Canvas(width: w, height: h)
        GlossaryView(screen: .batch, strings: Strings(.zh), glyphs: .ascii).render(in: canvas.bounds, on: &canvas)
        PanelExplanationView(panel: .batchView, strings: Strings(.zh), glyphs: .ascii).render(in: canvas.bounds, on: &canvas)
        for line in canvas.lines { #expect(ColumnWidth.of(line) <= w) }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
