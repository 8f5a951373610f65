import Foundation
import LossMath
import TestSupport
import Testing

@testable import Explorer

/// While the explorer waits for keys, the batch engine computes the sums for s one step either
/// side and the rank counts for m one step either side, so that → and ← on s or m cost no
/// exponential or counting pass; what they show is what a fresh engine shows.
@Suite(.serialized) struct BatchLookAheadTests {
    static func state(samples: Int = 96, classes: Int = 700, scaleSteps: Int = 3000) -> ExplorerState {
        var s = ExplorerState()
        s.screen = .batch
        s.focus[.batch] = .scale
        s.batch.samples = samples
        s.batch.classes = classes
        s.scaleSteps = scaleSteps
        return s
    }

    /// Every number the batch screen shows, compared exactly.
    static func expectSame(_ a: BatchSnapshot, _ b: BatchSnapshot, _ comment: Comment? = nil) {
        #expect(a.rule == b.rule, comment)
        #expect(a.lmcl == b.lmcl, comment)
        #expect(a.bdlmcl == b.bdlmcl, comment)
        #expect(a.batch.cosines == b.batch.cosines && a.batch.labels == b.batch.labels, comment)
    }

    /// The state after one key on the batch screen (focus on s).
    static func pressed(_ state: ExplorerState, _ action: Action) -> ExplorerState {
        var next = state
        next.apply(action)
        return next
    }

    @Test func theNeighbouringScalesAreComputedAndServeTheArrowKeys() {
        let engine = BatchEngine()
        let state = Self.state()
        _ = engine.snapshot(for: state)
        #expect(engine.heldScales == [30])
        #expect(engine.lookAhead(from: state).scales == [31, 29])
        // The scale of the last snapshot stays the most recent.
        #expect(engine.heldScales == [31, 29, 30])
        for action in [Action.increase, .decrease] {
            let next = Self.pressed(state, action)
            #expect(next.scale == (action == .increase ? 31 : 29))
            let held = engine.heldScales
            let snapshot = engine.snapshot(for: next)
            // Found, not computed: the same scales are held, the one used now last.
            #expect(Set(engine.heldScales) == Set(held) && engine.heldScales.last == next.scale)
            Self.expectSame(snapshot, BatchEngine().snapshot(for: next), "s = \(next.scale)")
            _ = engine.snapshot(for: state)
        }
        // Nothing new to compute the second time.
        #expect(engine.lookAhead(from: state) == .init())
    }

    @Test func theNeighbouringMarginsAreCountedAndServeTheArrowKeys() {
        let engine = BatchEngine()
        var state = Self.state()
        state.focus[.batch] = .margin
        _ = engine.snapshot(for: state)
        let done = engine.lookAhead(from: state)
        #expect(done.transforms == [.additiveCosine(margin: 0.36), .additiveCosine(margin: 0.34)])
        #expect(done.scales == [31, 29])
        #expect(engine.heldTransforms.last == .additiveCosine(margin: 0.35))
        for action in [Action.increase, .decrease] {
            let next = Self.pressed(state, action)
            #expect(next.margin == (action == .increase ? 0.36 : 0.34))
            let held = engine.heldTransforms
            let snapshot = engine.snapshot(for: next)
            // Found, not counted: the same transforms are held, the one used now last.
            #expect(Set(engine.heldTransforms) == Set(held))
            #expect(engine.heldTransforms.last == .additiveCosine(margin: next.margin))
            Self.expectSame(snapshot, BatchEngine().snapshot(for: next), "m = \(next.margin)")
            _ = engine.snapshot(for: state)
        }
        // ArcFace: m changes the transform too; the counts are taken against cos(θ_y + m).
        var arc = state
        arc.marginType = .arcFace
        let arcEngine = BatchEngine()
        _ = arcEngine.snapshot(for: arc)
        #expect(arcEngine.lookAhead(from: arc).transforms.count == 2)
        for action in [Action.increase, .decrease] {
            let next = Self.pressed(arc, action)
            Self.expectSame(arcEngine.snapshot(for: next), BatchEngine().snapshot(for: next), "ArcFace m = \(next.margin)")
            _ = arcEngine.snapshot(for: arc)
        }
    }

    /// A batch loaded from a file (`--batch`): the same look-ahead, whatever the state's N and C say.
    @Test func aFileBatchIsLookedAheadToo() {
        let file = SyntheticBatch.make(samples: 40, classes: 30, spread: SyntheticBatch.defaultSpread, seed: 9)
        let engine = BatchEngine(file: file)
        var state = Self.state()
        state.focus[.batch] = .margin
        _ = engine.snapshot(for: state)
        let done = engine.lookAhead(from: state)
        #expect(done.scales == [31, 29] && done.transforms.count == 2)
        for action in [Action.increase, .decrease] {
            let next = Self.pressed(state, action)
            Self.expectSame(engine.snapshot(for: next), BatchEngine(file: file).snapshot(for: next))
            _ = engine.snapshot(for: state)
        }
    }

