import Foundation
import LossMath
import TerminalUI

/// Screen 1: softmax cross-entropy on editable logits.
///
/// Per class: the logit (a slider the mouse can drag), the probability bar,
/// and the signed gradient ∂L/∂x_j = p_j − 1[j=y] as a diverging bar; below,
/// the formulas with the current numbers substituted.
enum SoftmaxScreen {
    /// The logit sliders span ±10; larger logits (typed, up to ±1e6) show an overflow tip.
    static let sliderRange = -10.0...10.0

    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs
        let result = context.evaluation.softmax
        // A tall terminal has a row for the gradient bars' ruler; the panel's title names it either way.
        let ruler = state.height >= 30 ? 1 : 0
        let tableHeight = min(area.height, state.classCount + 4 + ruler)
        let formulaHeight = area.height - tableHeight >= 6 ? 6 : 0
        let (table, rest) = area.splitTop(tableHeight)
        let (plotArea, formulaArea) = rest.splitBottom(formulaHeight)
        let right =
            "L = \(context.masked("loss", ScreenParts.number(result.loss, 4, glyphs: g)))  \(ScreenParts.scaleText(gradientScale(state), strings: context.strings, glyphs: g))"
        let inner = ScreenParts.panel(
            context.strings[.panelSoftmaxTable], right: right, id: .softmaxTable,
            in: table, on: &canvas, context: context, focused: true)
        drawTable(result, in: inner, on: &canvas, context: &context)
        if formulaHeight > 0 {
            let f = ScreenParts.panel(
                context.strings[.panelSoftmaxFormulas], id: .softmaxFormulas, in: formulaArea, on: &canvas, context: context)
            ScreenParts.lines(formulaLines(result, context: context), in: f, on: &canvas, glyphs: g)
        }
        if plotArea.height >= 6 {
            let p = ScreenParts.panel(
                ScreenParts.spell(context.strings[.softmaxPlotTitle], g), id: .softmaxPlot,
                in: plotArea, on: &canvas, context: context)
            var plot = lossPlot(result, context: context)
            plot.directLabels = true
            plot.render(in: p, on: &canvas)
            context.hits.add(p, .zoom)
        }
    }

    /// L and ∂L/∂x_y against x_y, the other logits fixed: L = log(1 + Σ_{j≠y} e^{x_j − x_y}).
    static func lossPlot(_ r: SoftmaxResult, context: FrameContext) -> LinePlot {
        let y = r.target, g = context.glyphs
        let others = r.logits.enumerated().filter { $0.offset != y }.map(\.element)
        let centre = others.max() ?? 0
        let lo = centre - 8, hi = centre + 8
        let xs = (0...160).map { lo + Double($0) * (hi - lo) / 160 }
        var logits = r.logits
        var loss: [(x: Double, y: Double)] = [], grad: [(x: Double, y: Double)] = []
        for x in xs {
            logits[y] = x
            let e = SoftmaxCrossEntropy.evaluate(logits: logits, target: y)
            loss.append((x, e.loss))
            grad.append((x, e.gradient[y]))
        }
        let top = max(1, (loss.first?.y ?? 1).rounded(.up))
        let axes = PlotAxes(x: lo...hi, y: -1...top, xTitle: "x_y", yTitle: "L, ∂L/∂x_y", xTickCount: 7, yTickCount: 5, style: Theme.dim)
        return LinePlot(
            axes: axes,
            series: [
                CosinePlots.series(ScreenParts.spell("L = LSE(x) − x_y", g), loss, look: 0, style: Theme.lmcl),
                CosinePlots.series(ScreenParts.spell("∂L/∂x_y = p_y − 1", g), grad, look: 1, style: Theme.negative),
            ],
            references: [ReferenceLine(y: 0, label: "", style: Theme.dim)],
            markers: [
                VerticalMarker(x: r.logits[y], label: "x_y", style: Theme.target),
                VerticalMarker(x: centre, label: "", style: Theme.rival, dotted: true),
            ],
            highlights: [HighlightPoint(x: r.logits[y], y: r.loss, label: "", shape: .diamond, style: Theme.label)],
            glyphs: g)
    }

    static func drawTable(_ result: SoftmaxResult, in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard area.height >= 2 else { return }
        let state = context.state, g = context.glyphs
        // The slider gives its value at most a third of its row: the logit column widens
        // for typed logits such as −123456.78 so that they show whole.
        let logitTexts = result.logits.map { ScreenParts.number($0, 2, glyphs: g) }
        let widest = logitTexts.map(ColumnWidth.of).max() ?? 0
        let first = min(0.5, max(0.36, Double(3 * widest + 4) / Double(max(1, area.width))))
        let cols = area.columns([first, (1 - first) * 0.30 / 0.64, (1 - first) * 0.34 / 0.64], gap: 1)
        let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        canvas.put(ScreenParts.spell(context.strings[.softmaxHeadLogit], g), x: cols[0].x, y: header.y, style: Theme.label, clip: header)
        canvas.put("p_j = softmax(x)_j", x: cols[1].x + 2, y: header.y, style: Theme.label, clip: cols[1])
        let scale = gradientScale(state)
        let ruler = state.height >= 30 && area.height - 1 > state.classCount
        canvas.put(ScreenParts.spell("∂L/∂x_j = p_j − 1[j=y]", g), x: cols[2].x + 2, y: header.y, style: Theme.label, clip: cols[2])
        let rows = area.inset(top: 1)
        let focused = state.focusedField
        var probabilityBars: [Bar] = [], gradientBars: [Bar] = []
        let valueWidth = max(9, 1 + widest)
        for j in 0..<state.classCount {
            let y = rows.y + j
            guard y < rows.maxY else { break }
            let isTarget = j == state.target
            let style = isTarget ? Theme.target : .plain
            let slider = Slider(
                ScreenParts.classLabel(j, target: state.target), value: result.logits[j], range: sliderRange,
                valueText: logitTexts[j], style: style,
                highlighted: focused == .logit(j), labelWidth: 3, valueWidth: valueWidth, glyphs: g)
            let rowRect = Rect(x: cols[0].x, y: y, width: cols[0].width, height: 1)
            slider.render(in: rowRect, on: &canvas)
            context.hits.add(rowRect, .field(.logit(j)))
            context.hits.add(slider.track(in: rowRect), .slider(.logit(j), low: sliderRange.lowerBound, high: sliderRange.upperBound))
            // A hidden target value hides its bar too: the bar's length would give the answer away.
            let hideP = isTarget && context.hides("p_y"), hideG = isTarget && context.hides("grad_y")
            let pText = ScreenParts.number(result.probabilities[j], 4, glyphs: g)
            let gText = ScreenParts.number(result.gradient[j], 4, sign: true, glyphs: g)
            probabilityBars.append(
                Bar(
                    "", value: hideP ? 0 : result.probabilities[j], valueText: isTarget ? context.masked("p_y", pText) : pText,
                    style: isTarget ? Theme.target : Theme.normFace))
            gradientBars.append(
                Bar(
                    "", value: hideG ? 0 : result.gradient[j], valueText: isTarget ? context.masked("grad_y", gText) : gText,
                    style: result.gradient[j] < 0 ? Theme.negative : Theme.positive))
        }
        let barRows = Rect(x: 0, y: rows.y, width: 0, height: min(rows.height, state.classCount))
        BarChart(probabilityBars, maximum: 1, glyphs: g)
            .render(in: Rect(x: cols[1].x, y: barRows.y, width: cols[1].width, height: barRows.height), on: &canvas)
        var gradientChart = DivergingBarChart(gradientBars, scale: scale, axisStyle: Theme.label, glyphs: g)
        gradientChart.showsScale = ruler
        gradientChart.render(
            in: Rect(x: cols[2].x, y: barRows.y, width: cols[2].width, height: barRows.height + (ruler ? 1 : 0)),
            on: &canvas)
        let noteY = rows.y + state.classCount + (ruler ? 1 : 0)
        if noteY < rows.maxY {
            let sum = result.gradient.reduce(0, +)
            let note =
                "Σ_j p_j = \(ScreenParts.number(result.probabilities.reduce(0, +), 6, glyphs: g))   Σ_j ∂L/∂x_j = \(formatNumber(sum, significant: 2, missing: g.missing))   p_y = \(context.masked("p_y", ScreenParts.number(result.probabilities[state.target], 4, glyphs: g)))"
            canvas.put(ScreenParts.spell(note, g), x: rows.x + 2, y: noteY, style: Theme.dim, clip: rows)
        }
    }

    /// The gradient bars' fixed scale: |∂L/∂x_j| = |p_j − 1[j=y]| ≤ 1.
    static func gradientScale(_ state: ExplorerState) -> BarScale {
        ScreenParts.gradientScale(1, name: "1", state: state)
    }

    /// The current numbers, for the zoomed plot's footer.
    static func footer(_ context: FrameContext) -> Line {
        let r = context.evaluation.softmax, g = context.glyphs, y = r.target
        let n = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        return Line(
            ScreenParts.spell(
                "x_y = \(ScreenParts.number(r.logits[y], 2, glyphs: g))  L = \(n(r.loss))  p_y = \(n(r.probabilities[y]))  ∂L/∂x_y = \(n(r.gradient[y]))",
                g))
    }

    static func formulaLines(_ r: SoftmaxResult, context: FrameContext) -> [Line] {
        let g = context.glyphs, strings = context.strings
        let y = r.target
        let m = r.logits.max() ?? 0
        let lse = r.loss + r.logits[y]
        let n = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        let gy = r.gradient[y]
        let sp = { (t: String) in ScreenParts.spell(t, g) }
        return [
            Line(sp("p_j = exp(x_j − M) / Σ_k exp(x_k − M),   M = max_k x_k = \(n(m))")),
            Line([
                Span(sp("L = −log p_y = LSE(x) − x_y = \(FormulaText.minus(context.masked("loss", n(lse)), n(r.logits[y]))) = ")),
                Span(context.masked("loss", n(r.loss)), Theme.label),
            ]),
            // A target gradient that rounds to 0 (p_y = 1 to the digits shown) is not called negative.
            Line(
                sp(
                    "∂L/∂x_j = p_j − 1[j=y]:   ∂L/∂x_\(y) = \(context.masked("p_y", n(r.probabilities[y]))) − 1 = \(context.masked("grad_y", n(gy)))"
                        + (FormulaText.isNegative(n(gy)) ? ", " + strings[.softmaxOnlyNegative] : ""))),
            Line(sp(strings[.softmaxShiftNote])),
        ]
    }
}
