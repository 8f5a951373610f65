import Foundation
import LossMath
import TerminalUI
import TestSupport
import Testing

@testable import Explorer

/// The explorer under random input: keys, mouse and resizes from a seeded
/// generator, with the state's invariants checked after every event and frames
/// drawn (see `Fuzzer` for which) and scanned for "nan" and "inf".
///
/// `swift test` runs a short fuzz; the long one is
/// `MARGINSCOPE_FUZZ_EVENTS=1000000 swift test -c release --filter Fuzz`
/// (TESTING.md). `MARGINSCOPE_FUZZ_SEED` picks another seed; a failure names the
/// event, the size and the state string that reproduce it.
@Suite("Fuzz", .tags(.fuzz), TestRun.slow) struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    /// 20,000 events take about 10 s in a debug build on two cores.
    static let events = environment["MARGINSCOPE_FUZZ_EVENTS"].flatMap { Int($0) } ?? 20_000
    static let seed = environment["MARGINSCOPE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_260_611

    @Test func randomEventsNeverBreakAnInvariantOrATrap() {
        let report = (Self.events > 100_000 ? Fuzzer.thorough : Fuzzer.quick).run(events: Self.events, seed: Self.seed)
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect(report.events >= Self.events || !report.failures.isEmpty)

        // The generator must reach everything it claims to: every screen, every
        // bound key, the smallest and largest sizes, and real mouse targets.
        for screen in Screen.allCases { #expect(report.screens[screen, default: 0] > Self.events / 20, "\(screen) barely visited") }
        let bound = Set(KeyTable.bindings.flatMap(\.keys))
        #expect(bound.subtracting(report.keys).isEmpty, "keys never sent: \(bound.subtracting(report.keys))")
        for size in [(1, 1), (2, 2), (10, 3), (79, 23), (300, 100)] {
            #expect(report.frameSizes.contains(Fuzzer.Size(width: size.0, height: size.1)), "no frame at \(size.0)x\(size.1)")
        }
        #expect(report.mouseHits > Self.events / 100)
        if Self.environment["MARGINSCOPE_FUZZ_REPORT"] != nil {
            let line =
                "fuzz: \(report.events) events, \(report.frames) frames, \(report.sessions) sessions, "
                + "\(report.sizes.count) sizes (\(report.sizes.min().map { "\($0.width)x\($0.height)" } ?? "-") to "
                + "\(report.sizes.max().map { "\($0.width)x\($0.height)" } ?? "-")), \(report.keys.count) distinct keys, "
                + "\(report.mouseHits) mouse hits, \(report.shrinks) batch shrinks, screens \(report.screens)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    @Test func theSameSeedGivesTheSameRun() {
        let a = Fuzzer.quick.run(events: 500, seed: 7), b = Fuzzer.quick.run(events: 500, seed: 7)
        #expect(a.keys == b.keys && a.sizes == b.sizes && a.frames == b.frames && a.mouseHits == b.mouseHits)
    }

    /// The real default batch (1024 samples, 5994 classes) under random keys and
    /// clicks on the batch screen, drawn after every event at 80×24 and (in a
    /// release build) 300×100. The batch itself is made once: events that would
    /// make another one (a seed, N, C or the spread) are undone, since making a
    /// 1024×5994 batch takes 14 s in a debug build; those paths are fuzzed on small batches.
    @Test func theDefaultBatchSurvivesRandomKeysAndClicks() {
        var source = FuzzEvents(seed: 99)
        var start = ExplorerState()
        start.screen = .batch
        let engine = BatchEngine()
        #if DEBUG
            let runs = [(80, 24, 15)]
        #else
            let runs = [(80, 24, 40), (300, 100, 40)]
        #endif
        for (width, height, count) in runs {
            start.width = width
            start.height = height
            var app = ExplorerApp(state: start, glyphs: .unicode, batchEngine: engine)
            _ = app.render()
            for _ in 0..<count {
                let events = source.next(width: width, height: height, hits: app.hits).filter {
                    if case .resize = $0 { return false }
                    return true
                }
                for event in events { app.handle(event) }
                var s = app.state
                let kept = (start.batch.samples, start.batch.classes, start.batch.spreadSteps, start.batch.seed)
                if s.wantsQuit || s.screen != .batch || (s.batch.samples, s.batch.classes, s.batch.spreadSteps, s.batch.seed) != kept {
                    s.wantsQuit = false
                    s.screen = .batch
                    (s.batch.samples, s.batch.classes, s.batch.spreadSteps, s.batch.seed) = kept
                    s.batch.topK = min(s.batch.topK, s.batch.classes)
                    s.batch.selectedSample = min(s.batch.selectedSample, s.batch.samples - 1)
                    app = ExplorerApp(state: s, glyphs: .unicode, batchEngine: engine)
                }
                let canvas = app.render()
                var failures = FuzzInvariants.check(app.state) + FuzzInvariants.check(canvas, hits: app.hits, state: app.state)
                failures += FuzzInvariants.check(engine.snapshot(for: app.state))
                #expect(failures.isEmpty, "\(failures)")
                #expect(engine.snapshot(for: app.state).batch.sampleCount == 1024)
            }
        }
    }

    // MARK: - The checks themselves must be able to fail

    @Test func theCanvasCheckCatchesNaNAndInfinityButNotTypedText() {
        var state = ExplorerState()
        (state.width, state.height) = (20, 3)
        var canvas = Canvas(width: 20, height: 3)
        canvas.put("loss nan", x: 0, y: 0)
        canvas.put("p = -inf%", x: 0, y: 1)
        canvas.put("information", x: 0, y: 2)
        #expect(FuzzInvariants.check(canvas, hits: HitMap(), state: state).count == 2)

        var quoted = Canvas(width: 20, height: 1)
        quoted.put("'nan' refused", x: 0, y: 0)
        state.height = 1
        #expect(FuzzInvariants.check(quoted, hits: HitMap(), state: state).isEmpty)
    }

    @Test func theStateCheckCatchesAValueOffItsBoundsOrATargetOutOfRange() {
        var s = ExplorerState()
        #expect(FuzzInvariants.check(s).isEmpty)
        s.marginSteps = 201
        s.target = 4
        s.batch.topK = 1
        let v = FuzzInvariants.check(s)
        // m is both past its maximum and off the grid (the nearest grid point is the maximum).
        #expect(v.count == 4, "\(v)")
    }

    @Test func theEvaluationCheckCatchesProbabilitiesThatDoNotSumToOne() {
        var s = ExplorerState()
        #expect(FuzzInvariants.check(Evaluation(s)).isEmpty)
        // Off-grid on purpose: a logit past the grid's limit still evaluates, and the check must still pass.
        s.logitSteps = [100_000_000, -100_000_000, 0, 0]
        #expect(FuzzInvariants.check(Evaluation(s)).isEmpty)
    }
}
