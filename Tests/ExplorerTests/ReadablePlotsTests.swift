import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The teaching example on `plot`'s screen, sized, with the batch numbers the batch plots need.
private func context(
    for plot: AppPlot, width: Int, height: Int, glyphs: GlyphSet,
    change: (inout ExplorerState) -> Void = { _ in }
) -> FrameContext {
    var state = ExplorerState()
    state.screen = plot.screen
    state.batch.samples = 256
    state.batch.classes = 100
    state.width = width
    state.height = height
    if case .cosine(let p) = plot { state.cosinePlot = p }
    if plot == .batchHistogram { state.batch.view = .gradients }
    change(&state)
    let batch = plot.screen == .batch ? BatchEngine().snapshot(for: state) : nil
    return FrameContext(state: state, glyphs: glyphs, batch: batch)
}

private func render(_ state: ExplorerState, glyphs: GlyphSet = .unicode) -> Canvas {
    let batch = state.screen == .batch ? BatchEngine().snapshot(for: state) : nil
    return Frame.render(state, glyphs: glyphs, batch: batch).canvas
}

private func state(_ screen: Screen, width: Int, height: Int, change: (inout ExplorerState) -> Void = { _ in }) -> ExplorerState {
    var s = ExplorerState()
    s.screen = screen
    s.batch.samples = 256
    s.batch.classes = 100
    s.width = width
    s.height = height
    change(&s)
    return s
}

/// Sizes the plots are checked at: the whole window (zoomed) and the panels they get on the screens.
private let sizes: [(width: Int, height: Int)] = [(80, 24), (240, 70)]

@Suite struct SeriesWithoutColourTests {
    /// Every plot of the app, zoomed in a window of each size and in a panel-sized area,
    /// Unicode and ASCII: each legend mark appears on its series and nowhere else (colour off).
    @Test(arguments: AppPlot.allCases)
    func everyPlotTellsItsSeriesApartWithoutColour(_ plot: AppPlot) throws {
        for glyphs in [GlyphSet.unicode, .ascii] {
            for size in sizes {
                let c = context(for: plot, width: size.width, height: size.height, glyphs: glyphs)
                for zoomed in [true, false] {
                    // A zoomed plot has the window below its title row; a panel about half of it.
                    let (w, h) = zoomed ? (size.width, size.height - 1) : (size.width * 11 / 20, size.height / 2)
                    let widget = try #require(plot.widget(context: c, zoomed: zoomed, width: w))
                    let problems = SeriesMarkCheck.problems(widget, width: w, height: h)
                    #expect(problems.isEmpty, "\(plot) \(w)x\(h) zoomed \(zoomed) \(glyphs.isUnicode ? "Unicode" : "ASCII"): \(problems)")
                }
            }
        }
    }

    @Test func theCheckFailsWhenTwoSeriesShareAGlyph() throws {
        let c = context(for: .cosine(.targetLogitOnCosine), width: 80, height: 24, glyphs: .unicode)
        var plot = CosinePlots.plot(.targetLogitOnCosine, context: c)
        plot.series[1].shape = plot.series[0].shape
        #expect(!SeriesMarkCheck.problems(plot, width: 80, height: 23).isEmpty)
    }

    @Test func everyLineSeriesOfTheCosinePlotsHasItsOwnLookAndADirectLabel() {
        let c = context(for: .cosine(.targetLogit), width: 80, height: 24, glyphs: .unicode)
        for which in CosinePlot.allCases {
            let plot = CosinePlots.plot(which, context: c)
            #expect(plot.directLabels, "\(which)")
            let shapes = plot.series.map(\.shape)
            #expect(Set(shapes).count == shapes.count, "\(which): \(shapes)")
            #expect(plot.series.allSatisfy { $0.markEvery > 0 }, "\(which)")
        }
    }
}

@Suite struct MarginOnTheCosineAxisTests {
    /// The teaching example: s = 30, m = 0.35, cos θ_y = 0.62, rival 1 at cos 0.5.
    static var c: FrameContext { context(for: .cosine(.targetLogitOnCosine), width: 80, height: 24, glyphs: .unicode) }

