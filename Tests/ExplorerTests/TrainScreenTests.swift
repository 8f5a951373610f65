import Foundation
import LossMath
import TerminalUI
import Testing
import Training

@testable import Explorer

/// The training screen: its frames, its keys, its marks without colour, and the run loop's animation.
@Suite struct TrainScreenTests {
    static func app(epoch: Int = 0, width: Int = 80, height: Int = 24, glyphs: GlyphSet = .unicode) -> ExplorerApp {
        var state = ExplorerState()
        state.screen = .train
        state.train.epoch = epoch
        let app = ExplorerApp(state: state, glyphs: glyphs)
        app.handle(.resize(width: width, height: height))
        return app
    }

    @Test func theScreenMatchesItsSnapshotsAtTwentyEpochs() {
        assertSnapshot(Self.app(epoch: 20).render().text, named: "train-80x24")
        assertSnapshot(Self.app(epoch: 20, width: 160, height: 48).render().text, named: "train-160x48")
    }

    @Test func extremeTrainingSettingsStayFiniteAndReadable() {
        for (scale, margin, rate) in [(1, 0, 1), (1000, 100, 2000)] {
            let app = Self.app()
            app.perform(.setValue(.value(.trainingScale), Double(scale) / 10))
            app.perform(.setValue(.value(.trainingMargin), Double(margin) / 100))
            app.perform(.setValue(.value(.learningRate), Double(rate) / 1000))
            for _ in 0..<3 { app.perform(.trainStep) }
            let text = app.render().text
            #expect(!text.contains("nan") && !text.contains("inf"), "\(text)")
            #expect(text.contains("s \(StateString.trim(Settings.trainingScale.grid.format(scale)))"), "\(text)")
            #expect(text.contains("epoch 3"))
        }
    }

    @Test func theRingsWinnersAreTheGeometryScreensRuleForEveryClass() {
        // The second list has two classes at the same direction: they tie for the largest cosine everywhere.
        let lists: [[Double]] = [[12.5, 80, 95.25, 200, 333.3], [30, 30, 150, 270]]
        let transforms: [TargetTransform] = [.identity, .additiveCosine(margin: 0.2)]
        let cases: [([Double], TargetTransform)] = lists.flatMap { directions in transforms.map { (directions, $0) } }
        for (directions, transform) in cases {
            let winners = TrainCircle.winners(
                TrainCircle.halfDegreeCosines(directions), classes: directions.count, transform: transform)
            for i in 0...720 {
                for j in directions.indices {
                    let wins = DecisionBoundary.targetWins(
                        atDegrees: Double(i) / 2, classDirections: directions,
                        target: j, transform: transform)
                    #expect(winners[i * directions.count + j] == wins, "class \(j) at \(Double(i) / 2)°")
                }
            }
        }
    }

    @Test func thePictureKeptByTheSnapshotIsThePictureComputedAfresh() {
        // The pane's memo must give what `TrainCircle.drawing` computes, for the margin asked
        // (a second margin replaces the first), whatever the glyphs and legend.
        let snapshot = TrainingEngine().snapshot(for: Self.app(epoch: 7).state)
        func canvas(_ plot: ScatterPlot) -> Canvas {
            var canvas = Canvas(width: 90, height: 40)
            plot.render(in: canvas.bounds, on: &canvas)
            return canvas
        }
        for pane in snapshot.panes {
            for margin in [0.2, 0.2, 0.45, 0.2, 0] {
                for glyphs in [GlyphSet.unicode, .ascii] {
                    let kept = TrainCircle.plot(pane, margin: margin, glyphs: glyphs)
                    let fresh = TrainCircle.drawing(pane, margin: margin)
                    var uncached = kept
                    uncached.lines = fresh.lines
                    uncached.points = Array(kept.points.dropLast(fresh.tips.count)) + fresh.tips
                    #expect(kept.points == uncached.points)
                    #expect(canvas(kept) == canvas(uncached), "margin \(margin)")
                }
            }
        }
    }

    @Test func aRingWithOneNaNPerGapDrawsAsOneWithANaNAtEveryLoss() {
        // `TrainCircle.ring` keeps one NaN per gap; every half degree's point (NaN where the class
        // loses) must rasterise to the same cells, in every marker and line style.
        let directions: [Double] = [10, 95.5, 170, 250, 300]
        let cosines = TrainCircle.halfDegreeCosines(directions)
        for transform in [TargetTransform.identity, .additiveCosine(margin: 0.3)] {
            let wins = TrainCircle.winners(cosines, classes: directions.count, transform: transform)
            for j in directions.indices {
                let short = TrainCircle.ring(1.2) { wins[$0 * directions.count + j] }
                let full = TrainCircle.halfDegreeUnitVectors.indices.map { i in
                    let u = TrainCircle.halfDegreeUnitVectors[i]
                    return wins[i * directions.count + j] ? (x: 1.2 * u.x, y: 1.2 * u.y) : (x: Double.nan, y: Double.nan)
                }
                #expect(short.count < full.count)
                for glyphs in [GlyphSet.unicode, .ascii] {
                    for lineStyle in [LineStyle.solid, .dotted, .dashed] {
                        func canvas(_ points: [(x: Double, y: Double)]) -> Canvas {
                            let axes = PlotAxes(x: -1.35...1.35, y: -1.35...1.35, xTitle: "", yTitle: "")
                            let plot = ScatterPlot(
                                axes: axes, categories: [], points: [],
                                lines: [PlotSeries("", points: points, lineStyle: lineStyle)], glyphs: glyphs)
                            var canvas = Canvas(width: 70, height: 30)
                            plot.render(in: canvas.bounds, on: &canvas)
                            return canvas
                        }
                        #expect(canvas(short) == canvas(full), "class \(j), \(transform), \(lineStyle)")
                    }
                }
            }
        }
    }

