import TerminalUI
import Testing

@testable import Explorer

/// Keys that must not end or damage a live demo, and values that must not change behind the user's back.
@Suite struct DemoSafetyTests {
    static func typed(_ text: String, into field: Field, _ state: inout ExplorerState) {
        state.apply(.select(field))
        state.apply(.beginEntry)
        for c in text { state.apply(.entryInput(c)) }
        state.apply(.entrySubmit)
    }

    @Test func escapeNeverQuitsOnAnyScreen() {
        for screen in Screen.allCases {
            var s = ExplorerState()
            s.screen = screen
            s.apply(key: .escape)
            s.apply(key: .escape)
            #expect(!s.wantsQuit, "Esc quit on \(screen)")
            #expect(s.overlay == .none)
        }
    }

    @Test func escapeClosesThePromptAndTheHelpWithoutQuitting() {
        var s = ExplorerState()
        s.apply(key: .enter)
        #expect(s.overlay != .none)
        s.apply(key: .escape)
        #expect(s.overlay == .none && !s.wantsQuit)
        s.apply(key: .character("?"))
        s.apply(key: .escape)
        #expect(s.overlay == .none && !s.wantsQuit)
    }

    @Test func qAndControlCStillQuit() {
        var q = ExplorerState(), c = ExplorerState()
        q.apply(key: .character("q"))
        c.apply(key: .control("c"))
        #expect(q.wantsQuit && c.wantsQuit)
    }

    @Test func removingWithNoClassSelectedKeepsEveryClassAndSaysWhy() {
        // Screen 2 opens with s selected; screen 3 with the vector x.
        for screen in [Screen.cosine, .geometry] {
            var s = ExplorerState()
            s.screen = screen
            let before = s.inputs
            s.apply(key: .character("x"))
            #expect(s.inputs == before, "x removed a class on \(screen)")
            #expect(s.message?.contains("Select a class first") == true)
        }
    }

    @Test func removingTheSelectedClassStillWorks() {
        var s = ExplorerState()
        s.apply(.select(.cosine(3)))
        s.apply(key: .character("x"))
        #expect(s.cosines == [0.62, 0.5, 0.2])
    }

    @Test func twoPressesOfCGiveBackExactlyTheStartingState() {
        var s = ExplorerState()
        s.apply(.select(.cosine(0)))
        let start = s
        s.apply(key: .character("c"))
        s.apply(key: .character("c"))
        #expect(s == start)
    }

    @Test func onePressOfCKeepsEveryCosineExactly() {
        var s = ExplorerState()
        let cosines = s.cosines
        s.apply(key: .character("c"))
        #expect(s.inputMode == .angle)
        // The teaching cosines as typed, not cos(round(acos(c), 0.1°)) (which moves 0.62 to 0.6198…).
        #expect(s.cosines == cosines)
        #expect(s.cosines == [0.62, 0.5, 0.2, -0.1])
    }

    @Test func anAngleChangedInAngleModeIsKeptAsAnAngle() {
        var s = ExplorerState()
        s.apply(key: .character("c"))
        s.apply(.select(.cosine(0)))
        s.apply(.increase)
        // acos(0.62) = 51.68°, shown as 51.7°; one arrow step up lands on the next whole degree, 52°,
        // which is stored in degrees (the form it was set in).
        #expect(s.inputs[0] == .angle(520))
        #expect(s.inputs[1] == .cosine(500))
        s.apply(key: .character("c"))
        #expect(s.inputs[0] == .angle(520))
    }

    @Test func arrowStepsReturnToTheGridAfterAClamp() {
        var s = ExplorerState()
        Self.typed("0.01", into: .scale, &s)
        #expect(s.scale == 0.01)
        s.apply(.increase)
        // The scale's arrow step is 1: from 0.01 the next point of its grid is 1, then 2.
        #expect(s.scale == 1)
        s.apply(.increase)
        #expect(s.scale == 2)
        s.apply(.increaseCoarse)
        #expect(s.scale == 12)
        s.apply(.decrease)
        s.apply(.decrease)
        #expect(s.scale == 10)
    }

    @Test func aTypedValueOffTheGridIsRefusedWithTheGridNamed() {
        var s = ExplorerState()
        Self.typed("0.123", into: .margin, &s)
        #expect(s.margin == 0.35)
        #expect(s.message?.contains("steps of 0.01") == true, "\(s.message ?? "no message")")
        Self.typed("0.12", into: .margin, &s)
        #expect(s.margin == 0.12)
    }

    @Test func aTypedFractionForAWholeNumberIsRefused() {
        var s = ExplorerState()
        s.screen = .batch
        Self.typed("2.5", into: .topK, &s)
        #expect(s.batch.topK == 2)
        #expect(s.message?.contains("whole number") == true)
    }

    @Test func theBatchRuleToggleMovedOffUAndE() {
        var s = ExplorerState()
        s.screen = .batch
        #expect(s.action(for: .character("u")) == .undo)
        #expect(s.action(for: .character("e")) == .explainPanel)
        s.apply(key: .character("o"))
        #expect(s.batch.unselected == .excluded)
    }
}

/// Undo and redo through the running app, which owns the history.
@Suite struct UndoTests {
    static func app() -> ExplorerApp {
        let app = ExplorerApp(state: ExplorerState(), glyphs: .unicode)
        app.handle(.resize(width: 80, height: 24))
        return app
    }