    @Test func theLogitPlotDrawsBothCurvesTheRivalLevelAndTheShift() throws {
        let plot = CosinePlots.targetLogitOnCosine(Self.c)
        #expect(plot.axes.x == -1...1)
        // s·cos θ and s·(cos θ − m) at c = 0.2, by hand: 6 and −4.5.
        let at = { (s: PlotSeries) in s.points.min { abs($0.x - 0.2) < abs($1.x - 0.2) }! }
        #expect(abs(at(plot.series[0]).y - 6) < 1e-12)
        #expect(abs(at(plot.series[1]).y - -4.5) < 1e-12)
        #expect(plot.references.map(\.y) == [15])
        let arrow = try #require(plot.arrows.first)
        // The decision point moves from c = 0.5 to c = 0.85 along the rival's level 30·0.5.
        #expect(abs(arrow.from - 0.5) < 1e-15 && abs(arrow.to - 0.85) < 1e-12 && arrow.y == 15)
        // Margin at θ_y = arccos 0.62: arccos(0.27) − arccos(0.62) = 74.336° − 51.682° = 22.654° (NumPy).
        #expect(arrow.label == "rival 1: Δcos 0.35 = 22.7° at θ_y")
        #expect(plot.markers.first.map { abs($0.x - 0.62) < 1e-15 } == true)
    }

    @Test func theProbabilityPlotIsTheLogisticOfTheTargetAgainstTheRivals() {
        let plot = CosinePlots.targetProbabilityOnCosine(Self.c)
        // At c = 0.5 without margin: 1/(1 + e^0 + e^{30·(0.2−0.5)} + e^{30·(−0.1−0.5)}) = 0.4999691 (NumPy).
        let p = plot.series[0].points.first { abs($0.x - 0.5) < 1e-9 }!.y
        #expect(abs(p - 0.4999691) < 1e-6)
    }

    @Test func vCyclesThroughAllFivePlots() {
        var s = ExplorerState()
        var seen: [CosinePlot] = []
        for _ in 0..<5 {
            seen.append(s.cosinePlot)
            s.apply(key: .character("v"))
        }
        #expect(Set(seen) == Set(CosinePlot.allCases))
        #expect(s.cosinePlot == seen[0])
    }

    @Test func theBoundaryBandIsAsWideAsTheMarginAtTheSamplesRivalAngle() throws {
        let plot = CosinePlots.decisionPlane(Self.c)
        let arrow = try #require(plot.arrows.first)
        // θ_r = arccos 0.5 = 60°, the margined boundary at arccos(0.85) = 31.788°: 28.2° (NumPy).
        #expect(abs(arrow.from - 60) < 1e-9 && abs(arrow.to - 31.78833) < 1e-4)
        #expect(arrow.label == "band 28.2°")
        #expect(plot.curveBands.count == 1)
        #expect(plot.highlights.first?.label == "sample (51.7°, 60.0°)")
    }
}

@Suite struct ZoomTests {
    @Test(arguments: AppPlot.allCases)
    func aZoomedPlotHasEighteenRowsAndFiveTicksPerAxisAt80x24(_ plot: AppPlot) throws {
        let c = context(for: plot, width: 80, height: 24, glyphs: .unicode)
        let widget = try #require(plot.widget(context: c, zoomed: true, width: 80))
        let area = Rect(x: 0, y: 1, width: 80, height: 23)
        let data = widget.dataArea(in: area)
        #expect(data.height >= 18, "\(plot): \(data.height) rows")
        var canvas = Canvas(width: 80, height: 24)
        widget.render(in: area, on: &canvas)
        // Tick labels: numbers on the row under the x axis and left of the y axis.
        let xLabels = canvas.line(data.maxY + 1).split(separator: " ").filter { Double($0) != nil }
        let yLabels = (data.y..<data.maxY + 1).filter { y in
            Double(canvas.line(y).prefix(data.x - 1).trimmingCharacters(in: .whitespaces)) != nil
        }
        #expect(xLabels.count >= 5, "\(plot): x \(xLabels)")
        #expect(yLabels.count >= 5, "\(plot): y rows \(yLabels)")
    }

    @Test func zAndEscapeGoInAndOutOfTheZoomedPlot() {
        var s = ExplorerState()
        s.apply(key: .character("z"))
        #expect(s.display.zoomed)
        s.apply(key: .character("z"))
        #expect(!s.display.zoomed)
        s.apply(key: .character("z"))
        s.apply(key: .escape)
        #expect(!s.display.zoomed)
    }

    @Test func escapeClosesTheHelpFirstAndKeepsTheZoom() {
        var s = ExplorerState()
        s.apply(key: .character("z"))
        s.apply(key: .character("?"))
        s.apply(key: .escape)
        #expect(s.display.zoomed && s.overlay == .none)
    }

    @Test func theZoomedFrameShowsThePlotAloneWithItsFooter() {
        let canvas = render(state(.cosine, width: 80, height: 24) { $0.display.zoomed = true })
        #expect(canvas.line(0).hasPrefix("target logit vs cos θ_y"))
        #expect(canvas.line(0).hasSuffix("z/Esc: back"))
        #expect(!canvas.text.contains("Tab screen"))
        #expect(canvas.line(23).hasPrefix("s 30, m 0.35: cos θ_y 0.620, z_y 8.10, z_1 15.00, p_y 0.0010, L 6.901"))
    }

