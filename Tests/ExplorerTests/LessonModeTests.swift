import TerminalUI
import Testing

@testable import Explorer

/// The lesson mode in the explorer: its keys, the step states, the masking of hidden
/// numbers on screen, and the layout of the box over the screen at 80×24.
@Suite struct LessonModeTests {
    static let library = (try? LessonLibrary.builtIn()) ?? []

    /// The explorer on built-in lesson `id`, at `width`×`height`, in `language`.
    static func app(_ id: String, language: Language = .en, width: Int = 80, height: Int = 24) throws -> ExplorerApp {
        var state = ExplorerState()
        state.language = language
        state.lessonLibrary = library
        let i = try #require(library.firstIndex { $0.id == id }, "no built-in lesson \(id)")
        state.startLesson(LessonSession(lesson: library[i]), number: i + 1)
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.handle(.resize(width: width, height: height))
        return app
    }

    static func press(_ keys: [Key], _ app: ExplorerApp) { for k in keys { app.handle(.key(k)) } }

    /// The app's frame with its panel rectangles and lesson box.
    static func rendered(_ app: ExplorerApp) -> Frame.Rendered {
        let s = app.state
        return Frame.render(s, glyphs: .unicode, batch: s.screen == .batch ? BatchEngine().snapshot(for: s) : nil)
    }

    // MARK: Keys

    @Test func spaceAndPageDownGoForwardBackspaceAndPageUpGoBackEachSettingTheStepsValues() throws {
        // 3-cosface.lesson: step 1 sets m = 0, step 2 m = 0.2, step 3 m = 0.35.
        let app = try Self.app("cosface")
        #expect(app.state.margin == 0 && app.state.screen == .cosine)
        Self.press([.character(" ")], app)
        #expect(app.state.lesson?.stepIndex == 1 && app.state.margin == 0.2)
        Self.press([.pageDown], app)
        #expect(app.state.lesson?.stepIndex == 2 && app.state.margin == 0.35)
        Self.press([.backspace], app)
        #expect(app.state.lesson?.stepIndex == 1 && app.state.margin == 0.2)
        Self.press([.pageUp], app)
        #expect(app.state.lesson?.stepIndex == 0 && app.state.margin == 0)
        #expect(app.state.width == 80 && app.state.height == 24, "the terminal size survives a step change")
    }

    @Test func rReturnsToTheStepsValuesAfterPlayingAndResetsOnlyOutsideALesson() throws {
        let app = try Self.app("cosface")
        Self.press([.character(" "), .down, .right, .right], app)  // focus m, 0.2 → 0.22
        #expect(app.state.margin == 0.22)
        Self.press([.character("r")], app)
        #expect(app.state.margin == 0.2 && app.state.lesson?.stepIndex == 1)
        Self.press([.escape], app)
        #expect(app.state.lesson == nil, "Esc leaves the lesson")
        #expect(app.state.margin == 0.2, "leaving keeps the values on screen")
        Self.press([.character("r")], app)
        #expect(app.state.margin == 0.35, "outside a lesson r is the reset to the teaching example")
    }

    @Test func digitsAnswerOnlyWhileTheQuestionIsOpenOtherwiseTheySwitchScreens() throws {
        let app = try Self.app("cosface")
        // Step 1 asks nothing: 1 shows the softmax screen as usual.
        Self.press([.character("1")], app)
        #expect(app.state.screen == .softmax && app.state.lesson?.answer == nil)
        Self.press([.character(" ")], app)
        #expect(app.state.screen == .cosine)
        // Step 2 asks up or down (two choices): 3 names no choice and switches screens; 2 answers.
        Self.press([.character("3")], app)
        #expect(app.state.screen == .geometry && app.state.lesson?.answer == nil)
        Self.press([.character("r"), .character("2")], app)
        #expect(app.state.lesson?.answer == 1 && app.state.screen == .cosine)
        #expect(app.state.lesson?.score.right == 1)
        // Answered: the digits are screen keys again.
        Self.press([.character("4")], app)
        #expect(app.state.screen == .batch && app.state.lesson?.answer == 1)
    }