    @Test func atTheEndsOfTheGridOnlyOneNeighbourExists() {
        let grid = ValueGrid.scale
        for (steps, expected) in [(grid.maximumSteps, [grid.value(grid.maximumSteps - grid.fineSteps)]), (grid.minimumSteps, [1.0])] {
            let engine = BatchEngine()
            let state = Self.state(samples: 8, classes: 50, scaleSteps: steps)
            _ = engine.snapshot(for: state)
            #expect(BatchEngine.neighbourScales(of: state) == expected, "s = \(state.scale)")
            #expect(engine.lookAhead(from: state).scales == expected)
            let next = Self.pressed(state, expected[0] > state.scale ? .increase : .decrease)
            Self.expectSame(engine.snapshot(for: next), BatchEngine().snapshot(for: next))
        }
    }

    @Test func anotherBatchOrAStopRequestComputesNothing() {
        let engine = BatchEngine()
        let state = Self.state()
        #expect(engine.lookAhead(from: state) == .init(), "no batch made yet")
        _ = engine.snapshot(for: state)
        var other = state
        other.batch.seed += 1
        #expect(engine.lookAhead(from: other) == .init())
        var otherScale = state
        otherScale.scaleSteps = 4000
        #expect(engine.lookAhead(from: otherScale) == .init(), "not the scale of the last snapshot")
        #expect(engine.lookAhead(from: state) { true } == .init())
        #expect(engine.heldScales == [30])
        #expect(engine.heldTransforms == [.additiveCosine(margin: 0.35)])
        // Stopped after some rows of the first pass: nothing is kept, and later keys are right.
        let asked = CallCounter()
        #expect(engine.lookAhead(from: state) { asked.next() > 40 } == .init())
        #expect(asked.value > 40)
        #expect(engine.heldScales == [30])
        // Focus on m: the counts come first, and a stop during them keeps none either.
        var onMargin = state
        onMargin.focus[.batch] = .margin
        #expect(engine.lookAhead(from: onMargin) { asked.next() > 100 } == .init())
        #expect(engine.heldScales == [30] && engine.heldTransforms == [.additiveCosine(margin: 0.35)])
        let next = Self.pressed(state, .increase)
        Self.expectSame(engine.snapshot(for: next), BatchEngine().snapshot(for: next))
    }

    /// After a look-ahead, N changes resize the sums of the scale in use (the rows both batches
    /// have keep theirs) and the numbers are a fresh engine's.
    @Test func aNewNAfterALookAheadGivesAFreshEnginesNumbers() {
        let engine = BatchEngine()
        var state = Self.state()
        _ = engine.snapshot(for: state)
        engine.lookAhead(from: state)
        state.batch.samples = 128
        let snapshot = engine.snapshot(for: state)
        #expect(engine.heldScales == [30])
        Self.expectSame(snapshot, BatchEngine().snapshot(for: state))
        #expect(engine.lookAhead(from: state).scales == [31, 29])
        let next = Self.pressed(state, .decrease)
        Self.expectSame(engine.snapshot(for: next), BatchEngine().snapshot(for: next))
    }

    /// The worker looks ahead when idle, and requests that arrive during that work are answered
    /// with the right numbers (the look-ahead stops for them; only one thread touches the engine).
    @Test func theWorkerLooksAheadWhenIdleAndRequestsStillGetTheirNumbers() {
        let engine = BatchEngine()
        let worker = BatchWorker(engine: engine)
        var state = Self.state(samples: 256, classes: 1500)
        guard case .ready = worker.request(state, patience: .seconds(60)) else {
            Issue.record("no snapshot within a minute")
            return
        }
        #expect(worker.waitUntilIdle(timeout: .seconds(60)))
        #expect(Set(engine.heldScales) == [29, 30, 31])
        let reference = BatchEngine()
        var rng = SystemRandomNumberGenerator()
        for round in 0..<48 {
            state = Self.pressed(state, Bool.random(using: &rng) ? .increase : .decrease)
            if round % 3 == 2 {
                state.focus[.batch] = .margin
                state = Self.pressed(state, Bool.random(using: &rng) ? .increase : .decrease)
                state.focus[.batch] = .scale
            }
            // Some requests land while the last one's look-ahead is running, some after it.
            Thread.sleep(forTimeInterval: Double(Int.random(in: 0...3, using: &rng)) * 0.001)
            guard case .ready(let snapshot) = worker.request(state, patience: .seconds(60)) else {
                Issue.record("no snapshot within a minute")
                return
            }
            Self.expectSame(snapshot, reference.snapshot(for: state), "round \(round), s = \(state.scale)")
        }
        #expect(worker.waitUntilIdle(timeout: .seconds(60)))
        #expect(!worker.isBusy)
        let held = engine.heldScales
        #expect(held.last == state.scale && held.contains(state.scale + 1) && held.contains(state.scale - 1))
    }

    @Test func aWorkerWithoutLookAheadComputesOnlyWhatIsAsked() {
        let engine = BatchEngine()
        let worker = BatchWorker(engine: engine, lookAhead: false)
        _ = worker.request(Self.state(), patience: .seconds(60))
        #expect(worker.waitUntilIdle(timeout: .seconds(60)))
        #expect(engine.heldScales == [30])
    }
}
