import TerminalUI
import Testing

@testable import Explorer

/// Whole-frame snapshots: every screen and the help, at 80×24 and 160×48,
/// Unicode and ASCII, pinned state (the teaching example). Re-record on purpose
/// with MARGINSCOPE_RECORD=1 and read the diff before committing.
@Suite struct FrameSnapshotTests {
    static func frame(_ screen: Screen, width: Int, height: Int, glyphs: GlyphSet = .unicode, keys: [Key] = []) -> String {
        var state = ExplorerState()
        state.screen = screen
        state.batch.samples = 256
        state.batch.classes = 100
        let app = ExplorerApp(state: state, glyphs: glyphs)
        app.handle(.resize(width: width, height: height))
        for k in keys { app.handle(.key(k)) }
        return app.render().text
    }

    @Test(arguments: [Screen.softmax, .cosine, .geometry, .compare])
    func screensMatchTheirSnapshotsAt80x24(_ screen: Screen) {
        assertSnapshot(Self.frame(screen, width: 80, height: 24), named: "\(screen.key)-80x24")
    }

    @Test(arguments: [Screen.softmax, .cosine, .geometry, .compare])
    func screensMatchTheirSnapshotsAt160x48(_ screen: Screen) {
        assertSnapshot(Self.frame(screen, width: 160, height: 48), named: "\(screen.key)-160x48")
    }

    @Test(arguments: [Screen.softmax, .cosine, .geometry, .compare])
    func asciiScreensMatchTheirSnapshots(_ screen: Screen) {
        let text = Self.frame(screen, width: 80, height: 24, glyphs: .ascii)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII character in the --ascii frame")
        assertSnapshot(text, named: "\(screen.key)-80x24-ascii")
    }

    @Test(arguments: Screen.allCases)
    func helpMatchesItsSnapshotAndFitsAt80x24(_ screen: Screen) {
        let text = Self.frame(screen, width: 80, height: 24, keys: [.character("?")])
        for binding in KeyTable.bindings(on: screen) {
            let help = Strings(.en)[binding.help]
            #expect(text.contains(help), "help at 80x24 misses '\(help)' on \(screen)")
        }
        assertSnapshot(text, named: "help-\(screen.key)-80x24")
    }

    @Test func helpMatchesItsSnapshotAt160x48() {
        assertSnapshot(Self.frame(.cosine, width: 160, height: 48, keys: [.character("?")]), named: "help-cosine-160x48")
    }

    @Test func aTerminalBelowTheMinimumShowsATooSmallNotice() {
        let text = Self.frame(.cosine, width: 40, height: 10)
        #expect(text.contains("MarginScope needs 60x20"))
        #expect(text.contains("this terminal is 40x10"))
    }

    @Test func everyScreenRendersAtTinyAndHugeSizesWithoutTrapping() {
        for screen in [Screen.softmax, .cosine, .geometry, .compare] {
            for (w, h) in [(1, 1), (2, 2), (10, 3), (59, 19), (60, 20), (79, 23), (300, 100)] {
                let text = Self.frame(screen, width: w, height: h)
                #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == h)
                #expect(!text.contains("nan") && !text.contains("inf"))
            }
        }
    }

    @Test func theHintBarComesFromTheKeyTable() {
        let text = Self.frame(.cosine, width: 160, height: 48)
        let hintLine = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        for binding in KeyTable.bindings(on: .cosine) {
            guard let hint = binding.hint.map({ Strings(.en)[$0] }) else { continue }
            #expect(hintLine.contains(hint), "hint bar misses \(hint)")
        }
    }
}