    @Test func theEndShowsTheScoreAndEscapeStillLeaves() throws {
        let app = try Self.app("cosface")
        let steps = app.state.lesson!.lesson.steps.count
        for _ in 0..<steps { Self.press([.character(" ")], app) }
        #expect(app.state.lesson?.isFinished == true)
        let text = app.render().text
        #expect(text.contains("End of the lesson: 0 of \(app.state.lesson!.lesson.questionCount) answers right."))
        Self.press([.escape], app)
        #expect(app.state.lesson == nil)
    }

    @Test func thePickerOpensTheChosenLesson() throws {
        var state = ExplorerState()
        state.lessonLibrary = Self.library
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.handle(.resize(width: 80, height: 24))
        Self.press([.character("G")], app)
        #expect(app.state.overlay == .lessonPicker(selected: 0))
        #expect(app.render().text.contains("1. Softmax and the cross-entropy gradient"))
        Self.press([.down, .down, .enter], app)
        #expect(app.state.overlay == .none)
        #expect(app.state.lesson?.lesson.id == "cosface" && app.state.lessonNumber == 3)
        #expect(app.render().text.contains("Lesson 3: CosFace"))
    }

    @Test func withNoLibraryTheLessonKeySaysSo() {
        var state = ExplorerState()
        state.apply(.openLessons)
        #expect(state.overlay == .none)
        #expect(state.message == Strings(.en)[.lessonNoneLoaded])
    }

    // MARK: Masking

    @Test func hiddenNumbersShowAsQuestionMarksOnScreenUntilTheQuestionIsAnswered() throws {
        // Step 2 of cosface: s = 30, m = 0.2, cos = 0.62, 0.5, 0.2, −0.1, hiding p_y and the LMCL loss.
        // NumPy: z = 30·(0.42, 0.5, 0.2, −0.1) → L = 2.4869, p_y = 0.0832 (checked independently).
        let app = try Self.app("cosface")
        Self.press([.character(" ")], app)
        let before = app.render().text
        #expect(!before.contains("2.4869") && !before.contains("0.0832") && !before.contains("0.083 "))
        #expect(before.contains("LMCL     L =      ?  p_y =      ?"))
        #expect(before.contains("NormFace L = 0.0270"), "what the question does not hide stays")
        Self.press([.character("2")], app)
        let after = app.render().text
        #expect(after.contains("LMCL     L = 2.4869  p_y = 0.0832"))
    }

    // MARK: Layout

    /// Every lesson step at 80×24 in both languages, before and after answering: no line
    /// overflows, no wide character is split, the box shows its key hint (it is not cut),
    /// and the highlighted panel keeps at least two thirds of its area in view.
    @Test(arguments: Language.allCases)
    func everyStepOfEveryLessonFitsAt80x24(_ language: Language) throws {
        #expect(Self.library.count >= 5)
        for lesson in Self.library {
            let app = try Self.app(lesson.id, language: language)
            for step in lesson.steps.indices {
                var variants = [Self.rendered(app)]
                if let q = lesson.steps[step].question {
                    app.perform(.lessonAnswer(q.answer))
                    variants.append(Self.rendered(app))
                }
                for rendered in variants {
                    let place = "\(lesson.id) step \(step + 1) \(language)"
                    FrameChecks.expectWhole(rendered.canvas, place)
                    #expect(rendered.canvas.text.contains(Strings(language)[.lessonKeys]), "\(place): the box lost its key line")
                    let box = try #require(rendered.lessonBox)
                    if let panel = lesson.steps[step].panel {
                        let rect = try #require(rendered.panels[panel], "\(place): \(panel) not drawn")
                        let covered = rect.intersection(box)
                        #expect(
                            covered.width * covered.height * 3 <= rect.width * rect.height,
                            "\(place): the box covers \(covered.height) of \(panel)'s \(rect.height) rows")
                    }
                }
                app.perform(.lessonNext)
            }
        }
    }

    @Test func theStepsPanelIsHighlightedWithAHeavyBorder() throws {
        // cosface step 2 looks at the loss panel; the focus is on s in the controls beside it.
        let app = try Self.app("cosface")
        Self.press([.character(" ")], app)
        let rendered = Self.rendered(app)
        let rect = try #require(rendered.panels[.cosineLoss])
        #expect(rendered.canvas[rect.x, rect.y].text == "┏")
        let classes = try #require(rendered.panels[.cosineClasses])
        #expect(rendered.canvas[classes.x, classes.y].text == "┌")
    }
}
