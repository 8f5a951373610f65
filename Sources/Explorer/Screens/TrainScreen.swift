import TerminalUI
import Training

/// Screen 5: two runs of the same network on the same data, without and with the margin, side by side.
///
/// A settings row (s, m, η, speed, playing or paused, the epoch), then one pane per run
/// (`TrainCircle` and the run's numbers now), then small plots over time (`TrainChart`),
/// as many as fit. The numbers come from `TrainingEngine`, never from the view.
enum TrainScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard let snapshot = context.train, snapshot.panes.count == 2 else { return }
        let (controls, rest) = area.splitTop(1)
        drawControls(in: controls, on: &canvas, context: &context)
        // The charts get a third of what is left (at least 7 rows); the panes the rest.
        let chartRows = rest.height >= 16 ? max(7, rest.height * 2 / 5) : 0
        let (top, bottom) = rest.splitBottom(min(chartRows, rest.height))
        let halves = top.columns([0.5, 0.5], gap: 0)
        let margin = Settings.trainingMargin.grid.value(context.state[.trainingMargin])
        for (pane, half) in zip(snapshot.panes, halves) {
            drawPane(pane, margin: margin, in: half, on: &canvas, context: context)
        }
        drawCharts(snapshot.panes, in: bottom, on: &canvas, context: context)
    }

    /// "NormFace", "softmax", "CosFace m=0.2": a run's loss as the panes and the legends name it.
    static func shortName(_ objective: Objective) -> String {
        switch objective.loss {
        case .softmax: return "softmax"
        case .normface: return "NormFace"
        case .cosface: return "CosFace m=\(StateString.trim(Settings.trainingMargin.grid.format(value: objective.margin)))"
        }
    }

    static func drawControls(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs
        var x = area.x
        for setting in Settings.trainingValues {
            let field = Field.value(setting.id)
            let focused = state.focusedField == field
            let start = x
            x = canvas.put(focused ? g.pointer : " ", x: x, y: area.y, style: Theme.label, clip: area)
            x = canvas.put(
                ScreenParts.spell(setting.symbol, g) + " ", x: x, y: area.y, style: focused ? Theme.focused : Theme.label, clip: area)
            x = canvas.put(StateString.trim(setting.grid.format(state[setting.id])), x: x, y: area.y, style: .plain, clip: area)
            context.hits.add(Rect(x: start, y: area.y, width: x - start, height: 1), .field(field))
            x += 1
        }
        let status =
            state.train.playing
            ? "\(g.isUnicode ? "▶" : ">") \(context.strings[.trainPlaying])"
            : "\(g.isUnicode ? "‖" : "||") \(context.strings[.trainPaused])"
        x = canvas.put(" " + status, x: x, y: area.y, style: state.train.playing ? Theme.positive : Theme.warning, clip: area)
        canvas.put(
            "  " + context.strings.format(.trainEpoch, ["n": "\(state.train.epoch)"]), x: x, y: area.y, style: Theme.label, clip: area)
    }

    static func drawPane(
        _ pane: TrainingPaneSnapshot, margin: Double, in area: Rect, on canvas: inout Canvas,
        context: FrameContext
    ) {
        let g = context.glyphs
        var title = shortName(pane.objective)
        if pane.objective.loss.usesScale {
            title += " s=\(StateString.trim(Settings.trainingScale.grid.format(value: pane.objective.scale)))"
        }
        let inner = ScreenParts.panel(
            title, right: pane.diverged ? context.strings[.trainDiverged] : nil, in: area, on: &canvas, context: context)
        guard !inner.isEmpty else { return }
        let numbers = numberLines(pane, strings: context.strings, glyphs: g)
        let numbersWidth = min(13, max(0, inner.width - 20))
        let pictureWidth = min(inner.width - numbersWidth, inner.height * 2 + 8)
        let (legendRow, below) = inner.splitTop(1)
        let (picture, side) = below.splitLeft(pictureWidth)
        // The classes' marks in one compact row across the pane (the plot's own legend spells each out and would be cut).
        var legend: [Span] = []
        for j in pane.directions.indices {
            let c = TrainCircle.category(j)
            legend += [Span(g.marker(c.shape), c.style), Span("\(j) ")]
        }
        ScreenParts.lines([Line(legend)], in: legendRow, on: &canvas, glyphs: g)
        TrainCircle.plot(pane, margin: margin, glyphs: g, legend: false).render(in: picture, on: &canvas)
        let right = Rect(x: side.maxX - numbersWidth, y: side.y, width: numbersWidth, height: side.height)
        ScreenParts.lines(numbers, in: right, on: &canvas, glyphs: g)
    }

    /// The run's numbers now, one per row, in the order of their importance.
    static func numberLines(_ pane: TrainingPaneSnapshot, strings: Strings, glyphs g: GlyphSet) -> [Line] {
        let m = pane.metrics
        func row(_ name: String, _ value: String) -> Line {
            Line([Span(ScreenParts.spell(name, g), Theme.dim), Span(" " + value, Theme.label)])
        }
        let degrees = { (v: Double) in ScreenParts.number(v, 1, glyphs: g) + ScreenParts.spell("°", g) }
        return [
            row(strings[.trainRowLoss], ScreenParts.number(m.loss, 3, glyphs: g)),
            row(strings[.trainRowTrain], ScreenParts.number(m.trainAccuracy, 3, glyphs: g)),
            row(strings[.trainRowTest], m.testAccuracy.map { ScreenParts.number($0, 3, glyphs: g) } ?? g.missing),
            row("θ_y", degrees(m.meanAngle)),
            row("p95", degrees(m.p95Angle)),
            row(strings[.trainRowClassGap], degrees(m.minClassGap)),
            row(strings[.trainRowGap], degrees(m.medianGap)),
        ]
    }

    static func drawCharts(_ panes: [TrainingPaneSnapshot], in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        guard area.height >= 4 else { return }
        let g = context.glyphs
        let (legendRow, rest) = area.splitTop(1)
        var spans: [Span] = []
        for (pane, (look, style)) in zip(panes, [(PlotSeries.looks[0], Theme.normFace), (PlotSeries.looks[2], Theme.lmcl)]) {
            spans += [Span(g.marker(look.shape), style), Span(" " + shortName(pane.objective) + "   ")]
        }
        spans.append(Span(context.strings[.trainOverEpochs], Theme.dim))
        ScreenParts.lines([Line(spans)], in: legendRow, on: &canvas, glyphs: g)
        let rows = rest.height >= 14 ? 2 : 1
        let all = TrainChart.allCases
        let perRow = min(max(1, rest.width / 26), (all.count + rows - 1) / rows)
        let charts = Array(all.prefix(rows * perRow))
        let usedRows = (charts.count + perRow - 1) / perRow
        let bands = rest.rows(Array(repeating: 1.0 / Double(usedRows), count: usedRows))
        for (r, band) in bands.enumerated() {
            let inRow = Array(charts.dropFirst(r * perRow).prefix(perRow))
            let cells = band.columns(Array(repeating: 1.0 / Double(inRow.count), count: inRow.count), gap: 1)
            for (chart, cell) in zip(inRow, cells) {
                let (titleRow, plotArea) = cell.splitTop(1)
                canvas.put(
                    ScreenParts.spell(context.strings[chart.titleKey], g), x: titleRow.x, y: titleRow.y, style: Theme.title, clip: titleRow)
                chart.plot(panes, glyphs: g).render(in: plotArea, on: &canvas)
            }
        }
    }
}
