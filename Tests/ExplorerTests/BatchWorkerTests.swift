import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// Long batch work runs off the main thread: the screen says what it is computing over
/// the last numbers marked stale, keys keep working, and queued states are coalesced.
@Suite(.serialized) struct BatchWorkerTests {
    static func state(samples: Int, classes: Int) -> ExplorerState {
        var s = ExplorerState()
        s.screen = .batch
        s.batch.samples = samples
        s.batch.classes = classes
        return s
    }

    /// Waits (at most a minute) until the worker has nothing left to do.
    static func settle(_ app: ExplorerApp) {
        let end = Date().addingTimeInterval(60)
        while app.isBusy && Date() < end { Thread.sleep(forTimeInterval: 0.02) }
    }

    @Test func aLongRegenerationShowsWhatIsComputedAndQStillQuits() throws {
        // N = 4096 × C = 2000 takes seconds to make, far beyond the 100 ms a frame waits.
        let app = ExplorerApp(state: Self.state(samples: 4096, classes: 2000), glyphs: .unicode)
        app.computeBatchInBackground()
        app.handle(.resize(width: 80, height: 24))
        let first = app.render().text
        #expect(first.contains("computing N = 4096 × C = 2000…"), "\(first)")
        app.handle(.key(.character("q")))
        #expect(app.wantsQuit)
        Self.settle(app)
    }

    @Test func theStaleNumbersAreNamedAndDimmedUntilTheNewOnesArrive() throws {
        let app = ExplorerApp(state: Self.state(samples: 64, classes: 2000), glyphs: .unicode)
        app.computeBatchInBackground()
        app.handle(.resize(width: 80, height: 24))
        _ = app.render()
        Self.settle(app)
        let before = app.render()
        #expect(!before.text.contains("computing"))
        // N 64 → … → 4096 through the keys (the focus starts on s; N is four rows down).
        for _ in 0..<4 { app.handle(.key(.character("j"))) }
        for _ in 0..<10 where app.state.batch.samples < 4096 { app.handle(.key(.character("l"))) }
        #expect(app.state.batch.samples == 4096)
        let during = app.render()
        #expect(during.text.contains("computing N = 4096 × C = 2000…"), "\(during.text)")
        #expect(during.text.contains("shown, stale: N = 64 × C = 2000"), "\(during.text)")
        // The old table's numbers are still there, dimmed.
        let y = try #require((0..<during.height).first { during.line($0).contains("batch loss") })
        #expect((0..<during.width).contains { during[$0, y].style.dim && !before[$0, y].style.dim })
        Self.settle(app)
        let after = app.render().text
        #expect(!after.contains("computing") && !after.contains("stale"), "\(after)")
        // The numbers that arrive are those computed in place.
        let direct = BatchEngine().snapshot(for: app.state)
        #expect(after.contains(String(format: "%.3f", direct.lmcl.loss)), "\(after)")
    }

    @Test func statesQueuedDuringALongJobAreCoalescedIntoOne() {
        let worker = BatchWorker(engine: BatchEngine())
        var s = Self.state(samples: 2048, classes: 2000)
        _ = worker.request(s, patience: .zero)
        // Five more states while the first is made: only the newest is computed next.
        for seed in 2...6 {
            s.batch.seed = UInt64(seed)
            _ = worker.request(s, patience: .zero)
        }
        let end = Date().addingTimeInterval(120)
        while worker.isBusy && Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        #expect(worker.startedJobs == 2)
        guard case .ready(let snapshot) = worker.request(s, patience: .zero) else {
            Issue.record("the newest state was not computed")
            return
        }
        #expect(snapshot.lmcl.loss == BatchEngine().snapshot(for: s).lmcl.loss)
    }
}
