import TerminalUI

/// The lesson panel: one step's narrative, its question and choices, the answer's
/// explanation, and the lesson keys, in a bordered box.
///
/// A widget like any other: drawn fresh each frame into the rectangle it is given,
/// never outside it, at any size. Numbers come from `values` (see
/// `LessonQuantities.values`); those the step hides are written `?` until the
/// question is answered. Text is wrapped by display width, so Chinese never
/// overflows and no character is cut. At 80 columns everything a checked lesson
/// holds fits: `LessonFile` checks the same limits (`narrativeRows`, `promptRows`,
/// `explanationRows`, one row per choice) with the same wrapping.
public struct LessonStepView: Widget {
    public var session: LessonSession
    /// The lesson's place in the picker (1-based), shown in the title when given.
    public var number: Int?
    public var strings: Strings
    public var values: [String: String]
    public var glyphs: GlyphSet

    public init(session: LessonSession, number: Int? = nil, strings: Strings, values: [String: String], glyphs: GlyphSet = .unicode) {
        self.session = session
        self.number = number
        self.strings = strings
        self.values = values
        self.glyphs = glyphs
    }

    // MARK: Limits (shared with the checker)

    /// The terminal width the limits are stated for.
    public static let referenceWidth = 80
    /// Text columns inside the box at `referenceWidth`: border and one space each side.
    public static let textWidth = referenceWidth - 4
    public static let narrativeRows = 6
    public static let promptRows = 2
    public static let explanationRows = 2
    /// Columns for a lesson's title, leaving room for "Lesson 10: " and "step 10 of 10" on the border.
    public static let titleWidth = 48

    /// The number of rows `paragraphs` take when wrapped to `width` columns.
    public static func rowCount(_ paragraphs: [String], width: Int) -> Int {
        paragraphs.reduce(0) { $0 + Line($1).wrapped(to: width).count }
    }

    // MARK: Drawing

    /// The rows the box needs at `width` columns (border included) to show everything.
    public func preferredHeight(width: Int) -> Int { rows(width: max(1, width - 4)).count + 2 }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let language = session.lesson.resolved(strings.language)
        let title = Template.fill(strings[.lessonTitle]) { name in
            switch name {
            case "number": return number.map(String.init) ?? ""
            case "title": return session.lesson.title(language)
            default: return nil
            }
        }
        let stepText =
            session.isFinished
            ? ""
            : strings.format(
                .lessonStep,
                [
                    "step": "\(session.stepIndex + 1)", "steps": "\(session.lesson.steps.count)",
                ])
        let block = Block(
            title: Line(spell(number == nil ? session.lesson.title(language) : title), style: Theme.title),
            titleRight: stepText, highlighted: true, glyphs: glyphs)
        block.render(in: area, on: &canvas)
        let inner = block.inner(area)
        let text = inner.width > 2 ? inner.inset(left: 1, right: 1) : inner
        guard !text.isEmpty else { return }
        var all = rows(width: text.width)
        // The key hint keeps the last row; the content above is cut when the box is too low.
        let hint = all.removeLast()
        let body = all.prefix(max(0, text.height - 1))
        for (i, row) in body.enumerated() {
            canvas.draw(row, in: Rect(x: text.x, y: text.y + i, width: text.width, height: 1), ellipsis: glyphs.ellipsis)
        }
        canvas.draw(hint, in: Rect(x: text.x, y: text.maxY - 1, width: text.width, height: 1), ellipsis: glyphs.ellipsis)
    }

    /// Every row of the box's content at `width` columns, the key hint last.
    func rows(width: Int) -> [Line] {
        let language = session.lesson.resolved(strings.language)
        var out: [Line] = []
        func paragraph(_ text: String, _ style: Style = .plain) { out += Line(spell(text), style: style).wrapped(to: width) }
        if session.isFinished {
            let (right, asked) = session.score
            paragraph(
                asked > 0
                    ? strings.format(.lessonFinished, ["right": "\(right)", "asked": "\(asked)"])
                    : strings[.lessonFinishedNoQuestions], Theme.title)
            out.append(hintLine(strings[.lessonFinishedKeys]))
            return out
        }
        let step = session.step
        let hidden = session.hiddenQuantities
        let fill = { (text: String) in Template.fill(text) { name in hidden.contains(name) ? "?" : values[name] } }
        for p in step.narrative[language] ?? [] { paragraph(fill(p)) }
        if let q = step.question {
            let choices = q.choices[language] ?? []
            paragraph(fill(q.prompt[language] ?? ""), Theme.label)
            if let given = session.answer {
                out += choiceRows(choices, width: width, answered: (given: given, right: q.answer))
                let verdict =
                    given == q.answer
                    ? strings[.lessonRight]
                    : strings.format(.lessonWrong, ["choice": "\(q.answer + 1)) \(choices[q.answer])"])
                paragraph(verdict, given == q.answer ? Theme.negative.bolded : Theme.warning)
                for e in q.explanation[language] ?? [] { paragraph(fill(e)) }
            } else {
                out += choiceRows(choices, width: width, answered: nil)
                var note = strings.format(.lessonAnswerKeys, ["count": "\(choices.count)"])
                if !hidden.isEmpty { note += " · " + strings[.lessonHiddenNote] }
                paragraph(note, Theme.dim)
            }
        }
        out.append(hintLine(strings[.lessonKeys]))
        return out
    }

    /// The choices on one row when they fit, else one per row; once answered, the right
    /// one is bold and the chosen one marked.
    private func choiceRows(_ choices: [String], width: Int, answered: (given: Int, right: Int)?) -> [Line] {
        let spans: [Span] = choices.enumerated().map { i, c in
            var style = Style.plain
            var mark = ""
            if let answered {
                if i == answered.right { style = Theme.negative.bolded }
                if i == answered.given { mark = i == answered.right ? " ✓" : " ✗" }
                if !glyphs.isUnicode { mark = mark.isEmpty ? "" : (i == answered.right ? " (ok)" : " (x)") }
            }
            return Span(spell("\(i + 1)) \(c)") + mark, style)
        }
        let oneRow = spans.reduce(0) { $0 + $1.width } + 3 * (spans.count - 1)
        if oneRow <= width {
            var line: [Span] = []
            for (i, s) in spans.enumerated() {
                if i > 0 { line.append(Span("   ")) }
                line.append(s)
            }
            return [Line(line)]
        }
        return spans.map { Line([$0]).truncated(to: width, ellipsis: glyphs.ellipsis) }
    }

    private func hintLine(_ text: String) -> Line { Line(spell(text), style: Theme.dim) }

    private func spell(_ text: String) -> String { ScreenParts.spell(text, glyphs) }
}
