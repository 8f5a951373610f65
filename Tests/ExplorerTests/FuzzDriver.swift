import Foundation
import LossMath
import TerminalUI

@testable import Explorer

/// Drives a real `ExplorerApp` with seeded random events and checks the
/// invariants after every one.
///
/// The run is cut into sessions of a few hundred to a few thousand events,
/// each starting from a random state: a random screen, terminal size and glyph
/// set, and a small batch (synthetic, N ≤ 64 and C ≤ 50, or a random "file"
/// batch with cosines at exactly ±1), so that a batch frame costs little.
/// When a key quits, the session goes on from the same state in a new app;
/// when keys or typed values grow the synthetic batch past those limits, it is
/// shrunk back (the large batches are what the perf tests time).
///
/// Every event is applied and followed by the state and evaluation checks.
/// Frames cost far more than events (a debug build takes 2 to 16 ms a frame),
/// so they are sampled: always after a resize (the first frame at each size)
/// and below the minimum size (the cheap "too small" notice); otherwise after
/// every `smallFrameEvery`-th event while the terminal has at most
/// `smallFrameCells` cells, and every `largeFrameEvery`-th above that.
/// `thorough` (the long run) draws after every event up to 120×40 and every
/// 50th above; `quick` (the `swift test` run) every 3rd up to 80×24 and every
/// 25th above.
struct Fuzzer {
    var maximumSamples = 64
    var maximumClasses = 50
    var smallFrameCells: Int
    var smallFrameEvery: Int
    var largeFrameEvery: Int
    var maximumFailures = 5

    static let thorough = Fuzzer(smallFrameCells: 120 * 40, smallFrameEvery: 1, largeFrameEvery: 50)
    static let quick = Fuzzer(smallFrameCells: 80 * 24, smallFrameEvery: 3, largeFrameEvery: 25)

    struct Report {
        var events = 0
        var frames = 0
        var sessions = 0
        var shrinks = 0
        var sizes = Set<Size>()
        var frameSizes = Set<Size>()
        var screens: [Screen: Int] = [:]
        var keys = Set<Key>()
        var mouseHits = 0
        var failures: [String] = []
    }

    struct Size: Hashable, Comparable {
        var width: Int
        var height: Int
        static func < (a: Size, b: Size) -> Bool { (a.width, a.height) < (b.width, b.height) }
    }

    func run(events total: Int, seed: UInt64) -> Report {
        var report = Report()
        var source = FuzzEvents(seed: seed)
        while report.events < total && report.failures.count < maximumFailures {
            report.sessions += 1
            let (state, file) = startState(&source.random)
            let glyphs: GlyphSet = source.random.chance(0.7) ? .unicode : .ascii
            let engine = BatchEngine(file: file)
            var app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: engine)
            let length = min(total - report.events, Int.random(in: 200...3000, using: &source.random))
            var done = 0
            draw(app, engine: engine, event: nil, index: report.events, into: &report)
            while done < length && report.failures.count < maximumFailures {
                let batch = source.next(width: app.state.width, height: app.state.height, hits: app.hits)
                for event in batch {
                    if case .key(let k) = event { report.keys.insert(k) }
                    if case .mouse(let m) = event, app.hits.action(for: m) != nil { report.mouseHits += 1 }
                    app.handle(event)
                    report.events += 1
                    done += 1
                    report.screens[app.state.screen, default: 0] += 1
                    report.sizes.insert(Size(width: app.state.width, height: app.state.height))
                    let failures = FuzzInvariants.check(app.state) + FuzzInvariants.check(Evaluation(app.state))
                    if !failures.isEmpty { record(failures, event: event, index: report.events, state: app.state, into: &report) }

                    var state = app.state
                    if state.wantsQuit || state.batch.samples > maximumSamples || state.batch.classes > maximumClasses {
                        if state.batch.samples > maximumSamples || state.batch.classes > maximumClasses { report.shrinks += 1 }
                        state.wantsQuit = false
                        if file == nil {
                            state.batch.samples = min(state.batch.samples, maximumSamples)
                            state.batch.classes = min(state.batch.classes, maximumClasses)
                            state.batch.topK = min(state.batch.topK, state.batch.classes)
                            state.batch.selectedSample = min(state.batch.selectedSample, state.batch.samples - 1)
                        }
                        app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: engine)
                    }
                    let (w, h) = (app.state.width, app.state.height)
                    let every = w * h <= smallFrameCells ? smallFrameEvery : largeFrameEvery
                    var resized = false
                    if case .resize = event { resized = true }
                    if resized || w < Frame.minimumWidth || h < Frame.minimumHeight || report.events % every == 0 {
                        draw(app, engine: engine, event: event, index: report.events, into: &report)
                    }
                }
            }
        }
        return report
    }

    private func draw(_ app: ExplorerApp, engine: BatchEngine, event: Event?, index: Int, into report: inout Report) {
        let canvas = app.render()
        report.frames += 1
        report.frameSizes.insert(Size(width: canvas.width, height: canvas.height))
        var failures = FuzzInvariants.check(canvas, hits: app.hits, state: app.state)
        let s = app.state
        if s.screen == .batch && s.width >= Frame.minimumWidth && s.height >= Frame.minimumHeight {
            failures += FuzzInvariants.check(engine.snapshot(for: s))
        }
        if !failures.isEmpty { record(failures, event: event, index: index, state: s, into: &report) }
    }

    private func record(_ failures: [String], event: Event?, index: Int, state: ExplorerState, into report: inout Report) {
        report.failures.append(
            "event \(index) \(event.map { "\($0)" } ?? "(first frame)") at \(state.width)x\(state.height), "
                + "overlay \(state.overlay), state '\(StateString.encode(state))': " + failures.joined(separator: "; "))
    }

    /// A random starting state and, sometimes, a small batch standing in for a file.
    func startState(_ random: inout FuzzRandom) -> (ExplorerState, CosineBatch?) {
        var s = ExplorerState()
        s.screen = random.pick(Screen.allCases)
        s.batch.samples = random.pick([1, 2, 8, 17, maximumSamples])
        s.batch.classes = random.pick([2, 3, 10, maximumClasses])
        s.batch.topK = Int.random(in: 2...s.batch.classes, using: &random)
        s.batch.seed = UInt64.random(in: 0...1000, using: &random)
        s.scaleSteps = random.pick([1, 100, 3000, 6400, 100_000])
        s.marginSteps = random.pick([0, 35, 200])
        var w = FuzzEvents(seed: random.next())
        (s.width, s.height) = w.size()
        guard random.chance(0.3) else { return (s, nil) }
        let n = random.pick([1, 2, 5, maximumSamples])
        let c = random.pick([2, 3, 12, maximumClasses])
        let labels = (0..<n).map { _ in Int.random(in: 0..<c, using: &random) }
        let cosines = (0..<(n * c)).map { _ in
            random.chance(0.3) ? random.pick([-1.0, 1, 0, -0.0]) : Double.random(in: -1...1, using: &random)
        }
        s.batch.file = "fuzz.csv"
        s.batch.samples = n
        s.batch.classes = c
        s.batch.topK = min(s.batch.topK, c)
        return (s, CosineBatch(labels: labels, cosines: cosines, classCount: c))
    }
}
