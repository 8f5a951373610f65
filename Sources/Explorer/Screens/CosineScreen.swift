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
        // s and up to three parameters, then the bound line: 5 rows for CosFace, 6 for the combined margin.
        let (top, rest) = area.splitTop(max(5, state.marginSettings.count + 2))
        // A tall terminal has a row for the gradient bars' ruler; the panel's bottom border names it either way.
        let ruler = state.height >= 30 ? 1 : 0
        let (table, bottom) = rest.splitTop(min(rest.height, state.classCount + 3 + ruler))
        drawSettings(in: top, on: &canvas, context: &context)
        drawClasses(in: table, on: &canvas, context: &context)
        drawPlots(in: bottom, on: &canvas, context: &context)
    }

    // MARK: - Settings and losses

    static func drawSettings(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs, e = context.evaluation
        let cols = area.columns([0.5, 0.5], gap: 0)
        let focused = state.focusedField
        let settings = state.marginSettings
        let isValue = { if case .value = focused { return true } else { return false } }()
        let title =
            state.marginType == .cosFace
            ? context.strings[.panelCosineControls]
            : context.strings.format(.cosineMarginPanel, ["name": state.marginName])
        let left = ScreenParts.panel(title, id: .cosineControls, in: cols[0], on: &canvas, context: context, focused: isValue)
        let labelWidth = settings.map { ColumnWidth.of($0.symbol) }.max() ?? 1
        for (i, setting) in settings.enumerated() where i < left.height {
            let row = Rect(x: left.x, y: left.y + i, width: left.width, height: 1)
            ScreenParts.slider(setting, state: state, in: row, labelWidth: labelWidth, valueWidth: 7, on: &canvas, context: &context)
        }
        if state.marginType == .cosFace && left.height >= 3 {
            let c = state.classCount
            let bound = CosFaceBounds.maximumMarginHighDimensional(classes: c)
            let planar = CosFaceBounds.maximumMarginPlanar(classes: c)
            let text = context.strings.format(
                .cosineMarginBound,
                [
                    "d": context.masked("m_bound_d", ScreenParts.number(bound, 2, glyphs: g)),
                    "planar": context.masked("m_bound_2d", ScreenParts.number(planar, 2, glyphs: g)),
                ])
            canvas.put(ScreenParts.spell(text, g), x: left.x + 2, y: left.y + 2, style: Theme.dim, clip: left)
        }
        let right = ScreenParts.panel(context.strings[.panelCosineLoss], id: .cosineLoss, in: cols[1], on: &canvas, context: context)
        let y = state.target
        let n4 = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        let lines = [
            Line([
                Span("NormFace ", Theme.normFace), Span("L = "), Span(context.masked("loss_nf", n4(e.normFace.loss)), Theme.label),
                Span("  p_y = \(context.masked("p_y_nf", n4(e.normFace.probabilities[y])))"),
            ]),
            Line([
                Span(pad(marginLabel(state), 8) + " ", Theme.lmcl), Span("L = "),
                Span(context.masked(anyOf: ["loss", "loss_lmcl"], n4(e.margined.loss)), Theme.label),
                Span("  p_y = \(context.masked(anyOf: ["p_y", "p_y_lmcl"], n4(e.margined.probabilities[y])))"),
            ]),
            Line(ScreenParts.spell(scaleAdvice(state, strings: context.strings, glyphs: g), g), style: Theme.dim),
        ]
        ScreenParts.lines(lines, in: right.inset(left: 1), on: &canvas, glyphs: g)
    }

    /// The formula panel's title: the chosen margin's name.
    static func formulaTitle(_ context: FrameContext) -> String {
        context.strings.format(.cosineFormulaTitle, ["name": marginLabel(context.state)])
    }

    /// The NormFace bound on s for p_y = 0.99 (CosFace Eq. 6) with AdaCos's fixed scale beside it (A applies it).
    static func scaleAdvice(_ state: ExplorerState, strings: Strings, glyphs g: GlyphSet) -> String {
        let bound = ScreenParts.number(CosFaceBounds.minimumScale(classes: state.classCount, targetProbability: 0.99), 2, glyphs: g)
        guard let adacos = AdaCosScale.fixedScale(classes: state.classCount) else {
            return strings.format(.boundScaleShort, ["p": "0.99", "bound": bound])
        }
        return strings.format(.boundScaleAdaCos, ["p": "0.99", "bound": bound, "adacos": ScreenParts.number(adacos, 2, glyphs: g)])
    }

    /// `text` padded with spaces to `width` columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - ColumnWidth.of(text)))
    }

    // MARK: - Per-class table

    static func drawClasses(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs, e = context.evaluation
        let angleMode = state.inputMode == .angle
        let focused = state.focusedField
        let isFocused = { if case .cosine = focused { return true } else { return false } }()
        let strings = context.strings
        let title =
            strings[angleMode ? .cosineClassesAngle : .cosineClassesCosine] + (hasWideClassTable(area) ? "" : strings[.cosineNFNote])
        let scale = ScreenParts.gradientScale(
            state.scale, name: "s = \(StateString.trim(ValueGrid.scale.format(state.scaleSteps)))", state: state)
        let inner = ScreenParts.panel(
            ScreenParts.spell(title, g), footer: ScreenParts.scaleText(scale, strings: context.strings, glyphs: g), id: .cosineClasses,
            in: area, on: &canvas, context: context, focused: isFocused)
        guard inner.height >= 1 else { return }
        let wide = hasWideClassTable(area)
        let fractions = wide ? [0.26, 0.07, 0.16, 0.16, 0.175, 0.175] : [0.31, 0.16, 0.16, 0.185, 0.185]
        let cols = inner.columns(fractions, gap: 2)
        let headers =
            (angleMode ? [strings[.cosineHeadAngle]] : ["  j  cos θ_j"]) + (wide ? [angleMode ? "cos θ" : strings[.cosineHeadDegrees]] : [])
            + ["p NormFace", "p " + marginLabel(state), wide ? "∂L/∂cos NormFace" : "∂L/∂cos NF", "∂L/∂cos " + marginLabel(state)]
        for (i, h) in headers.enumerated() {
            canvas.draw(
                Line(ScreenParts.spell(h, g), style: Theme.label), in: Rect(x: cols[i].x, y: inner.y, width: cols[i].width, height: 1),
                ellipsis: g.ellipsis)
        }
        let rows = inner.inset(top: 1)
        let grid = state.inputGrid
        let range: ClosedRange<Double> = angleMode ? 0...180 : -1...1
        // An unbounded gradient (a cone point) draws a full bar: |∂L/∂cos θ_j| is at most s elsewhere.
        let limit = state.scale
        let first = wide ? 2 : 1
        let h = min(rows.height, state.classCount)
        // The bar columns keep the row under the classes for the ruler when there is one.
        let barHeight = min(rows.height, state.classCount + 1)
        for j in 0..<h {
            let y = rows.y + j
            let isTarget = j == state.target
            let rowRect = Rect(x: cols[0].x, y: y, width: cols[0].width, height: 1)
            let slider = Slider(
                ScreenParts.classLabel(j, target: state.target), value: grid.value(state.inputSteps[j]), range: range,
                valueText: grid.format(state.inputSteps[j]), style: isTarget ? Theme.target : .plain,
                highlighted: focused == .cosine(j), labelWidth: 3, valueWidth: 6, glyphs: g)
            slider.render(in: rowRect, on: &canvas)
            context.hits.add(Rect(x: inner.x, y: y, width: inner.width, height: 1), .field(.cosine(j)))
            context.hits.add(slider.track(in: rowRect), .slider(.cosine(j), low: range.lowerBound, high: range.upperBound))
            if wide {
                let other =
                    angleMode ? ScreenParts.number(e.margined.cosines[j], 3, glyphs: g) : ScreenParts.number(state.angles[j], 1, glyphs: g)
                canvas.draw(Line(other), in: Rect(x: cols[1].x, y: y, width: cols[1].width, height: 1), alignment: .right)
            }
        }
        let target = state.target
        // The target's entry is hidden (number and bar) while a lesson question names it.
        func hidden(_ j: Int, _ names: [String]) -> Bool { j == target && names.contains(where: context.hides) }
        func probabilities(_ p: [Double], _ colour: Color?, hiding names: [String]) -> [(Double, String, Style)] {
            p.enumerated().map { j, v in
                hidden(j, names)
                    ? (0, context.masked(anyOf: names, ScreenParts.number(v, 3, glyphs: g)), Theme.target)
                    : (v, ScreenParts.number(v, 3, glyphs: g), (j == target ? Theme.target : .plain).with(foreground: colour))
            }
        }
        func gradients(_ d: [Double], hiding names: [String]) -> [(Double, String, Style)] {
            // An unbounded ∂L/∂cos θ_y (ArcFace's cone point) reads "∞", never inf; its bar is full length.
            d.enumerated().map { j, v in
                if hidden(j, names) { return (0, context.masked(anyOf: names, ScreenParts.number(v, 2, sign: true, glyphs: g)), .plain) }
                let text = v.isFinite ? ScreenParts.number(v, 2, sign: true, glyphs: g) : (g.isUnicode ? (v < 0 ? "−∞" : "∞") : "unbounded")
                return (v.isFinite ? v : (v < 0 ? -limit : limit), text, v < 0 ? Theme.negative : Theme.positive)
            }
        }
        func column(_ i: Int) -> Rect { Rect(x: cols[i].x, y: rows.y, width: cols[i].width, height: barHeight) }
        ScreenParts.numberedBars(
            probabilities(e.normFace.probabilities, Theme.normFace.foreground, hiding: ["p_y_nf"]), scale: .linear(1),
            signed: false, in: column(first), on: &canvas, glyphs: g)
        ScreenParts.numberedBars(
            probabilities(e.margined.probabilities, Theme.lmcl.foreground, hiding: ["p_y", "p_y_lmcl"]), scale: .linear(1),
            signed: false, in: column(first + 1), on: &canvas, glyphs: g)
        // Both loss columns on one scale: |∂L/∂cos θ_j| = s·|p_j − 1[j=y]| ≤ s.
        ScreenParts.numberedBars(
            gradients(e.normFace.gradient, hiding: ["dcos_y_nf"]), scale: scale, signed: true, in: column(first + 2),
            on: &canvas, glyphs: g)
        ScreenParts.numberedBars(
            gradients(e.margined.gradient, hiding: ["dcos_y"]), scale: scale, signed: true, in: column(first + 3),
            on: &canvas, glyphs: g)
    }

    // MARK: - Plots and formulas

    static func drawPlots(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard area.height >= 5 else { return }
        let g = context.glyphs, focused = context.state.cosinePlot
        if area.width >= 120 && area.height >= 20 {
            // The focused plot (v cycles it, z zooms it) and the next two in v's order.
            let (upper, lower) = area.splitTop(area.height / 2)
            let u = upper.columns([0.5, 0.5], gap: 0), l = lower.columns([0.5, 0.5], gap: 0)
            plotPanel(focused, in: u[0], on: &canvas, context: &context, cycling: true, highlighted: true)
            plotPanel(focused.next, in: u[1], on: &canvas, context: &context)
            plotPanel(focused.next.next, in: l[0], on: &canvas, context: &context)
            let f = ScreenParts.panel(formulaTitle(context), id: .cosineFormulas, in: l[1], on: &canvas, context: context)
            ScreenParts.lines(formulaLines(context, width: f.width), in: f, on: &canvas, glyphs: g)
            return
        }
        let formulaWidth = area.width >= 100 ? area.width * 2 / 5 : 34
        let (plotArea, formulaArea) = (
            Rect(x: area.x, y: area.y, width: area.width - formulaWidth, height: area.height),
            Rect(x: area.maxX - formulaWidth, y: area.y, width: formulaWidth, height: area.height)
        )
        plotPanel(focused, in: plotArea, on: &canvas, context: &context, cycling: true)
        let f = ScreenParts.panel(formulaTitle(context), id: .cosineFormulas, in: formulaArea, on: &canvas, context: context)
        ScreenParts.lines(formulaLines(context, width: f.width), in: f, on: &canvas, glyphs: g)
    }

    /// A plot in its panel; the focused one (`cycling`) says how to move on and zoom, and is
    /// `highlighted` when other plots share the screen.
    static func plotPanel(
        _ which: CosinePlot, in area: Rect, on canvas: inout Canvas, context: inout FrameContext,
        cycling: Bool = false, highlighted: Bool = false
    ) {
        let g = context.glyphs
        let title = ScreenParts.spell(context.strings.title(of: which), g) + (cycling ? context.strings[.plotNextHint] : "")
        // The first plot drawn is the one a lesson step's `cosine.plot` means.
        if context.panels[.cosinePlot] == nil { context.panels.record(.cosinePlot, area) }
        // The footer sits between the corners with a space and a rule cell each side.
        let footer: String? =
            switch which {
            case .targetLogit, .targetLogitOnCosine: " " + CosinePlots.shiftSummary(context, width: area.width - 6) + " "
            default: nil
            }
        let block = Block(
            title: Line(" \(title) ", style: Theme.title), footer: footer,
            highlighted: highlighted || context.highlightedPanel == .cosinePlot, glyphs: g)
        block.render(in: area, on: &canvas)
        let inner = block.inner(area)
        CosinePlots.plot(which, context: context, compact: inner.height < 12).render(in: inner, on: &canvas)
        if cycling { context.hits.add(inner, .zoom) }
    }

    /// The chosen margin's computation for the current sample, step by step, in lines of at most `width` columns.
    ///
    /// Every margin writes f(cos θ_y) with its numbers; ∂L/∂cos θ_y says "∞" at a cone point
    /// (ArcFace at cos θ_y = 1), where ∂L/∂θ_y, shown beside it, stays finite. A line with the
    /// numbers substituted that would not fit (s = 1000, m = 2, a class index ≥ 10) gives up the
    /// substitution and keeps the result whole.
    static func formulaLines(_ context: FrameContext, width: Int = .max) -> [Line] {
        let state = context.state, g = context.glyphs, r = context.evaluation.margined
        let y = state.target
        let s = StateString.trim(ValueGrid.scale.format(state.scaleSteps))
        let n3 = { (v: Double) in ScreenParts.number(v, 3, glyphs: g) }
        let sp = { (t: String) in ScreenParts.spell(t, g) }
        let fit = { (long: String, short: String) in ColumnWidth.of(sp(long)) <= width ? sp(long) : sp(short) }
        var lines = targetLines(state, r, s: s, glyphs: g).map { Line(fit($0, "z_\(y) = \(n3(r.logits[y]))")) }
        if let rival = DecisionBoundary.strongestRival(cosines: r.cosines, target: y) {
            let tag = context.strings[.cosineRivalTag]
            lines.append(
                Line(
                    fit(
                        "z_\(rival.index) = \(FormulaText.times(s, n3(rival.cosine))) = \(n3(r.logits[rival.index])) \(tag)",
                        "z_\(rival.index) = \(n3(r.logits[rival.index])) \(tag)")))
        }
        let lse = r.loss + r.logits[y]
        lines.append(Line([Span(sp("L = LSE(z) − z_y = ")), Span(context.masked("loss", n3(r.loss)), Theme.label)]))
        lines.append(Line(sp("  = \(FormulaText.minus(context.masked("loss", n3(lse)), n3(r.logits[y])))")))
        if state.marginType == .cosFace || state.marginType == .normFace {
            lines.append(Line(sp("∂L/∂cos θ_j = s·(p_j − 1[j=y])")))
        } else {
            lines.append(Line(sp("∂L/∂cos θ_y = s·(p_y − 1)·f′(cos θ_y)")))
        }
        if let d = r.targetCosineGradient {
            lines.append(Line(sp("∂L/∂cos θ_\(y) = \(context.masked("dcos_y", n3(d)))")))
            lines.append(Line(sp(context.strings.format(.cosineAngleGradient, ["y": "\(y)", "value": n3(r.angleGradient[y])]))))
        } else {
            lines.append(Line(sp(context.strings.format(.cosineConeGradient, ["y": "\(y)"])), style: Theme.warning))
            lines.append(Line(sp(context.strings.format(.cosineAngleGradientFinite, ["y": "\(y)", "value": n3(r.angleGradient[y])]))))
        }
        lines.append(
            Line(
                sp(context.strings.format(.cosineNormFaceNote, ["loss": context.masked("loss_nf", n3(context.evaluation.normFace.loss))])),
                style: Theme.dim))
        return lines
    }

    /// The target logit's formula and its value with the numbers substituted, for the chosen margin.
    static func targetLines(_ state: ExplorerState, _ r: CosineLossResult, s: String, glyphs g: GlyphSet) -> [String] {
        let y = state.target, c = r.cosines[y]
        let n3 = { (v: Double) in ScreenParts.number(v, 3, glyphs: g) }
        let m = ValueGrid.margin.format(state.marginSteps)
        let theta = n3(Angle.radians(ofCosine: c))
        let z = n3(r.logits[y])
        func v(_ setting: Setting) -> String { StateString.trim(setting.grid.format(state[setting.id])) }
        switch state.marginType {
        case .normFace:
            return ["z_y = s·cos θ_y", "z_\(y) = \(FormulaText.times(s, n3(c))) = \(z)"]
        case .cosFace:
            return ["z_y = s·(cos θ_y − m)", "z_\(y) = \(s)·(\(FormulaText.minus(n3(c), m))) = \(z)"]
        case .arcFace:
            let point = state.transform.point(at: c)
            let branch = state.transform.switchCosine.map { c > $0 } ?? true
            return [
                "z_y = s·cos(θ_y + m), \(state.fallback.rawValue)",
                branch
                    ? "z_\(y) = \(s)·cos(\(theta) + \(m)) = \(z)"
                    : "z_\(y) = \(s)·\(n3(point.value)) = \(z) (fallback)",
            ]
        case .combined:
            return [
                "z_y = s·(cos(m₁θ_y + m₂) − m₃)",
                "z_\(y) = \(s)·(cos(\(v(Settings.angleFactor))·\(theta) + \(v(Settings.angleMargin))) − \(v(Settings.cosineMargin)))",
                "    = \(z)",
            ]
        default:
            // Any other margin (SphereFace): its formula, its parameters, and f(cos θ_y) substituted.
            let values = state.marginType.parameters.map { "\($0.symbol) = \(v($0))" }
            return [
                "z_y = \(state.marginType.formula)",
                (values + ["θ_\(y) = \(theta)"]).joined(separator: ", "),
                "z_\(y) = \(s)·\(n3(state.transform.value(c))) = \(z)",
            ]
        }
    }
}

/// The chosen margin's short name in the class table's headers: "LMCL" for CosFace.
private func marginLabel(_ state: ExplorerState) -> String {
    state.marginType == .cosFace ? "LMCL" : state.marginType.title
}

/// Whether the class table has room for its wide layout (a θ/cos column and full headers).
private func hasWideClassTable(_ area: Rect) -> Bool { area.width - 2 >= 100 }
