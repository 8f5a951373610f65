import TerminalUI
import Testing

@testable import Explorer

/// True for the actions a key must be able to send. The switch is exhaustive,
/// so a new action cannot be added without deciding whether it needs a key.
private func needsKey(_ action: Action) -> Bool {
    switch action {
    case .quit, .dismiss, .undo, .redo, .nextScreen, .previousScreen, .showScreen, .focusPrevious, .focusNext,
        .decrease, .increase, .decreaseCoarse, .increaseCoarse, .beginEntry, .makeTarget, .addClass,
        .removeClass, .cyclePreset, .reset, .toggleHelp, .toggleInputMode, .cyclePlot, .newSeed,
        .toggleRule, .showStateString, .previousSample, .nextSample, .pageSamplesUp, .pageSamplesDown,
        .firstSample, .lastSample, .explainPanel, .openLessons, .cycleMarginType, .cycleFallback, .applyAdaCosScale,
        .addComparedLoss, .removeComparedLoss, .cycleComparedLoss, .toggleZoom, .togglePresenter, .cycleTheme,
        .toggleLogarithmicBars, .togglePlay, .trainStep, .trainRestart, .trainFaster, .trainSlower, .cycleBaseline:
        return true
    // The lesson keys live in `KeyTable.lessonBindings`, the picker's in the reducer's overlay switch.
    case .lessonNext, .lessonPrevious, .lessonRestore, .lessonLeave, .lessonAnswer, .pickerMove, .pickerOpen:
        return false
    case .select, .setValue, .selectSample, .entryInput, .entryBackspace, .entrySubmit, .resize, .advanceTraining:
        return false
    }
}

private let keyActions: [Action] =
    [
        .quit, .dismiss, .undo, .redo, .nextScreen, .previousScreen, .focusPrevious, .focusNext,
        .decrease, .increase, .decreaseCoarse, .increaseCoarse, .beginEntry, .makeTarget, .addClass,
        .removeClass, .cyclePreset, .reset, .toggleHelp, .toggleInputMode, .cyclePlot, .newSeed,
        .toggleRule, .showStateString, .previousSample, .nextSample, .pageSamplesUp, .pageSamplesDown,
        .firstSample, .lastSample, .explainPanel, .openLessons, .cycleMarginType, .cycleFallback, .applyAdaCosScale,
        .addComparedLoss, .removeComparedLoss, .cycleComparedLoss, .toggleZoom, .togglePresenter, .cycleTheme,
        .toggleLogarithmicBars, .togglePlay, .trainStep, .trainRestart, .trainFaster, .trainSlower, .cycleBaseline,
    ] + Screen.allCases.map { Action.showScreen($0) }

@Suite struct KeyTableTests {
    @Test func everyKeyActionIsBoundToAKey() {
        for action in keyActions where needsKey(action) {
            #expect(KeyTable.bindings.contains { $0.action == action }, "no key sends \(action)")
        }
    }

    @Test func noKeyIsBoundTwiceOnOneScreen() {
        for screen in Screen.allCases {
            var seen: [Key: Action] = [:]
            for b in KeyTable.bindings(on: screen) {
                for k in b.keys {
                    #expect(seen[k] == nil, "\(k) bound twice on \(screen)")
                    seen[k] = b.action
                }
            }
        }
    }