    @Test func theAsciiScreenHasOnlyAscii() {
        let text = Self.app(epoch: 3, glyphs: .ascii).render().text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func everyClassMarkIsDistinctWithColourOff() {
        let snapshot = TrainingEngine().snapshot(for: Self.app(epoch: 5).state)
        for pane in snapshot.panes {
            let plot = TrainCircle.plot(pane, margin: 0.2, glyphs: .unicode)
            #expect(plot.categories.count == 8)
            #expect(SeriesMarkCheck.problems(plot, width: 120, height: 50) == [])
        }
    }

    @Test func spaceDotPlusMinusOAndRDriveTheRun() {
        let app = Self.app()
        app.handle(.key(.character(" ")))
        #expect(app.state.train.playing)
        app.handle(.key(.character(".")))
        #expect(!app.state.train.playing && app.state.train.epoch == 1)
        app.handle(.key(.character("+")))
        #expect(app.state[.speed] == Settings.speed.defaultSteps + 1)
        for _ in 0..<100 { app.handle(.key(.character("-"))) }
        #expect(app.state[.speed] == Settings.speed.grid.minimumSteps)
        app.handle(.key(.character("o")))
        #expect(app.state.train.baseline == .softmax)
        app.handle(.key(.character("o")))
        #expect(app.state.train.baseline == .normface)
        app.handle(.key(.character("r")))
        #expect(app.state.train.epoch == 0 && app.state.message == "Training restarted from the seed.")
    }

    @Test func restartingAndTrainingAgainGivesTheSameNumbersBitForBit() {
        let engine = TrainingEngine()
        var state = Self.app().state
        state.train.epoch = 4
        let first = engine.snapshot(for: state).panes.map(\.metrics)
        state.train.epoch = 0
        _ = engine.snapshot(for: state)
        state.train.epoch = 4
        #expect(engine.snapshot(for: state).panes.map(\.metrics) == first)
        // The same as the headless trainer with the same configuration.
        let objectives = TrainingEngine.objectives(for: state)
        var trainer = Trainer(configuration: TrainingConfiguration(objective: objectives.margin), data: engine.data)
        for _ in 0..<4 { trainer.step() }
        #expect(trainer.metrics() == first[1])
    }

    @Test func theMarginPaneTrainsUnderCosFaceWithTheStatesMargin() {
        var state = Self.app().state
        state[.trainingMargin] = 35
        let objectives = TrainingEngine.objectives(for: state)
        #expect(objectives.baseline == Objective(loss: .normface, scale: 16, margin: 0))
        #expect(objectives.margin == Objective(loss: .cosface, scale: 16, margin: 0.35))
    }

    @Test func aClassSpreadIsTheCircularMeanAndTheNinetiethPercentileDeviation() throws {
        // 350°, 0°, 10°, 20° around 5°: deviations 15, 5, 5, 15 → the 4th smallest (⌈0.9·4⌉) is 15°.
        let points = [350.0, 0, 10, 20].map { Point2(x: cos($0 * .pi / 180), y: sin($0 * .pi / 180)) }
        let spread = try #require(ClassSpread(of: points))
        #expect(abs(spread.centre - 5) < 1e-9)
        #expect(abs(spread.halfWidth - 15) < 1e-9)
        #expect(ClassSpread(of: [Point2(x: 1, y: 0), Point2(x: -1, y: 0)]) == nil)
    }

    @Test func playingWakesTheLoopEachFrameAndPausingBlocksIt() {
        var state = ExplorerState()
        state.screen = .train
        let playing = TestBackend(width: 80, height: 24, timedEvents: [(0, .key(.character(" "))), (3, .key(.character("q")))])
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.run(on: playing)
        #expect(playing.timeouts == 3)
        #expect((3...3 * Settings.speed.defaultSteps).contains(app.state.train.epoch))

        let paused = TestBackend(width: 80, height: 24, timedEvents: [(0, .key(.character("."))), (3, .key(.character("q")))])
        let still = ExplorerApp(state: state, glyphs: .unicode)
        still.run(on: paused)
        #expect(paused.timeouts == 0)
        #expect(still.state.train.epoch == 1)
    }

    @Test func theStateStringCarriesTheTrainingFieldsBack() throws {
        var state = Self.app().state
        state.train.epoch = 42
        state.train.baseline = .softmax
        state[.learningRate] = 20
        let text = StateString.encode(state)
        #expect(text.contains("lr=0.02") && text.contains("epoch=42") && text.contains("base=softmax"))
        let back = try StateString.decode(text)
        #expect(back.train.epoch == 42 && back.train.baseline == .softmax && back[.learningRate] == 20)
        #expect(!StateString.encode(ExplorerState()).contains("lr="))
    }
}
