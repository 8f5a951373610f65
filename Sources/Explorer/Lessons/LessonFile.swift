import Foundation
import TerminalUI

/// Reads and checks the plain-text lesson format (Docs/Lessons.md).
///
///     lesson: cosface
///     title.en: CosFace: the margin
///     title.zh: CosFace：间隔
///
///     step:
///     state: ms1;screen=cosine;s=30;m=0.2;y=0;cos=0.62,0.5,0.2,-0.1
///     panel: cosine.loss
///     text.en: With m = {m} the loss is {loss}.
///     text.zh: m = {m} 时损失为 {loss}。
///     question.en: Raise m to 0.35: does p_y go up or down?
///     choice.en: up
///     right.en: down
///     explain.en: The margin is taken from the target's cosine: p_y falls.
///     hide: p_y loss
///
/// One `key: value` per line; `#` starts a comment line. Every problem is reported
/// with its line number, and a lesson is returned only when there is none: every
/// state decodes, every placeholder names a quantity of `LessonQuantities`, every
/// question has 2–4 choices with exactly one right (at the same place in every
/// language), and every text fits the lesson panel at 80 columns.
public enum LessonFile {
    /// The most steps a lesson may have.
    public static let maximumSteps = 10

    /// The lesson in `text` (nil when there is any problem), and every problem found in it, by line.
    public static func parse(_ text: String) -> (lesson: Lesson?, problems: [LessonProblem]) {
        var reader = Reader()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            reader.read(line: i + 1, raw)
        }
        return reader.finish()
    }

    /// The lesson in `text`; throws every problem, each prefixed by `source`.
    public static func load(_ text: String, source: String) throws -> Lesson {
        let (lesson, problems) = parse(text)
        guard let lesson else { throw LessonFileError(source: source, problems: problems) }
        return lesson
    }

    // MARK: Reading

    private struct Located<T> {
        var value: T
        var line: Int
    }

    private struct Choice {
        var text: String
        var right: Bool
        var line: Int
    }

    private struct RawStep {
        var line: Int
        var state: Located<String>?
        var panel: Located<String>?
        var text: [Language: [Located<String>]] = [:]
        var question: [Language: Located<String>] = [:]
        var choices: [Language: [Choice]] = [:]
        var explain: [Language: [Located<String>]] = [:]
        var hide: Located<String>?
    }

    private struct Reader {
        var problems: [LessonProblem] = []
        var id: Located<String>?
        var titles: [Language: Located<String>] = [:]
        var steps: [RawStep] = []

        mutating func problem(_ line: Int, _ message: String) { problems.append(LessonProblem(line: line, message)) }

        mutating func read(line n: Int, _ raw: Substring) {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
            if trimmed == "step" || trimmed == "step:" {
                steps.append(RawStep(line: n))
                return
            }
            guard let colon = trimmed.firstIndex(of: ":") else {
                problem(n, "expected 'key: value' or 'step:'; got '\(trimmed)'")
                return
            }
            let key = String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            let base = parts.first ?? ""
            var language: Language?
            if parts.count == 2 {
                guard let l = Language(rawValue: parts[1]) else {
                    problem(n, "'\(key)': the language must be en or zh")
                    return
                }
                language = l
            }
            let localized: Set<String> = ["title", "text", "question", "choice", "right", "explain"]
            if localized.contains(base) && language == nil {
                problem(n, "'\(base)' needs a language: \(base).en or \(base).zh")
                return
            }
            if !localized.contains(base) && language != nil {
                problem(n, "'\(base)' takes no language suffix")
                return
            }
            if value.isEmpty {
                problem(n, "'\(key)' has no value")
                return
            }
            switch base {
            case "lesson":
                guard steps.isEmpty else { problem(n, "'lesson:' belongs before the first step"); return }
                guard id == nil else { problem(n, "a second 'lesson:' line (a file holds one lesson)"); return }
                id = Located(value: value, line: n)
            case "title":
                guard steps.isEmpty else { problem(n, "'\(key):' belongs before the first step"); return }
                guard titles[language!] == nil else { problem(n, "a second '\(key):' line"); return }
                titles[language!] = Located(value: value, line: n)
            case "state", "panel", "hide", "text", "question", "choice", "right", "explain":
                guard !steps.isEmpty else { problem(n, "'\(key):' must follow a 'step:' line"); return }
                stepLine(base, language, value, n)
            default:
                problem(n, "unknown key '\(key)' (known: lesson, title, step, state, panel, text, question, choice, right, explain, hide)")
            }
        }

        private mutating func stepLine(_ base: String, _ language: Language?, _ value: String, _ n: Int) {
            var step = steps.removeLast()
            defer { steps.append(step) }
            let here = Located(value: value, line: n)
            switch base {
            case "state":
                if step.state != nil { problem(n, "a second 'state:' in this step") } else { step.state = here }
            case "panel":
                if step.panel != nil { problem(n, "a second 'panel:' in this step") } else { step.panel = here }
            case "hide":
                if step.hide != nil { problem(n, "a second 'hide:' in this step") } else { step.hide = here }
            case "text": step.text[language!, default: []].append(here)
            case "question":
                if step.question[language!] != nil {
                    problem(n, "a second 'question.\(language!.rawValue):' in this step")
                } else {
                    step.question[language!] = here
                }
            case "choice", "right": step.choices[language!, default: []].append(Choice(text: value, right: base == "right", line: n))
            default: step.explain[language!, default: []].append(here)
            }
        }

        // MARK: Checking

        mutating func finish() -> (lesson: Lesson?, problems: [LessonProblem]) {
            if id == nil {
                problem(1, "no 'lesson: ID' line")
            } else if let id, !id.value.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
                problem(id.line, "lesson id '\(id.value)' may hold only a–z, 0–9 and -")
            }
            if titles.isEmpty { problem(id?.line ?? 1, "no title: give title.en, title.zh or both") }
            let languages = Language.allCases.filter { titles[$0] != nil }
            for (language, title) in titles {
                checkFits([title.value], rows: 1, width: LessonStepView.titleWidth, line: title.line, what: "title.\(language.rawValue)")
            }
            if steps.isEmpty { problem(0, "no steps: a lesson needs at least one 'step:'") }
            if steps.count > maximumSteps {
                problem(steps[maximumSteps].line, "\(steps.count) steps; a lesson holds at most \(maximumSteps)")
            }
            var built: [LessonStep] = []
            for raw in steps {
                if let step = check(raw, languages: languages) { built.append(step) }
            }
            let sorted = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
            guard sorted.isEmpty, let id else { return (nil, sorted) }
            return (Lesson(id: id.value, titles: titles.mapValues(\.value), steps: built), [])
        }

        private mutating func check(_ raw: RawStep, languages: [Language]) -> LessonStep? {
            let before = problems.count
            var state: ExplorerState?
            if let s = raw.state {
                do { state = try StateString.decode(s.value) } catch let e as StateString.ParseError {
                    problem(s.line, e.description)
                } catch {
                    problem(s.line, "\(error)")
                }
            } else {
                problem(raw.line, "step has no 'state:' line")
            }
            var panel: Panel?
            if let p = raw.panel {
                if let known = Panel(rawValue: p.value) {
                    panel = known
                    if let state, known.screen != state.screen {
                        problem(p.line, "panel \(p.value) is on the \(known.screen.key) screen but the state shows \(state.screen.key)")
                    }
                } else {
                    problem(p.line, "unknown panel '\(p.value)' (known: \(Panel.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            checkLanguages(of: raw, languages: languages)
            for language in languages {
                let lines = raw.text[language] ?? []
                if lines.isEmpty { problem(raw.line, "step has no text.\(language.rawValue)") }
                for l in lines { checkPlaceholders(l) }
                if let first = lines.first {
                    checkFits(
                        lines.map(\.value), rows: LessonStepView.narrativeRows, width: LessonStepView.textWidth,
                        line: first.line, what: "text.\(language.rawValue)")
                }
            }
            let question = checkQuestion(raw, languages: languages)
            var hidden: [String] = []
            if let h = raw.hide {
                hidden = h.value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                for name in hidden where LessonQuantities.named(name) == nil {
                    problem(h.line, "hide: unknown quantity '\(name)' (the names are listed in Docs/Lessons.md)")
                }
                if question == nil && raw.question.isEmpty { problem(h.line, "hide: without a question the numbers would never be shown") }
            }
            guard problems.count == before, let state else { return nil }
            return LessonStep(
                line: raw.line, stateString: raw.state!.value, state: state, panel: panel,
                narrative: raw.text.mapValues { $0.map(\.value) }, question: question, hidden: hidden)
        }

        /// Text in a language the lesson has no title for would never be shown.
        private mutating func checkLanguages(of raw: RawStep, languages: [Language]) {
            let used: [(Language, Int)] =
                raw.text.map { ($0.key, $0.value[0].line) } + raw.question.map { ($0.key, $0.value.line) }
                + raw.choices.map { ($0.key, $0.value[0].line) } + raw.explain.map { ($0.key, $0.value[0].line) }
            for (language, line) in used where !languages.contains(language) {
                problem(line, "\(language.rawValue) text but the lesson has no title.\(language.rawValue)")
            }
        }

        private mutating func checkQuestion(_ raw: RawStep, languages: [Language]) -> LessonQuestion? {
            let asks = !raw.question.isEmpty || !raw.choices.isEmpty || !raw.explain.isEmpty
            guard asks else { return nil }
            let before = problems.count
            var rightIndex: [Language: Int] = [:]
            for language in languages {
                let tag = language.rawValue
                guard let q = raw.question[language] else {
                    problem(raw.line, "step asks a question but has no question.\(tag)")
                    continue
                }
                checkPlaceholders(q)
                checkFits(
                    [q.value], rows: LessonStepView.promptRows, width: LessonStepView.textWidth, line: q.line, what: "question.\(tag)")
                let choices = raw.choices[language] ?? []
                if !(2...4).contains(choices.count) {
                    problem(
                        choices.first?.line ?? q.line,
                        "question.\(tag) has \(choices.count) choices; give 2 to 4 (choice.\(tag) and one right.\(tag))")
                }
                let rights = choices.indices.filter { choices[$0].right }
                if rights.count != 1 {
                    problem(
                        choices.first?.line ?? q.line,
                        "question.\(tag) has \(rights.count) right answers; mark exactly one with right.\(tag)")
                } else {
                    rightIndex[language] = rights[0]
                }
                for (i, c) in choices.enumerated() {
                    checkPlaceholders(Located(value: c.text, line: c.line))
                    checkFits(["\(i + 1)) " + c.text], rows: 1, width: LessonStepView.textWidth, line: c.line, what: "choice.\(tag)")
                }
                let explain = raw.explain[language] ?? []
                if explain.isEmpty {
                    problem(q.line, "question.\(tag) has no explain.\(tag) (one or two lines shown after the answer)")
                } else {
                    for e in explain { checkPlaceholders(e) }
                    checkFits(
                        explain.map(\.value), rows: LessonStepView.explanationRows, width: LessonStepView.textWidth,
                        line: explain[0].line, what: "explain.\(tag)")
                }
            }
            let counts = Set(languages.map { raw.choices[$0]?.count ?? 0 })
            if counts.count > 1 { problem(raw.line, "the languages give different numbers of choices") }
            if Set(rightIndex.values).count > 1 { problem(raw.line, "the right answer is not at the same place in every language") }
            guard problems.count == before, let first = languages.first, let answer = rightIndex[first] else { return nil }
            return LessonQuestion(
                prompt: raw.question.mapValues(\.value),
                choices: raw.choices.mapValues { $0.map(\.text) },
                answer: answer,
                explanation: raw.explain.mapValues { $0.map(\.value) })
        }

        private mutating func checkPlaceholders(_ text: Located<String>) {
            for name in Template.placeholders(in: text.value) where LessonQuantities.named(name) == nil {
                problem(text.line, "unknown placeholder {\(name)} (the names are listed in Docs/Lessons.md, e.g. {loss} {p_y} {s} {m})")
            }
        }

        /// Fills each placeholder with its widest text, so the check holds for any value.
        private mutating func checkFits(_ paragraphs: [String], rows: Int, width: Int, line: Int, what: String) {
            let used = LessonStepView.rowCount(paragraphs.map { widest($0) }, width: width)
            if used > rows {
                problem(line, "\(what) takes \(used) rows at 80 columns; at most \(rows) fit")
            }
        }

        private func widest(_ text: String) -> String {
            Template.fill(text) { name in LessonQuantities.named(name).map { String(repeating: "0", count: $0.widest) } }
        }
    }
}