    @Test func aClickOnThePlotZoomsItAndAnotherReturns() {
        let app = ExplorerApp(state: ExplorerState(), glyphs: .unicode)
        app.handle(.resize(width: 80, height: 24))
        _ = app.render()
        // Row 17 is inside the cosine screen's plot panel at 80×24 (the panel starts at row 14).
        app.handle(.mouse(MouseEvent(.press, .left, x: 20, y: 17)))
        #expect(app.state.display.zoomed)
        _ = app.render()
        app.handle(.mouse(MouseEvent(.press, .left, x: 20, y: 10)))
        #expect(!app.state.display.zoomed)
    }

    @Test func theGeometryScreenSaysItHasNoPlotToZoom() {
        var s = ExplorerState()
        s.screen = .geometry
        s.apply(key: .character("z"))
        #expect(!s.display.zoomed)
        #expect(s.message?.contains("no plot") == true)
    }
}

@Suite struct HonestBarsTests {
    /// Negative bars grow left from the axis in whole cells of `▓`; count them per row.
    static func negativeCells(_ canvas: Canvas, row: Int) -> Int {
        (0..<canvas.width).filter { canvas[$0, row].text == GlyphSet.unicode.negativeBar }.count
    }

    @Test func aLogarithmicScaleTellsVanishingGradientsApart() {
        // −0.39, −0.031, −0.0006 on a scale of s = 30 with floor 30·10⁻⁶: by hand
        // log10(v/3e-5)/6 = 0.686, 0.502, 0.217 of the half-track.
        let rows = [-0.39, -0.031, -0.0006].map { (value: $0, text: "x", style: Style.plain) }
        var linear = Canvas(width: 43, height: 3), log = Canvas(width: 43, height: 3)
        ScreenParts.numberedBars(rows, scale: .linear(30), signed: true, in: linear.bounds, on: &linear, glyphs: .unicode)
        ScreenParts.numberedBars(rows, scale: .logarithmic(30), signed: true, in: log.bounds, on: &log, glyphs: .unicode)
        // Width 43: number 1 column, bars from x = 0, two-cell gutter, track 41; half (41 − 1)/2 = 20 cells.
        let half = 20.0
        let expected = [0.686, 0.502, 0.217].map { Int(($0 * half).rounded()) }
        #expect((0..<3).map { Self.negativeCells(log, row: $0) } == expected)
        // Linear on s: 0.39/30 of 21 cells rounds to 0; the old largest-on-screen scale drew a full bar.
        #expect((0..<3).map { Self.negativeCells(linear, row: $0) } == [0, 0, 0])
    }

    @Test func bothLossColumnsUseTheScaleSAndSayItOnScreen() {
        let canvas = render(state(.cosine, width: 80, height: 24))
        #expect(canvas.text.contains("bars 0 to s = 30, linear (g: log)"))
        var s = state(.cosine, width: 80, height: 24)
        s.apply(key: .character("g"))
        #expect(render(s).text.contains("bars 3e-5 to s = 30, log (g: linear)"))
    }

    @Test func theTargetsGradientBarsAreTheirShareOfS() {
        // The teaching example at 240×70: ∂L/∂cos θ_0 is 30·(p_0 − 1) = −29.970 with the margin
        // and −0.798 without it (p_0 = 0.9734, NumPy). On the linear scale s the LMCL bar fills the
        // half-track (29.97/30 of it) and NormFace's 0.798/30 of it rounds to nothing; a scale set by
        // the largest value on screen drew it too. On the log scale (floor 3e-5) they take
        // log10(v/3e-5)/6 = 0.99993 and 0.73748 of it (NumPy).
        func runs(_ s: ExplorerState) -> [Int] {
            let canvas = render(s)
            let row = (0..<70).first { canvas.line($0).contains("0 y") && canvas.line($0).contains("-29.97") }!
            return canvas.line(row).split(separator: " ").map { $0.filter { $0 == "▓" }.count }.filter { $0 > 0 }
        }
        let linear = runs(state(.cosine, width: 240, height: 70))
        #expect(linear.count == 1, "\(linear)")
        let half = Double(linear.last ?? 0)
        #expect(half >= 10)
        #expect(0.798006 / 30 * half < 0.5)
        let log = runs(state(.cosine, width: 240, height: 70) { $0.display.logarithmicBars = true })
        // The two columns' half-tracks may differ by a cell (the table's columns are rounded).
        #expect(log.count == 2 && abs(Double(log[0]) - 0.73748 * half) <= 1 && log[1] == linear[0], "\(log)")
    }
}

@Suite struct ThemeAndPresenterTests {
    static let screens = Screen.allCases

