import Foundation
import LossMath
import TerminalUI

/// Screen 5: two to four losses of the margin family side by side on the current sample.
///
/// Top: one row per loss with L, p_y, ∂L/∂cos θ_y, ∂L/∂θ_y and the margin in degrees
/// at the current θ_y. Left: s, the parameters the compared losses read, and the
/// class cosines. Right: the target logits against θ_y and against cos θ_y, and the
/// decision boundaries in the (θ_y, θ_rival) plane (one at a time at 80×24, `v`
/// cycles; all three when there is room).
enum CompareScreen {

    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state
        let (top, rest) = area.splitTop(min(area.height, state.compared.count + 3))
        drawTable(in: top, on: &canvas, context: context)
        guard rest.height >= 3 else { return }
        let (controls, plots) = rest.splitLeft(min(rest.width, rest.width >= 120 ? 36 : 28))
        drawControls(in: controls, on: &canvas, context: &context)
        drawPlots(in: plots, on: &canvas, context: context)
    }

    // MARK: - The table

    /// One loss on the current sample, as the table shows it.
    struct Row {
        var type: MarginType
        var title: String
        var result: CosineLossResult
        var marginDegrees: Double?
    }

    static func rows(_ state: ExplorerState) -> [Row] {
        let y = state.target
        let thetaY = Angle.degrees(ofCosine: state.cosines[y])
        return state.compared.map { type in
            let transform = state.transform(for: type)
            let result = CosineHead(scale: state.scale, transform: transform).evaluate(cosines: state.cosines, target: y)
            return Row(
                type: type, title: state.title(of: type), result: result,
                marginDegrees: DecisionBoundary.marginDegrees(transform: transform, targetDegrees: thetaY))
        }
    }

    static func drawTable(in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        let state = context.state, g = context.glyphs
        let rows = rows(state)
        let unbounded = rows.contains { $0.result.targetCosineGradient == nil }
        let thetaY = Angle.degrees(ofCosine: state.cosines[state.target])
        let note = unbounded ? context.strings[.compareUnbounded] : "θ_y = \(ScreenParts.number(thetaY, 1, glyphs: g))°"
        let title = context.strings.format(.compareTableTitle, ["y": "\(state.target)"])
        let inner = ScreenParts.panel(
            ScreenParts.spell(title, g), right: ScreenParts.spell(note, g), id: .compareLosses,
            in: area, on: &canvas, context: context)
        guard inner.height >= 1 else { return }
        let cols = inner.columns([0.24, 0.13, 0.13, 0.17, 0.17, 0.16], gap: 1)
        let headers = [context.strings[.compareColumnLoss], "L", "p_y", "∂L/∂cos θ_y", "∂L/∂θ_y", context.strings[.compareColumnMargin]]
        for (i, h) in headers.enumerated() {
            canvas.draw(
                Line(ScreenParts.spell(h, g), style: Theme.label), in: Rect(x: cols[i].x, y: inner.y, width: cols[i].width, height: 1),
                alignment: i == 0 ? .left : .right, ellipsis: g.ellipsis)
        }
        for (k, row) in rows.enumerated() where k + 1 < inner.height {
            let y = inner.y + 1 + k, r = row.result, t = state.target
            let look = PlotSeries.looks[k % PlotSeries.looks.count]
            let name: String = g.marker(look.shape) + " " + row.title
            let cosineGradient: String
            if let d = r.targetCosineGradient {
                cosineGradient = ScreenParts.number(d, 3, sign: true, glyphs: g)
            } else {
                cosineGradient = g.isUnicode ? "∞" : "unbounded"
            }
            let margin: String
            if let d = row.marginDegrees {
                margin = ScreenParts.number(d, 1, sign: true, glyphs: g) + (g.isUnicode ? "°" : " deg")
            } else {
                margin = context.strings[.compareNeverWins]
            }
            let cells: [String] = [
                name, ScreenParts.number(r.loss, 4, glyphs: g), ScreenParts.number(r.probabilities[t], 4, glyphs: g),
                cosineGradient, ScreenParts.number(r.angleGradient[t], 3, sign: true, glyphs: g), margin,
            ]
            for (i, text) in cells.enumerated() {
                canvas.draw(
                    Line(text, style: i == 0 ? style(k) : .plain), in: Rect(x: cols[i].x, y: y, width: cols[i].width, height: 1),
                    alignment: i == 0 ? .left : .right, ellipsis: g.ellipsis)
            }
        }
    }

    /// The style of compared loss number `k` (colour is never the only difference: each has its own mark and line).
    static func style(_ k: Int) -> Style {
        [Theme.normFace, Theme.lmcl, Theme.target, Theme.rival][k % 4]
    }

    // MARK: - Controls

    static func drawControls(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs
        let settings = state.comparedSettings
        let inner = ScreenParts.panel(context.strings[.compareValues], in: area, on: &canvas, context: context, focused: true)
        let labelWidth = settings.map { ColumnWidth.of(ScreenParts.spell($0.symbol, g)) }.max() ?? 1
        var y = inner.y
        for setting in settings where y < inner.maxY {
            ScreenParts.slider(
                setting, state: state, in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                labelWidth: labelWidth, valueWidth: 5, on: &canvas, context: &context)
            y += 1
        }
        let grid = state.inputGrid
        let range: ClosedRange<Double> = state.inputMode == .angle ? 0...180 : -1...1
        for j in 0..<state.classCount where y < inner.maxY {
            let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let slider = Slider(
                ScreenParts.classLabel(j, target: state.target), value: grid.value(state.inputSteps[j]), range: range,
                valueText: grid.format(state.inputSteps[j]), style: j == state.target ? Theme.target : .plain,
                highlighted: state.focusedField == .cosine(j), labelWidth: 3, valueWidth: 6, glyphs: g)
            slider.render(in: row, on: &canvas)
            context.hits.add(row, .field(.cosine(j)))
            context.hits.add(slider.track(in: row), .slider(.cosine(j), low: range.lowerBound, high: range.upperBound))
            y += 1
        }
        if y < inner.maxY {
            canvas.put(ScreenParts.spell(context.strings[.compareKeys], g), x: inner.x, y: y, style: Theme.dim, clip: inner)
        }
    }

    // MARK: - Plots

    static func drawPlots(in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        guard area.height >= 5, area.width >= 20 else { return }
        if area.width >= 100 && area.height >= 24 {
            let (upper, lower) = area.splitTop(area.height / 2)
            let u = upper.columns([0.5, 0.5], gap: 0)
            plotPanel(.logitAgainstAngle, in: u[0], on: &canvas, context: context)
            plotPanel(.logitAgainstCosine, in: u[1], on: &canvas, context: context)
            plotPanel(.decisionPlane, in: lower, on: &canvas, context: context)
            return
        }
        plotPanel(context.state.comparePlot, in: area, on: &canvas, context: context, cycling: true)
    }

    static func plotPanel(_ which: ComparePlot, in area: Rect, on canvas: inout Canvas, context: FrameContext, cycling: Bool = false) {
        let g = context.glyphs
        let title = ScreenParts.spell(context.strings[which.titleKey], g) + (cycling ? context.strings[.comparePlotNext] : "")
        // The first plot drawn is the one a lesson step's `compare.plot` means.
        if context.panels[.comparePlot] == nil { context.panels.record(.comparePlot, area) }
        let block = Block(title: Line(" \(title) ", style: Theme.title), highlighted: context.highlightedPanel == .comparePlot, glyphs: g)
        block.render(in: area, on: &canvas)
        plot(which, context: context).render(in: block.inner(area), on: &canvas)
    }

    /// Sample points across the x range, enough for the braille grid of any screen.
    static let samples = 241

    /// The plot `which` for the compared losses: one series per loss, each with its own look and a direct label.
    static func plot(_ which: ComparePlot, context: FrameContext) -> LinePlot {
        let state = context.state, th = context.theta, s = state.scale
        let y = state.target, c = state.cosines[y]
        let thetaY = Angle.degrees(ofCosine: c)
        var series: [PlotSeries] = []
        for (k, type) in state.compared.enumerated() {
            let transform = state.transform(for: type)
            let points: [(x: Double, y: Double)]
            switch which {
            case .logitAgainstAngle:
                points = (0..<samples).map { i in
                    let d = Double(i) * 180 / Double(samples - 1)
                    return (d, s * transform.value(Angle.cosine(degrees: d)))
                }
            case .logitAgainstCosine:
                points = (0..<samples).map { i in
                    let x = -1 + 2 * Double(i) / Double(samples - 1)
                    return (x, s * transform.value(x))
                }
            case .decisionPlane:
                let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
                points = DecisionBoundary.curves(transform: transform, targetDegrees: xs).targetWins
            }
            let look = PlotSeries.looks[k % PlotSeries.looks.count]
            series.append(
                PlotSeries(
                    ScreenParts.spell(state.title(of: type), context.glyphs), points: points, shape: look.shape,
                    style: style(k), lineStyle: look.lineStyle, markEvery: 8))
        }
        switch which {
        case .logitAgainstAngle, .logitAgainstCosine:
            let all = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
            let low = min(all.min() ?? -s, -s), high = max(all.max() ?? s, s)
            let angle = which == .logitAgainstAngle
            let axes = PlotAxes(
                x: angle ? 0...180 : -1...1, y: low...high,
                xTitle: angle ? "\(th)y (deg)" : "cos \(th)y", yTitle: ScreenParts.spell("s·f", context.glyphs),
                xTickCount: 5, yTickCount: 3, style: Theme.dim)
            var references: [ReferenceLine] = []
            if let r = DecisionBoundary.strongestRival(cosines: state.cosines, target: y) {
                references.append(ReferenceLine(y: s * r.cosine, label: "rival", style: Theme.dim))
            }
            let marker = VerticalMarker(x: angle ? thetaY : c, label: angle ? "\(th)y" : "c_y", style: Theme.dim, dotted: true)
            return LinePlot(
                axes: axes, series: series, references: references, markers: [marker],
                glyphs: context.glyphs, directLabels: true)
        case .decisionPlane:
            var highlights: [HighlightPoint] = []
            if let r = DecisionBoundary.strongestRival(cosines: state.cosines, target: y) {
                highlights.append(
                    HighlightPoint(
                        x: thetaY, y: Angle.degrees(ofCosine: r.cosine), label: "sample",
                        shape: .star, style: Theme.label))
            }
            let axes = PlotAxes(
                x: 0...180, y: 0...180, xTitle: "\(th)y (deg)", yTitle: "\(th)rival (deg)",
                xTickCount: 5, yTickCount: 4, style: Theme.dim)
            return LinePlot(axes: axes, series: series, highlights: highlights, glyphs: context.glyphs, directLabels: true)
        }
    }
}
