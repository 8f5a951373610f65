import TerminalUI
import Testing

@testable import Explorer

private let tiny = """
    lesson: tiny
    title.en: Tiny
    title.zh: 小课
    step:
    state: ms1;screen=cosine
    panel: cosine.loss
    text.en: L = {loss}.
    text.zh: 损失 L = {loss}。
    question.en: Up or down?
    question.zh: 升还是降？
    choice.en: up
    right.en: down
    choice.zh: 升
    right.zh: 降
    explain.en: Down.
    explain.zh: 降。
    hide: loss
    """

/// A row of the box, written out by hand: border, a space, the text, padding to 60 columns, a space, border.
private func row(_ text: String, columns: Int) -> String {
    "┃ " + text + String(repeating: " ", count: 60 - columns) + " ┃"
}

private func render(_ view: LessonStepView, width: Int, height: Int) -> [String] {
    var canvas = Canvas(width: width, height: height)
    view.render(in: canvas.bounds, on: &canvas)
    return canvas.lines
}

@Test func aStepShowsItsNarrativeQuestionChoicesAndKeysWithHiddenNumbers() throws {
    let session = LessonSession(lesson: try LessonFile.load(tiny, source: "tiny"))
    let view = LessonStepView(session: session, strings: Strings(.en), values: ["loss": "6.9011"])
    #expect(view.preferredHeight(width: 64) == 7)
    #expect(
        render(view, width: 64, height: 7) == [
            "┏ Tiny " + String(repeating: "━", count: 43) + " step 1 of 1 ┓",
            row("L = ?.", columns: 6),
            row("Up or down?", columns: 11),
            row("1) up   2) down", columns: 15),
            row("press 1 to 2 to answer · ? = hidden until you answer", columns: 52),
            row("Space next · Bksp back · r reset step · Esc explore", columns: 51),
            "┗" + String(repeating: "━", count: 62) + "┛",
        ])
}

@Test func theAnswerRevealsTheNumbersAndTheExplanation() throws {
    var session = LessonSession(lesson: try LessonFile.load(tiny, source: "tiny"))
    session.answer(0)
    let view = LessonStepView(session: session, strings: Strings(.en), values: ["loss": "6.9011"])
    #expect(
        render(view, width: 64, height: 8).dropFirst().dropLast() == [
            row("L = 6.9011.", columns: 11),
            row("Up or down?", columns: 11),
            row("1) up ✗   2) down", columns: 17),
            row("Not quite: the answer is 2) down.", columns: 33),
            row("Down.", columns: 5),
            row("Space next · Bksp back · r reset step · Esc explore", columns: 51),
        ])
}

@Test func aChineseStepIsLaidOutByDisplayWidth() throws {
    let session = LessonSession(lesson: try LessonFile.load(tiny, source: "tiny"))
    let view = LessonStepView(session: session, strings: Strings(.zh), values: ["loss": "6.9011"])
    // " 第 1/1 步 " is 11 columns (第 and 步 take 2 each), " 小课 " 6: 62 − 17 = 45 columns of border.
    #expect(
        render(view, width: 64, height: 7) == [
            "┏ 小课 " + String(repeating: "━", count: 45) + " 第 1/1 步 ┓",
            row("损失 L = ?。", columns: 12),
            row("升还是降？", columns: 10),
            row("1) 升   2) 降", columns: 13),
            row("按 1 到 2 作答 · ? = 作答后揭晓", columns: 31),
            row("空格 下一步 · 退格 上一步 · r 回到本步状态 · Esc 自由探索", columns: 57),
            "┗" + String(repeating: "━", count: 62) + "┛",
        ])
}

@Test func theEndOfALessonShowsTheScore() throws {
    var session = LessonSession(lesson: try LessonFile.load(tiny, source: "tiny"))
    session.answer(1)
    session.next()
    let en = render(LessonStepView(session: session, strings: Strings(.en), values: [:]), width: 64, height: 4)
    #expect(en[1] == row("End of the lesson: 1 of 1 answers right.", columns: 40))
    let zh = render(LessonStepView(session: session, strings: Strings(.zh), values: [:]), width: 64, height: 4)
    #expect(zh[1] == row("本课结束：1 道题答对 1 道。", columns: 27))
}

@Test func everyBuiltInStepFitsAt80ColumnsInBothLanguagesWithNothingCut() throws {
    let lessons = try LessonLibrary.builtIn()
    for (number, lesson) in lessons.enumerated() {
        for index in lesson.steps.indices {
            var session = LessonSession(lesson: lesson)
            for _ in 0..<index { session.next() }
            let step = session.step
            let batch = step.state.screen == .batch ? BatchEngine(file: nil).snapshot(for: step.state) : nil
            let values = LessonQuantities.values(LessonQuantities.Inputs(state: step.state, batch: batch))
            for answered in [false, true] {
                if answered { session.answer(0) }
                for language in Language.allCases {
                    let view = LessonStepView(session: session, number: number + 1, strings: Strings(language), values: values)
                    let height = view.preferredHeight(width: 80)
                    // Room left for the screen's own panels above the lesson box at 80×24.
                    #expect(height <= 16, "\(lesson.id) step \(index + 1) \(language): \(height) rows")
                    var canvas = Canvas(width: 80, height: 24)
                    view.render(in: Rect(x: 0, y: 24 - height, width: 80, height: height), on: &canvas)
                    let box = canvas.lines.suffix(height)
                    let where_ = "\(lesson.id) step \(index + 1) \(language) answered \(answered)"
                    // Nothing was cut with an ellipsis, and every narrative row is there whole.
                    #expect(!box.dropFirst().contains { $0.contains("…") }, "\(where_)")
                    let narrative = (step.narrative[language] ?? []).map { text in
                        Template.fill(text) { session.hiddenQuantities.contains($0) ? "?" : values[$0] }
                    }
                    for paragraph in narrative {
                        for wrapped in Line(paragraph).wrapped(to: 76) {
                            #expect(box.contains { $0.hasPrefix("┃ " + wrapped.text) }, "\(where_): \(wrapped.text)")
                        }
                    }
                    // Every row spans exactly the 80 columns: no wide character hangs over the border.
                    for line in box { #expect(ColumnWidth.of(line) == 80, "\(where_): \(line)") }
                    // Every placeholder was filled.
                    #expect(!box.contains { $0.contains("{") }, "\(where_)")
                }
            }
        }
    }
}

@Test func theStepViewNeverTrapsInTinyAreas() throws {
    let session = LessonSession(lesson: try LessonFile.load(tiny, source: "tiny"))
    for language in Language.allCases {
        let view = LessonStepView(session: session, strings: Strings(language), values: [:], glyphs: .ascii)
        for (w, h) in [(0, 0), (1, 1), (2, 2), (3, 5), (7, 3), (13, 20)] {
            var canvas = Canvas(width: w, height: h)
            view.render(in: canvas.bounds, on: &canvas)
            for line in canvas.lines { #expect(ColumnWidth.of(line) <= w) }
        }
    }
}