    /// Every screen, plain, zoomed and in presenter mode, in every theme at 80×24 and 240×70:
    /// no dim cell in light, mono and contrast; no colour in mono; the text is the theme's
    /// business only through styles (every theme prints the same characters).
    @Test(arguments: Screen.allCases)
    func everyThemeKeepsItsRuleOnEveryScreen(_ screen: Screen) {
        for size in sizes {
            for mode in 0..<3 {
                var texts: Set<String> = []
                for name in Palette.Name.allCases {
                    let canvas = render(
                        state(screen, width: size.width, height: size.height) {
                            $0.display.theme = name
                            $0.display.zoomed = mode == 1
                            $0.display.presenter = mode == 2
                        })
                    texts.insert(canvas.text)
                    let cells = (0..<canvas.height).flatMap { y in (0..<canvas.width).map { canvas[$0, y].style } }
                    if name != .dark {
                        #expect(!cells.contains { $0.dim }, "\(screen) \(name) \(size) mode \(mode): a dim cell")
                    }
                    if name == .mono {
                        #expect(!cells.contains { $0.foreground != nil || $0.background != nil }, "\(screen) mono: a colour")
                    }
                }
                #expect(texts.count == 1, "\(screen) \(size) mode \(mode): the themes print different text")
            }
        }
    }

    @Test func theDarkThemeStillDimsItsSecondaryText() {
        let canvas = render(state(.cosine, width: 80, height: 24))
        let dims = (0..<24).flatMap { y in (0..<80).map { canvas[$0, y].style.dim } }.filter { $0 }.count
        #expect(dims > 0)
    }

    @Test func tCyclesTheFourThemes() {
        var s = ExplorerState()
        var seen: [Palette.Name] = []
        for _ in 0..<4 {
            seen.append(s.display.theme)
            s.apply(key: .character("T"))
        }
        #expect(seen == [.dark, .light, .mono, .contrast])
        #expect(s.display.theme == .dark)
    }

    @Test func presenterModeHidesTheChromeAndEnlargesTheSample() {
        let plain = render(state(.cosine, width: 80, height: 24) { $0.cosinePlot = .decisionPlane })
        let shown = render(
            state(.cosine, width: 80, height: 24) {
                $0.cosinePlot = .decisionPlane; $0.display.presenter = true
            })
        #expect(plain.text.contains("Tab screen") && !shown.text.contains("Tab screen"))
        #expect(!shown.text.contains("MarginScope  1 Softmax"))
        #expect(shown.line(0).contains("L = 6.9011") && shown.line(0).contains("P: back"))
        // The large marker is a plus of five ◆ (the normal one is one).
        let diamonds = shown.text.filter { $0 == "◆" }.count
        #expect(diamonds == 5, "\(diamonds)")
    }

    @Test func resetKeepsTheThemeAndTheZoom() {
        var s = ExplorerState()
        s.apply(key: .character("T"))
        s.apply(key: .character("z"))
        s.apply(key: .character("r"))
        #expect(s.display.theme == .light && s.display.zoomed)
    }
}

/// The zoomed plots and presenter mode as text at 80×24 (the frames `marginscope frame --keys z` prints),
/// re-recorded on purpose with MARGINSCOPE_RECORD=1.
@Suite struct ZoomSnapshotTests {
    static func name(_ plot: AppPlot) -> String {
        switch plot {
        case .softmaxLoss: return "softmax-loss"
        case .cosine(let p): return "cosine-\(p.rawValue)"
        case .batchScatter: return "batch-scatter"
        case .batchHistogram: return "batch-histogram"
        }
    }

    @Test(arguments: AppPlot.allCases)
    func everyZoomedPlotMatchesItsSnapshotAt80x24(_ plot: AppPlot) {
        let canvas = render(
            state(plot.screen, width: 80, height: 24) { s in
                if case .cosine(let p) = plot { s.cosinePlot = p }
                if plot == .batchHistogram { s.batch.view = .gradients }
                s.display.zoomed = true
            })
        assertSnapshot(canvas.text, named: "zoom-\(Self.name(plot))-80x24")
    }

    @Test func presenterModeMatchesItsSnapshotAt80x24() {
        let canvas = render(
            state(.cosine, width: 80, height: 24) {
                $0.cosinePlot = .decisionPlane; $0.display.presenter = true
            })
        assertSnapshot(canvas.text, named: "presenter-cosine-80x24")
    }

    @Test func withoutAMarginTheLogitPlotDrawsNoShift() {
        let c = context(for: .cosine(.targetLogitOnCosine), width: 80, height: 24, glyphs: .unicode) { $0.marginSteps = 0 }
        let plot = CosinePlots.targetLogitOnCosine(c)
        #expect(plot.arrows.isEmpty)
        #expect(plot.references.map(\.label) == ["rival 1"])
    }
}
