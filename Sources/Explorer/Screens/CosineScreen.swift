import Foundation
import LossMath
import TerminalUI

/// Screen 2: NormFace beside LMCL (CosFace) on editable cosines or angles.
///
/// Top: s and m, both losses, and the CosFace paper's bounds as advice.
/// Middle: per class, the input, the probabilities without and with the
/// margin, and ∂L/∂cos θ_j for both. Bottom: the plots of how the margin moves
/// the decision, and the LMCL formulas with the numbers substituted.
enum CosineScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state
        let (top, rest) = area.splitTop(5)
        let (table, bottom) = rest.splitTop(min(rest.height, state.classCount + 3))
        drawSettings(in: top, on: &canvas, context: &context)
        drawClasses(in: table, on: &canvas, context: &context)
        drawPlots(in: bottom, on: &canvas, context: &context)
    }

    // MARK: - Settings and losses

    static func drawSettings(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs, e = context.evaluation
        let cols = area.columns([0.5, 0.5], gap: 0)
        let focused = state.focusedField
        let left = ScreenParts.panel("Scale and margin", in: cols[0], on: &canvas, context: context,
                                     focused: focused == .scale || focused == .margin)
        for (i, setting) in Settings.singleValues.enumerated() where i < left.height {
            let row = Rect(x: left.x, y: left.y + i, width: left.width, height: 1)
            ScreenParts.slider(setting, state: state, in: row, labelWidth: 1, valueWidth: 7, on: &canvas, context: &context)
        }
        if left.height >= 3 {
            let c = state.classCount
            let bound = CosFaceBounds.maximumMarginHighDimensional(classes: c)
            let planar = CosFaceBounds.maximumMarginPlanar(classes: c)
            let text = "m bound: \(ScreenParts.number(bound, 2, glyphs: g)) (d≥C−1), \(ScreenParts.number(planar, 2, glyphs: g)) (2-D)"
            canvas.put(ScreenParts.spell(text, g), x: left.x + 2, y: left.y + 2, style: Theme.dim, clip: left)
        }
        let right = ScreenParts.panel("Loss", in: cols[1], on: &canvas, context: context)
        let y = state.target
        let n4 = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        let lines = [
            Line([Span("NormFace ", Theme.normFace), Span("L = "), Span(n4(e.normFace.loss), Theme.label),
                  Span("  p_y = \(n4(e.normFace.probabilities[y]))")]),
            Line([Span("LMCL     ", Theme.lmcl), Span("L = "), Span(n4(e.lmcl.loss), Theme.label),
                  Span("  p_y = \(n4(e.lmcl.probabilities[y]))")]),
            Line(ScreenParts.spell("s for p_y = 0.99: s ≥ \(ScreenParts.number(CosFaceBounds.minimumScale(classes: state.classCount, targetProbability: 0.99), 2, glyphs: g))", g), style: Theme.dim),
        ]
        ScreenParts.lines(lines, in: right.inset(left: 1), on: &canvas, glyphs: g)
    }

    // MARK: - Per-class table

    static func drawClasses(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs, e = context.evaluation
        let angleMode = state.inputMode == .angle
        let focused = state.focusedField
        let isFocused = { if case .cosine = focused { return true } else { return false } }()
        let title = (angleMode ? "Classes: angle θ_j (c: use cos θ)" : "Classes: cos θ_j (c: use angles)") + (hasWideClassTable(area) ? "" : ", NF = NormFace")
        let inner = ScreenParts.panel(ScreenParts.spell(title, g), in: area, on: &canvas, context: context, focused: isFocused)
        guard inner.height >= 1 else { return }
        let wide = hasWideClassTable(area)
        let fractions = wide ? [0.26, 0.07, 0.16, 0.16, 0.175, 0.175] : [0.31, 0.16, 0.16, 0.185, 0.185]
        let cols = inner.columns(fractions, gap: 2)
        let headers = (angleMode ? ["  j  θ_j (deg)"] : ["  j  cos θ_j"]) + (wide ? [angleMode ? "cos θ" : "θ (deg)"] : [])
            + ["p NormFace", "p LMCL", wide ? "∂L/∂cos NormFace" : "∂L/∂cos NF", "∂L/∂cos LMCL"]
        for (i, h) in headers.enumerated() {
            canvas.draw(Line(ScreenParts.spell(h, g), style: Theme.label), in: Rect(x: cols[i].x, y: inner.y, width: cols[i].width, height: 1), ellipsis: g.ellipsis)
        }
        let rows = inner.inset(top: 1)
        let grid = state.inputGrid
        let range: ClosedRange<Double> = angleMode ? 0...180 : -1...1
        let limit = max(1e-12, (e.normFace.gradient + e.lmcl.gradient).map(abs).max() ?? 1)
        let first = wide ? 2 : 1
        let h = min(rows.height, state.classCount)
        for j in 0..<h {
            let y = rows.y + j
            let isTarget = j == state.target
            let rowRect = Rect(x: cols[0].x, y: y, width: cols[0].width, height: 1)
            let slider = Slider(ScreenParts.classLabel(j, target: state.target), value: grid.value(state.inputSteps[j]), range: range,
                                valueText: grid.format(state.inputSteps[j]), style: isTarget ? Theme.target : .plain,
                                highlighted: focused == .cosine(j), labelWidth: 3, valueWidth: 6, glyphs: g)
            slider.render(in: rowRect, on: &canvas)
            context.hits.add(Rect(x: inner.x, y: y, width: inner.width, height: 1), .field(.cosine(j)))
            context.hits.add(slider.track(in: rowRect), .slider(.cosine(j), low: range.lowerBound, high: range.upperBound))
            if wide {
                let other = angleMode ? ScreenParts.number(e.lmcl.cosines[j], 3, glyphs: g) : ScreenParts.number(state.angles[j], 1, glyphs: g)
                canvas.draw(Line(other), in: Rect(x: cols[1].x, y: y, width: cols[1].width, height: 1), alignment: .right)
            }
        }
        let target = state.target
        func probabilities(_ p: [Double], _ colour: Color?) -> [(Double, String, Style)] {
            p.enumerated().map { j, v in (v, ScreenParts.number(v, 3, glyphs: g), (j == target ? Theme.target : .plain).with(foreground: colour)) }
        }
        func gradients(_ d: [Double]) -> [(Double, String, Style)] {
            d.map { ($0, ScreenParts.number($0, 2, sign: true, glyphs: g), $0 < 0 ? Theme.negative : Theme.positive) }
        }
        func column(_ i: Int) -> Rect { Rect(x: cols[i].x, y: rows.y, width: cols[i].width, height: h) }
        ScreenParts.numberedBars(probabilities(e.normFace.probabilities, Theme.normFace.foreground), limit: 1, signed: false,
                                 in: column(first), on: &canvas, glyphs: g)
        ScreenParts.numberedBars(probabilities(e.lmcl.probabilities, Theme.lmcl.foreground), limit: 1, signed: false,
                                 in: column(first + 1), on: &canvas, glyphs: g)
        ScreenParts.numberedBars(gradients(e.normFace.gradient), limit: limit, signed: true, in: column(first + 2), on: &canvas, glyphs: g)
        ScreenParts.numberedBars(gradients(e.lmcl.gradient), limit: limit, signed: true, in: column(first + 3), on: &canvas, glyphs: g)
    }

    // MARK: - Plots and formulas

    static func drawPlots(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard area.height >= 5 else { return }
        let g = context.glyphs
        if area.width >= 120 && area.height >= 20 {
            let (upper, lower) = area.splitTop(area.height / 2)
            let u = upper.columns([0.5, 0.5], gap: 0), l = lower.columns([0.5, 0.5], gap: 0)
            plotPanel(.targetLogit, in: u[0], on: &canvas, context: context)
            plotPanel(.targetProbability, in: u[1], on: &canvas, context: context)
            plotPanel(.decisionPlane, in: l[0], on: &canvas, context: context)
            let f = ScreenParts.panel("LMCL, with the numbers", in: l[1], on: &canvas, context: context)
            ScreenParts.lines(formulaLines(context, width: f.width), in: f, on: &canvas, glyphs: g)
            return
        }
        let formulaWidth = area.width >= 100 ? area.width * 2 / 5 : 34
        let (plotArea, formulaArea) = (Rect(x: area.x, y: area.y, width: area.width - formulaWidth, height: area.height),
                                       Rect(x: area.maxX - formulaWidth, y: area.y, width: formulaWidth, height: area.height))
        plotPanel(context.state.cosinePlot, in: plotArea, on: &canvas, context: context, cycling: true)
        let f = ScreenParts.panel("LMCL, with the numbers", in: formulaArea, on: &canvas, context: context)
        ScreenParts.lines(formulaLines(context, width: f.width), in: f, on: &canvas, glyphs: g)
    }

    static func plotPanel(_ which: CosinePlot, in area: Rect, on canvas: inout Canvas, context: FrameContext, cycling: Bool = false) {
        let g = context.glyphs
        let title = ScreenParts.spell(which.title, g) + (cycling ? " (v: next)" : "")
        let block = Block(title: Line(" \(title) ", style: Theme.title),
                          // The footer sits between the corners with a space and a rule cell each side.
                          footer: which == .targetLogit ? " " + CosinePlots.shiftSummary(context, width: area.width - 6) + " " : nil,
                          glyphs: g)
        block.render(in: area, on: &canvas)
        let inner = block.inner(area)
        CosinePlots.plot(which, context: context, compact: inner.height < 12).render(in: inner, on: &canvas)
    }

    /// The LMCL computation for the current sample, step by step, in lines of at most `width` columns.
    ///
    /// A line with the numbers substituted that would not fit (s = 1000, m = 2, a class index
    /// ≥ 10) gives up the substitution and keeps the result whole.
    static func formulaLines(_ context: FrameContext, width: Int = .max) -> [Line] {
        let state = context.state, g = context.glyphs, r = context.evaluation.lmcl
        let y = state.target
        let s = StateString.trim(ValueGrid.scale.format(state.scaleSteps))
        let m = ValueGrid.margin.format(state.marginSteps)
        let n3 = { (v: Double) in ScreenParts.number(v, 3, glyphs: g) }
        let sp = { (t: String) in ScreenParts.spell(t, g) }
        let fit = { (long: String, short: String) in ColumnWidth.of(sp(long)) <= width ? sp(long) : sp(short) }
        var lines = [
            Line(sp("z_y = s·(cos θ_y − m)")),
            Line(fit("z_\(y) = \(s)·(\(FormulaText.minus(n3(r.cosines[y]), m))) = \(n3(r.logits[y]))",
                     "z_\(y) = \(n3(r.logits[y]))")),
        ]
        if let rival = DecisionBoundary.strongestRival(cosines: r.cosines, target: y) {
            lines.append(Line(fit("z_\(rival.index) = \(FormulaText.times(s, n3(rival.cosine))) = \(n3(r.logits[rival.index])) (rival)",
                                  "z_\(rival.index) = \(n3(r.logits[rival.index])) (rival)")))
        }
        let lse = r.loss + r.logits[y]
        lines.append(Line([Span(sp("L = LSE(z) − z_y = ")), Span(n3(r.loss), Theme.label)]))
        lines.append(Line(sp("  = \(FormulaText.minus(n3(lse), n3(r.logits[y])))")))
        lines.append(Line(sp("∂L/∂cos θ_j = s·(p_j − 1[j=y])")))
        lines.append(Line(sp("∂L/∂cos θ_\(y) = \(ScreenParts.number(r.gradient[y], 3, glyphs: g))")))
        lines.append(Line(sp("NormFace is m = 0: L = \(n3(context.evaluation.normFace.loss))"), style: Theme.dim))
        return lines
    }
}

/// Whether the class table has room for its wide layout (a θ/cos column and full headers).
private func hasWideClassTable(_ area: Rect) -> Bool { area.width - 2 >= 100 }
