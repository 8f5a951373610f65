import TerminalUI
import Testing

@testable import Explorer

/// Every screen, the help, the glossary, the `e` box and a lesson step in Chinese, as
/// snapshots at 80×24 and 160×48; and every frame in both languages laid out by display width.
@Suite struct ChineseFrameTests {
    static func app(_ screen: Screen, _ language: Language, width: Int, height: Int, keys: [Key] = []) -> ExplorerApp {
        var state = ExplorerState()
        state.screen = screen
        state.language = language
        state.batch.samples = 256
        state.batch.classes = 100
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.handle(.resize(width: width, height: height))
        for k in keys { app.handle(.key(k)) }
        return app
    }

    static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: Screen.allCases)
    func everyScreenInChineseMatchesItsSnapshots(_ screen: Screen) {
        for (w, h) in Self.sizes {
            assertSnapshot(Self.app(screen, .zh, width: w, height: h).render().text, named: "zh-\(screen.key)-\(w)x\(h)")
        }
    }

    @Test func theHelpTheGlossaryAndTheExplanationInChineseMatchTheirSnapshots() {
        for (w, h) in Self.sizes {
            assertSnapshot(
                Self.app(.cosine, .zh, width: w, height: h, keys: [.character("?")]).render().text, named: "zh-help-cosine-\(w)x\(h)")
            assertSnapshot(
                Self.app(.batch, .zh, width: w, height: h, keys: [.character("e")]).render().text, named: "zh-explain-batch-\(w)x\(h)")
        }
        assertSnapshot(
            Self.app(.batch, .zh, width: 80, height: 24, keys: [.character("?"), .character("?")]).render().text,
            named: "zh-glossary-batch-80x24")
    }

    @Test func aLessonStepInChineseMatchesItsSnapshots() throws {
        for (w, h) in Self.sizes {
            let app = try LessonModeTests.app("cosface", language: .zh, width: w, height: h)
            app.perform(.lessonNext)
            assertSnapshot(app.render().text, named: "zh-lesson-cosface-2-\(w)x\(h)")
        }
    }

    @Test func theGlossaryIsTheHelpsSecondPageAt80ColumnsAndBesideTheKeysWhenWide() {
        let narrow = Self.app(.batch, .en, width: 80, height: 24, keys: [.character("?")])
        #expect(!narrow.render().text.contains(Strings(.en)[.glossaryGradientNorm]))
        narrow.handle(.key(.character("?")))
        #expect(narrow.state.overlay == .glossary)
        let page = narrow.render().text
        for entry in Glossary.entries(on: .batch) {
            #expect(page.contains(Strings(.en)[entry.meaning]), "glossary page misses \(entry.symbol)")
        }
        narrow.handle(.key(.character("?")))
        #expect(narrow.state.overlay == .none)
        let wide = Self.app(.cosine, .zh, width: 160, height: 48, keys: [.character("?")]).render().text
        #expect(wide.contains(Strings(.zh)[.keyExplain]) && wide.contains(Strings(.zh)[.glossaryScaleBound]))
    }

    @Test func eExplainsTheFocusedPanelAndAnyKeyClosesIt() {
        let app = Self.app(.cosine, .en, width: 80, height: 24, keys: [.down, .down, .character("e")])
        #expect(app.state.overlay == .explain(.cosineClasses))
        #expect(app.render().text.contains("About: Classes"))
        app.handle(.key(.character("x")))
        #expect(app.state.overlay == .none && app.state.classCount == 4, "the closing key does nothing else")
    }

    /// Every screen and overlay in both languages at three sizes: nothing overflows, nothing is cut.
    @Test(arguments: Language.allCases)
    func noFrameOverflowsOrCutsACharacter(_ language: Language) {
        let overlays: [[Key]] = [
            [], [.character("?")], [.character("?"), .character("?")], [.character("e")],
            [.enter], [.character("S")], [.character("g")],
        ]
        for screen in Screen.allCases {
            for (w, h) in Self.sizes + [(100, 30), (60, 20)] {
                for keys in overlays {
                    let app = Self.app(screen, language, width: w, height: h, keys: keys)
                    FrameChecks.expectWhole(app.render(), "\(screen) \(w)x\(h) \(keys) \(language)")
                }
            }
        }
        let small = Self.app(.cosine, language, width: 40, height: 10)
        FrameChecks.expectWhole(small.render(), "too small \(language)")
        #expect(small.render().text.contains(Strings(language).format(.frameTooSmallIs, ["size": "40x10"])))
    }
}