    @Test func everyBindingSendsItsActionThroughTheReducerLookup() {
        for b in KeyTable.bindings {
            for screen in Screen.allCases where b.applies(on: screen) {
                var s = ExplorerState()
                s.screen = screen
                for k in b.keys { #expect(s.action(for: k) == b.action) }
            }
        }
    }

    @Test func theRequiredKeysDoWhatTheIssueSays() {
        let s = ExplorerState()
        #expect(s.action(for: .character("t")) == .makeTarget)
        #expect(s.action(for: .character("p")) == .cyclePreset)
        #expect(s.action(for: .character("r")) == .reset)
        #expect(s.action(for: .character("q")) == .quit)
        #expect(s.action(for: .control("c")) == .quit)
        #expect(s.action(for: .escape) == .dismiss)
        #expect(s.action(for: .character("?")) == .toggleHelp)
        #expect(s.action(for: .tab) == .nextScreen)
        #expect(s.action(for: .character("h")) == .decrease)
        #expect(s.action(for: .character("l")) == .increase)
        #expect(s.action(for: .character("j")) == .focusNext)
        #expect(s.action(for: .character("k")) == .focusPrevious)
    }
}

@Suite struct ReducerTests {
    @Test func marginMovesOnAnExactGrid() {
        var s = ExplorerState()
        s.apply(.select(.margin))
        for _ in 0..<5 { s.apply(.increase) }
        #expect(s.marginSteps == 40)
        #expect(ValueGrid.margin.format(s.marginSteps) == "0.40")
        #expect(s.margin == 0.4)
        s.apply(.increaseCoarse)
        #expect(s.margin == 0.45)
    }

    @Test func valuesStayWithinTheirBounds() {
        var s = ExplorerState()
        s.apply(.select(.margin))
        for _ in 0..<500 { s.apply(.decreaseCoarse) }
        #expect(s.margin == 0)
        s.apply(.select(.scale))
        for _ in 0..<500 { s.apply(.increaseCoarse) }
        #expect(s.scale == 1000)
        s.apply(.select(.cosine(1)))
        for _ in 0..<500 { s.apply(.increaseCoarse) }
        #expect(s.cosines[1] == 1)
    }

    @Test func targetKeyMakesTheSelectedClassTheTarget() {
        var s = ExplorerState()
        s.apply(.select(.cosine(2)))
        s.apply(key: .character("t"))
        #expect(s.target == 2)
    }

    @Test func classesCanBeAddedUpToTwelveAndRemovedDownToTwo() {
        var s = ExplorerState()
        for _ in 0..<20 { s.apply(.addClass) }
        #expect(s.classCount == 12)
        #expect(s.logitSteps.count == 12 && s.weightDirectionSteps.count == 12)
        for _ in 0..<20 {
            s.apply(.select(.cosine(s.classCount - 1)))
            s.apply(.removeClass)
        }
        #expect(s.classCount == 2)
        #expect(s.target < 2)
    }

    @Test func removingAClassBeforeTheTargetKeepsTheSameTargetClass() {
        var s = ExplorerState()
        s.target = 2
        let targetCosine = s.cosines[2]
        s.apply(.select(.cosine(0)))
        s.apply(.removeClass)
        #expect(s.target == 1)
        #expect(s.cosines[1] == targetCosine)
    }

    @Test func typedValuesAreSnappedOrRefusedWithAMessage() {
        var s = ExplorerState()
        s.apply(.select(.margin))
        s.apply(.beginEntry)
        for c in "0.2" { s.apply(.entryInput(c)) }
        s.apply(.entrySubmit)
        #expect(s.margin == 0.2)
        s.apply(.beginEntry)
        for c in "2.5" { s.apply(.entryInput(c)) }
        s.apply(.entrySubmit)
        #expect(s.margin == 0.2)
        #expect(s.message?.contains("margin m must be from 0 to 2") == true)
        s.apply(.beginEntry)
        for c in "abc" { s.apply(.entryInput(c)) }
        s.apply(.entrySubmit)
        #expect(s.message?.contains("not a number") == true)
    }

    @Test func angleModeRoundTripsThroughTheGrid() {
        var s = ExplorerState()
        s.apply(.toggleInputMode)
        #expect(s.inputMode == .angle)
        // acos(0.5) = 60° exactly, on the 0.1° grid.
        #expect(s.inputSteps[1] == 600)
        s.apply(.toggleInputMode)
        #expect(s.cosines[1] == 0.5)
    }

