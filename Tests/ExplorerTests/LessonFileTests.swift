import Foundation
import Testing

@testable import Explorer

/// A small lesson that passes every check, to break one line at a time.
private let goodLesson = """
    lesson: tiny
    title.en: Tiny
    title.zh: 小课

    step:
    state: ms1;screen=cosine;s=30;m=0.35
    panel: cosine.loss
    text.en: The loss is {loss}.
    text.zh: 损失为 {loss}。
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

private func problems(_ text: String) -> [String] { LessonFile.parse(text).problems.map(\.description) }

@Test func aGoodLessonParsesWithItsStepsQuestionAndHiddenNumbers() throws {
    let lesson = try LessonFile.load(goodLesson, source: "tiny")
    #expect(lesson.id == "tiny")
    #expect(lesson.languages == [.en, .zh])
    #expect(lesson.steps.count == 1)
    let step = lesson.steps[0]
    #expect(step.line == 5)
    #expect(step.state.screen == .cosine && step.state.marginSteps == 35)
    #expect(step.panel == .cosineLoss)
    #expect(step.question?.answer == 1)
    #expect(step.question?.choices[.zh] == ["升", "降"])
    #expect(step.hidden == ["loss"])
}

@Test func everyProblemIsReportedWithItsLineNumber() {
    let bad = """
        lesson: Bad_ID
        title.en: A bad lesson

        step:
        state: ms1;screen=cosine;s=9999
        panel: cosine.nothing
        text.en: The loss is {los}.
        question.en: Which?
        choice.en: a
        choice.en: b
        hide: p_y bogus
        text.zh: 中文
        mystery: 1
        """
    #expect(
        problems(bad) == [
            "line 1: lesson id 'Bad_ID' may hold only a–z, 0–9 and -",
            "line 5: state string: s = 9999 is outside 0.01…1000",
            "line 6: unknown panel 'cosine.nothing' (known: softmax.table, softmax.plot, softmax.formulas, cosine.controls, cosine.loss, cosine.classes, cosine.plot, cosine.formulas, geometry.circle, geometry.directions, geometry.gradient, batch.controls, batch.regions, batch.view, compare.losses, compare.plot, train.controls, train.circles, train.charts)",
            "line 7: unknown placeholder {los} (the names are listed in Docs/Lessons.md, e.g. {loss} {p_y} {s} {m})",
            "line 8: question.en has no explain.en (one or two lines shown after the answer)",
            "line 9: question.en has 0 right answers; mark exactly one with right.en",
            "line 11: hide: unknown quantity 'bogus' (the names are listed in Docs/Lessons.md)",
            "line 12: zh text but the lesson has no title.zh",
            "line 13: unknown key 'mystery' (known: lesson, title, step, state, panel, text, question, choice, right, explain, hide)",
        ])
}

@Test func aQuestionNeedsExactlyOneRightAnswerAtTheSamePlaceInEveryLanguage() {
    let twoRight = goodLesson.replacingOccurrences(of: "choice.en: up", with: "right.en: up")
    #expect(problems(twoRight).contains("line 12: question.en has 2 right answers; mark exactly one with right.en"))
    let moved = goodLesson.replacingOccurrences(of: "choice.zh: 升\nright.zh: 降", with: "right.zh: 降\nchoice.zh: 升")
    #expect(problems(moved) == ["line 5: the right answer is not at the same place in every language"])
    let extra = goodLesson.replacingOccurrences(of: "right.zh: 降", with: "right.zh: 降\nchoice.zh: 不变")
    #expect(problems(extra) == ["line 5: the languages give different numbers of choices"])
    let five = goodLesson.replacingOccurrences(of: "choice.en: up", with: "choice.en: a\nchoice.en: b\nchoice.en: c\nchoice.en: d")
    #expect(problems(five).contains("line 12: question.en has 5 choices; give 2 to 4 (choice.en and one right.en)"))
}

@Test func aPanelMustBeOnTheScreenTheStateShows() {
    let wrong = goodLesson.replacingOccurrences(of: "panel: cosine.loss", with: "panel: batch.view")
    #expect(problems(wrong) == ["line 7: panel batch.view is on the batch screen but the state shows cosine"])
}

@Test func narrativeMustFitSixRowsAt80ColumnsCountingChineseAsTwoColumns() {
    // 38 Chinese characters are 76 columns: one row each; six such paragraphs fit.
    let row = String(repeating: "字", count: 38)
    let six = (0..<6).map { _ in "text.zh: \(row)" }.joined(separator: "\n")
    let fits = goodLesson.replacingOccurrences(of: "text.zh: 损失为 {loss}。", with: six)
    #expect(problems(fits) == [])
    // One more character makes a paragraph take two rows: seven rows, too many.
    let over = fits.replacingOccurrences(of: "text.zh: \(row)\ntext.en", with: "text.zh: \(row)字\ntext.en")
        .replacingOccurrences(of: "text.zh: \(row)\n", with: "text.zh: \(row)字\n", options: [], range: fits.range(of: "text.zh: \(row)\n"))
    #expect(problems(over) == ["line 9: text.zh takes 7 rows at 80 columns; at most 6 fit"])
}

@Test func aPlaceholderIsCheckedAtTheWidestValueItCanTake() {
    // 72 columns of text plus {loss} (up to 8 columns) is two rows; six of them is twelve.
    let text = String(repeating: "a", count: 72) + " {loss}"
    let lines = (0..<4).map { _ in "text.en: \(text)" }.joined(separator: "\n")
    let long = goodLesson.replacingOccurrences(of: "text.en: The loss is {loss}.", with: lines)
    #expect(problems(long) == ["line 8: text.en takes 8 rows at 80 columns; at most 6 fit"])
}

@Test func stepsNeedAStateAndTextInEveryLanguageOfTheLesson() {
    let noState = goodLesson.replacingOccurrences(of: "state: ms1;screen=cosine;s=30;m=0.35\n", with: "")
    #expect(problems(noState) == ["line 5: step has no 'state:' line"])
    let noChinese = goodLesson.replacingOccurrences(of: "text.zh: 损失为 {loss}。\n", with: "")
    #expect(problems(noChinese) == ["line 5: step has no text.zh"])
    let hideAlone = """
        lesson: x
        title.en: X
        step:
        state: ms1
        text.en: hi
        hide: loss
        """
    #expect(problems(hideAlone) == ["line 6: hide: without a question the numbers would never be shown"])
}

@Test func aFileWithoutLessonLineOrStepsSaysSo() {
    // Problems of the whole file (line 0) come first.
    #expect(problems("title.en: X\n") == ["no steps: a lesson needs at least one 'step:'", "line 1: no 'lesson: ID' line"])
    #expect(
        problems("lesson: x\ntitle.en: X\nstate: ms1\n") == [
            "no steps: a lesson needs at least one 'step:'", "line 3: 'state:' must follow a 'step:' line",
        ])
}

@Test func aLessonInOneLanguageFallsBackToIt() throws {
    let english = """
        lesson: only-en
        title.en: Only English
        step:
        state: ms1;screen=softmax
        text.en: Hello.
        """
    let lesson = try LessonFile.load(english, source: "x")
    #expect(lesson.languages == [.en])
    #expect(lesson.resolved(.zh) == .en)
    #expect(lesson.title(.zh) == "Only English")
}

@Test func thereAreAtLeastFiveBuiltInLessonsOfFiveToTenStepsInBothLanguages() throws {
    let files = try LessonLibrary.builtInFiles()
    #expect(files.count >= 5)
    for file in files {
        let (lesson, problems) = LessonFile.parse(file.text)
        #expect(problems.isEmpty, "\(file.name): \(problems)")
        guard let lesson else { continue }
        #expect((5...10).contains(lesson.steps.count), "\(file.name)")
        #expect(lesson.languages == [.en, .zh], "\(file.name)")
        #expect(lesson.questionCount >= 3, "\(file.name): predict-then-reveal needs questions")
    }
    let ids = try LessonLibrary.builtIn().map(\.id)
    #expect(ids == ["softmax", "normface", "cosface", "geometry", "bdlmcl", "arcface"])
}

@Test func everyStateOfTheBuiltInLessonsShowsThePanelItHighlights() throws {
    for lesson in try LessonLibrary.builtIn() {
        for step in lesson.steps {
            if let panel = step.panel { #expect(panel.screen == step.state.screen, "\(lesson.id) line \(step.line)") }
            #expect(step.panel != nil, "\(lesson.id) line \(step.line): every built-in step points somewhere")
        }
    }
}

/// Docs/Lessons.md, read from the repository.
private func lessonsDoc() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("Docs/Lessons.md"), encoding: .utf8)
}

@Test func theLessonFormatDocumentListsEveryPlaceholderAndPanel() throws {
    let doc = try lessonsDoc()
    for q in LessonQuantities.all { #expect(doc.contains("| `{\(q.name)}` |"), "\(q.name)") }
    for p in Panel.allCases { #expect(doc.contains("| `\(p.rawValue)` |"), "\(p.rawValue)") }
}

@Test func theExampleInTheLessonFormatDocumentPassesTheCheck() throws {
    let doc = try lessonsDoc()
    let example = try #require(doc.components(separatedBy: "An example (two steps):\n").last?.components(separatedBy: "\n## ").first)
    let text = example.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }.joined(separator: "\n")
    let (lesson, problems) = LessonFile.parse(text)
    #expect(problems.isEmpty, "\(problems)")
    #expect(lesson?.steps.count == 2)
}