    static func press(_ keys: String, _ app: ExplorerApp) throws {
        for k in try KeySequence.parse(keys) { app.handle(.key(k)) }
    }

    @Test func undoAndRedoWalkBackAndForthThroughTheChanges() throws {
        let app = Self.app()
        let start = app.state.undoable
        try Self.press("j", app)  // select m: navigation, not an undo step
        try Self.press("lll", app)  // m 0.35 → 0.38
        #expect(app.state.margin == 0.38)
        try Self.press("uu", app)
        #expect(app.state.margin == 0.36)
        try Self.press("<C-r>", app)
        #expect(app.state.margin == 0.37)
        try Self.press("uuu", app)
        #expect(app.state.undoable == start)
        try Self.press("u", app)
        #expect(app.state.message == "Nothing to undo.")
    }

    @Test func aNewChangeAfterUndoClearsRedo() throws {
        let app = Self.app()
        try Self.press("jlu", app)
        try Self.press("h", app)
        try Self.press("<C-r>", app)
        #expect(app.state.message == "Nothing to redo.")
        #expect(app.state.margin == 0.34)
    }

    @Test func undoReachesAtLeastAHundredAndFiftyStepsBack() throws {
        let app = Self.app()
        for _ in 0..<150 { app.handle(.key(.right)) }  // s 30 → 180
        #expect(app.state.scale == 180)
        for _ in 0..<150 { app.handle(.key(.character("u"))) }
        #expect(app.state.scale == 30)
        for _ in 0..<150 { app.handle(.key(.control("r"))) }
        #expect(app.state.scale == 180)
    }

    @Test func undoWorksOnEveryScreenForTargetClassesModePresetAndReset() throws {
        for (screen, keys) in [
            (Screen.softmax, "jt"), (.softmax, "a"), (.cosine, "jjjx"), (.cosine, "c"),
            (.geometry, "l"), (.batch, "o"), (.batch, "jjjjjl"), (.cosine, "p"), (.geometry, "jjt"),
        ] {
            let app = Self.app()
            app.perform(.showScreen(screen))
            let start = app.state
            try Self.press(keys, app)
            #expect(app.state.undoable != start.undoable, "\(keys) on \(screen) changed nothing")
            for _ in keys where app.state.undoable != start.undoable { try Self.press("u", app) }
            #expect(app.state.undoable == start.undoable, "u did not undo \(keys) on \(screen)")
            #expect(app.state.screen == screen)
        }
    }

    @Test func aResetCanBeUndone() throws {
        let app = Self.app()
        try Self.press("jjjlll", app)
        let changed = app.state.undoable
        try Self.press("r", app)
        #expect(app.state.undoable == ExplorerState().undoable)
        try Self.press("u", app)
        #expect(app.state.undoable == changed)
    }

    @Test func navigationIsNotAnUndoStep() throws {
        let app = Self.app()
        try Self.press("jl", app)  // m 0.35 → 0.36
        try Self.press("<Tab>?<Esc>kk", app)
        try Self.press("u", app)
        #expect(app.state.margin == 0.35)
        #expect(app.state.screen == .geometry)
    }
}

/// The event loop without a terminal: `ExplorerApp.run` on the in-memory backend.
@Suite struct EventLoopTests {
    @Test func theLoopDrawsAFrameForEveryEvent() {
        let keys: [Key] = [.down, .right, .escape, .escape, .character("x")]
        let backend = TestBackend(width: 80, height: 24, events: keys.map(Event.key))
        let app = ExplorerApp(state: ExplorerState(), glyphs: .unicode)
        app.run(on: backend)
        // Esc twice did not quit; the loop ended because input ended.
        #expect(!app.wantsQuit)
        let drawn = backend.frames.count
        #expect(drawn == 1 + keys.count)
        let margin = app.state.margin
        #expect(margin == 0.36)
        let same = backend.lastFrame?.text == Frame.render(app.state, glyphs: .unicode, batch: nil).canvas.text
        #expect(same, "the last frame drawn is not the frame of the final state")
        #expect(backend.lastFrame?.lines[22].hasPrefix("Select a class first") == true)
    }

    @Test func theLoopStopsAtQWithoutReadingFurther() {
        let backend = TestBackend(width: 80, height: 24, events: [.key(.right), .key(.character("q")), .key(.right)])
        let app = ExplorerApp(state: ExplorerState(), glyphs: .unicode)
        app.run(on: backend)
        #expect(app.wantsQuit)
        #expect(app.state.scale == 31)
        #expect(backend.frames.count == 2)
    }

    @Test func theLoopEndsWhenInputEnds() {
        let backend = TestBackend(width: 80, height: 24, events: [.key(.right), .resize(width: 100, height: 30)])
        let app = ExplorerApp(state: ExplorerState(), glyphs: .ascii)
        app.run(on: backend)
        #expect(!app.wantsQuit)
        #expect(app.state.scale == 31)
        #expect(backend.lastFrame?.width == 100 && backend.lastFrame?.height == 30)
    }

    @Test func eventsBecomeTheActionsTheKeyTableNames() {
        let app = ExplorerApp(state: ExplorerState(), glyphs: .unicode)
        #expect(app.action(for: .key(.escape)) == .dismiss)
        #expect(app.action(for: .key(.character("u"))) == .undo)
        #expect(app.action(for: .key(.control("r"))) == .redo)
        #expect(app.action(for: .resize(width: 90, height: 30)) == .resize(width: 90, height: 30))
    }
}