    @Test func presetsCycleThroughThePaperSettings() {
        var s = ExplorerState()
        s.apply(.cyclePreset)
        #expect(s.scale == 64 && s.margin == 0.35 && s.marginType == .cosFace)
        s.apply(.cyclePreset)
        #expect(s.scale == 30 && s.margin == 0.35 && s.marginType == .cosFace)
        s.apply(.cyclePreset)
        #expect(s.scale == 64 && s.margin == 0.5 && s.marginType == .arcFace && s.fallback == .sinmm)
        s.apply(.cyclePreset)
        #expect(s.scale == 30 && s.margin == 0.2 && s.marginType == .arcFace && s.fallback == .sinmm)
        s.apply(.cyclePreset)
        #expect(s.scale == 32 && s.margin == 0.2 && s.marginType == .arcFace && s.fallback == .continuous)
        s.apply(.cyclePreset)
        #expect(s.scale == 64 && s.marginType == .combined && s[.angleMargin] == 30 && s[.cosineMargin] == 20)
        s.apply(.cyclePreset)
        #expect(s.scale == 64 && s.marginType == .sphereFace && s[.sphereMargin] == 4)
        s.apply(.cyclePreset)
        #expect(s.scale == 30 && s.margin == 0.35 && s.marginType == .cosFace)
    }

    @Test func escapeClosesTheOverlayAndNeverQuits() {
        var s = ExplorerState()
        s.apply(key: .character("?"))
        #expect(s.overlay == .help)
        s.apply(key: .escape)
        #expect(s.overlay == .none && !s.wantsQuit)
        s.apply(key: .escape)
        #expect(!s.wantsQuit)
    }

    @Test func directionsWrapAroundTheCircle() {
        var s = ExplorerState()
        s.screen = .geometry
        s.apply(.select(.weightDirection(0)))
        s.apply(.decrease)
        #expect(s.weightDirectionSteps[0] == 3590)
    }

    @Test func theBatchTopKStaysBetweenTwoAndC() {
        var s = ExplorerState()
        s.screen = .batch
        s.apply(.select(.topK))
        s.apply(.decrease)
        #expect(s.batch.topK == 2)
        s.apply(.select(.batchClasses))
        for _ in 0..<10 { s.apply(.decrease) }
        #expect(s.batch.classes == 2)
        s.apply(.select(.topK))
        s.apply(.increaseCoarse)
        #expect(s.batch.topK == 2)
    }
}

@Suite struct StateStringTests {
    @Test func aStateStringReadsBackToTheSameState() throws {
        var s = ExplorerState()
        s.apply(.select(.cosine(1)))
        s.apply(.increase)
        s.apply(.cyclePreset)
        s.apply(.toggleInputMode)
        s.screen = .geometry
        s.apply(.select(.featureDirection))
        s.apply(.increaseCoarse)
        s.batch.seed = 7
        s.batch.topK = 5
        s.batch.unselected = .excluded
        let decoded = try StateString.decode(StateString.encode(s))
        #expect(decoded.inputSteps == s.inputSteps)
        #expect(decoded.inputMode == s.inputMode)
        #expect(decoded.scaleSteps == s.scaleSteps && decoded.marginSteps == s.marginSteps)
        #expect(decoded.featureDirectionSteps == s.featureDirectionSteps)
        #expect(decoded.batch == s.batch)
        #expect(decoded.screen == .geometry)
    }

    @Test func badStateStringsNameTheFieldAtFault() {
        #expect(throws: StateString.ParseError.self) { try StateString.decode("nonsense") }
        do {
            _ = try StateString.decode("ms1;m=abc")
            Issue.record("accepted m=abc")
        } catch {
            #expect("\(error)".contains("m must be a number"))
        }
        do {
            _ = try StateString.decode("ms1;y=9")
            Issue.record("accepted y=9")
        } catch {
            #expect("\(error)".contains("y = 9"))
        }
    }
}

@Suite struct KeySequenceTests {
    @Test func namedKeysAndCharactersParse() throws {
        #expect(
            try KeySequence.parse("j<Right><S-Left>t<C-c><lt>") == [
                .character("j"), .right, .shiftLeft, .character("t"), .control("c"), .character("<"),
            ])
    }

    @Test func anUnknownNameIsRefused() {
        #expect(throws: KeySequence.ParseError.self) { try KeySequence.parse("<Wibble>") }
    }
}
