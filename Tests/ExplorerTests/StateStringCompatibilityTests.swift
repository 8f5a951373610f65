import Foundation
import Testing

@testable import Explorer

/// State strings printed by earlier explorers keep decoding to the same state; the new forms read back.
@Suite struct StateStringCompatibilityTests {
    /// What the explorer printed for the teaching example before inputs kept their form (written out by hand).
    static let teachingExample =
        "ms1;screen=cosine;s=30;m=0.35;y=0;cos=0.62,0.5,0.2,-0.1;logits=2,1,0.5,-1;x=30;W=0,90,180,270;N=1024;C=5994;spread=0.12;seed=1;k=2;rule=no-margin;plot=0"

    /// The teaching example as it was, with the plot that was its default (the target logit against θ_y).
    static var teachingState: ExplorerState {
        var s = ExplorerState()
        s.cosinePlot = .targetLogit
        return s
    }

    @Test func theTeachingExampleStillEncodesToTheSameString() {
        #expect(StateString.encode(Self.teachingState) == Self.teachingExample)
        // The default plot is now the target logit against cos θ_y, plot=3; nothing else changed.
        let now = Self.teachingExample.replacingOccurrences(of: "plot=0", with: "plot=3")
        #expect(StateString.encode(ExplorerState()) == now)
    }

    @Test func anOldStringDecodesToTheSameState() throws {
        #expect(try StateString.decode(Self.teachingExample) == Self.teachingState)
    }

    @Test func anOldAngleStringKeepsItsAnglesExactly() throws {
        let s = try StateString.decode("ms1;screen=cosine;s=64;m=0.2;y=1;deg=51.7,60,78.5,95.7")
        #expect(s.inputMode == .angle)
        #expect(s.inputs == [.angle(517), .angle(600), .angle(785), .angle(957)])
        #expect(s.scale == 64 && s.margin == 0.2 && s.target == 1)
    }

    @Test func mixedFormsReadBackExactly() throws {
        var s = ExplorerState()
        s.apply(key: .character("c"))
        s.apply(.select(.cosine(1)))
        s.apply(.increase)
        let text = StateString.encode(s)
        #expect(text.contains("deg=0.62cos,61,0.2cos,-0.1cos"), "\(text)")
        #expect(try StateString.decode(text).undoable == s.undoable)
        s.apply(key: .character("c"))
        let back = StateString.encode(s)
        #expect(back.contains("cos=0.62,61deg,0.2,-0.1"), "\(back)")
        #expect(try StateString.decode(back).undoable == s.undoable)
    }

    @Test func aValueOffItsGridIsRefusedNotRounded() {
        #expect(throws: StateString.ParseError.self) { try StateString.decode("ms1;s=30.004") }
        do {
            _ = try StateString.decode("ms1;m=0.123")
            Issue.record("accepted m=0.123")
        } catch {
            #expect("\(error)".contains("steps of 0.01"))
        }
    }

    @Test func standardInputAsABatchIsRefused() {
        for text in ["ms1;batch=-", "ms1;batch=standard input"] {
            do {
                _ = try StateString.decode(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains("standard input"))
            }
        }
    }
}

/// The settings table is complete and consistent with what reads it.
@Suite struct SettingsTableTests {
    @Test func everyFieldOnEveryScreenHasARowExceptTheRuleSwitch() {
        var s = ExplorerState()
        for screen in Screen.allCases {
            s.screen = screen
            for field in s.fields(on: screen) where field != .unselectedRule {
                #expect(s.setting(of: field) != nil, "\(field) has no row")
            }
        }
    }

    @Test func theSeedsOwnMaximumIsOnItsGridAndBeyondItTheRangeIsNamed() {
        #expect(Settings.seed.steps(typed: 1e15, text: "1000000000000000") == .success(1_000_000_000_000_000))
        guard case .failure(let refusal) = Settings.seed.steps(typed: 2e15, text: "2000000000000000") else {
            Issue.record("2e15 accepted")
            return
        }
        #expect(refusal.description.contains("must be from 0 to 1000000000000000"), "\(refusal.description)")
    }

    @Test func stateKeysAndOptionsAreUnique() {
        let keys = Settings.all.map(\.stateKey)
        #expect(Set(keys).count == keys.count)
        let options = Settings.all.compactMap(\.option)
        #expect(Set(options).count == options.count)
    }

    @Test func defaultsLieOnTheirGrids() {
        for row in Settings.all {
            #expect(row.grid.contains(row.defaultSteps), "\(row.name)")
            // A slider may start at 0 below a positive minimum (s), but never reaches past the range.
            #expect(row.sliderSpan.lowerBound < row.sliderSpan.upperBound && row.sliderSpan.upperBound <= row.grid.maximum, "\(row.name)")
        }
    }

    @Test func theDefaultStateTakesItsSingleValuesFromTheTable() {
        let s = ExplorerState()
        for row in Settings.singleValues { #expect(s[row.id] == row.defaultSteps) }
        #expect(s.scale == 30 && s.margin == 0.35)
    }

    @Test func aTypedValueIsCheckedAgainstItsRow() {
        #expect(Settings.margin.steps(typed: 0.35, text: "0.35") == .success(35))
        #expect(Settings.scale.steps(typed: 1000, text: "1000") == .success(100_000))
        guard case .failure(let offGrid) = Settings.scale.steps(typed: 30.004, text: "30.004") else {
            Issue.record("30.004 accepted for s")
            return
        }
        #expect(offGrid.description.contains("steps of 0.01"))
        guard case .failure(let outside) = Settings.margin.steps(typed: 2.01, text: "2.01") else {
            Issue.record("2.01 accepted for m")
            return
        }
        #expect(outside.description.contains("0 to 2"))
    }
}
