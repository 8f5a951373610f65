import Foundation
import LossMath
import TerminalUI

/// Screen 3: the unit circle in 2-D, the class directions W_j and the feature x.
///
/// The cosines come from the picture: cos θ_j = cos(φ_x − φ_j). The target's
/// decision region is drawn as an arc outside the circle, without the margin
/// (where the target's cosine is the largest) and with it (where it still wins
/// after subtracting m). The descent direction −∂L/∂x is a tangent arrow at x:
/// the loss can only rotate x, never stretch it.
enum GeometryScreen {
    /// Radii (in units of the circle) of the two region arcs.
    static let softmaxArcRadius = 1.12
    static let marginArcRadius = 1.24
    /// Display length of the gradient arrow (its true length is printed beside it).
    static let arrowLength = 0.55

    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        // Braille dots are about square when a cell is twice as tall as wide, so the
        // picture takes twice as many columns as rows (plus the axis labels).
        let pictureWidth = max(area.width / 2, min(area.width - 36, area.height * 2 + 8))
        let (left, right) = area.splitLeft(pictureWidth)
        let inner = ScreenParts.panel(context.strings[.geometryCircleTitle], id: .geometryCircle, in: left, on: &canvas, context: context)
        let plot = picture(context)
        plot.render(in: inner, on: &canvas)
        if let head = arrowhead(context), let cell = plot.cell(ofX: head.end.x, y: head.end.y, in: inner) {
            canvas.put(head.glyph, x: cell.x, y: cell.y, style: Theme.negative.bolded, clip: plot.dataArea(in: inner))
        }
        // Clicking or dragging in the picture turns the selected direction (x unless a W_j is selected).
        let focused = context.state.focusedField
        let field: Field = ExplorerState.isDirection(focused) ? focused : .featureDirection
        let dataArea = plot.dataArea(in: inner)
        context.hits.add(dataArea, .direction(field, plot: dataArea, x: plot.axes.x, y: plot.axes.y))
        drawTable(in: right, on: &canvas, context: &context)
    }

    static func point(_ degrees: Double, _ radius: Double = 1) -> (x: Double, y: Double) {
        let u = ExplorerState.unitVector(degrees: degrees)
        return (radius * u.x, radius * u.y)
    }

    /// Arcs (broken where the condition fails) at `radius` where `wins(i)` holds at i degrees.
    static func arc(radius: Double, wins: (Int) -> Bool) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        points.reserveCapacity(361)
        // Whole degrees: the arc is drawn as a polyline, so finer steps add nothing visible.
        for i in 0...360 {
            let u = wholeDegreeUnitVectors[i]
            points.append(wins(i) ? (radius * u.x, radius * u.y) : (x: .nan, y: .nan))
        }
        return points
    }

    /// `ExplorerState.unitVector` at every whole degree 0…360, computed once: `point(φ, r)` is r times it.
    static let wholeDegreeUnitVectors: [(x: Double, y: Double)] = (0...360).map {
        let u = ExplorerState.unitVector(degrees: Double($0))
        return (u.x, u.y)
    }

    /// Whether class `target` wins at i degrees under each transform: `DecisionBoundary.targetWins`
    /// (`f(cos θ_y) ≥ max(−1, max_{j≠y} cos θ_j)`) on one table of cos(i° − φ_j) shared by the transforms.
    static func wins(directions: [Double], target: Int, transforms: [TargetTransform]) -> [[Bool]] {
        var result = transforms.map { _ in [Bool](repeating: false, count: 361) }
        var cosines = [Double](repeating: 0, count: directions.count)
        for i in 0...360 {
            for (j, direction) in directions.enumerated() { cosines[j] = Angle.cosine(degrees: Double(i) - direction) }
            var best = -1.0
            for (j, c) in cosines.enumerated() where j != target { best = max(best, c) }
            for (k, transform) in transforms.enumerated() { result[k][i] = transform.value(cosines[target]) >= best }
        }
        return result
    }

    static func picture(_ context: FrameContext) -> LinePlot {
        let state = context.state, g = context.glyphs
        let y = state.target
        let phiX = ValueGrid.direction.value(state.featureDirectionSteps)
        let phis = state.weightDirectionSteps.map(ValueGrid.direction.value)
        let winning = wins(directions: phis, target: y, transforms: [.identity, CosinePlots.transform(state)])
        var series = [
            PlotSeries("", points: wholeDegreeUnitVectors, shape: .dot, style: Theme.dim),
            PlotSeries(
                context.strings[.geometryYWins], points: arc(radius: softmaxArcRadius) { winning[0][$0] },
                shape: .dot, style: Theme.normFace, lineStyle: .solid),
            PlotSeries(
                state.marginType == .cosFace
                    ? context.strings[.geometryYWinsMargin] : context.strings.format(.geometryYWinsNamed, ["name": state.marginType.title]),
                points: arc(radius: marginArcRadius) { winning[1][$0] },
                shape: .cross, style: Theme.lmcl, lineStyle: .dashed),
        ]
        for (j, phi) in phis.enumerated() {
            let tip = point(phi)
            series.append(
                PlotSeries(
                    "", points: [(0, 0), tip], shape: .dot, style: j == y ? Theme.target : .plain,
                    lineStyle: j == y ? .solid : .dotted))
        }
        let xTip = point(phiX)
        series.append(PlotSeries("x", points: [(0, 0), xTip], shape: .star, style: Theme.label, lineStyle: .dashed))
        // −∂L/∂x is where gradient descent moves x; it is tangent to the circle at x̂ (‖x‖ = 1).
        // Its shaft is drawn with a shape that points nowhere (ASCII draws lines with the shape);
        // the head, drawn after the plot, is an arrow glyph.
        var highlights: [HighlightPoint] = []
        if let head = arrowhead(context) {
            series.append(
                PlotSeries(
                    ScreenParts.spell("−∂L/∂x", g), points: [xTip, head.end], shape: .plus, style: Theme.negative, lineStyle: .solid))
        }
        for (j, phi) in phis.enumerated() {
            let tip = point(phi)
            highlights.append(
                HighlightPoint(
                    x: tip.x, y: tip.y, label: j == y ? "W\(j) y" : "W\(j)",
                    shape: j == y ? .diamond : .circle, style: j == y ? Theme.target : .plain))
        }
        highlights.append(HighlightPoint(x: xTip.x, y: xTip.y, label: "x", shape: .star, style: Theme.label))
        let axes = PlotAxes(x: -1.3...1.3, y: -1.3...1.3, xTitle: "", yTitle: "", xTickCount: 3, yTickCount: 3, style: Theme.dim)
        return LinePlot(axes: axes, series: series, highlights: highlights, glyphs: g)
    }

    /// The tip of the descent arrow −∂L/∂x drawn from x̂, and the arrow glyph that points
    /// the way it does (the nearest of ↑ ↓ ← →); nil when the gradient vanishes.
    static func arrowhead(_ context: FrameContext) -> (end: (x: Double, y: Double), glyph: String)? {
        let g = context.glyphs
        let gradient = context.evaluation.geometry.featureGradient
        let norm = (gradient[0] * gradient[0] + gradient[1] * gradient[1]).squareRoot()
        guard norm > 1e-12 else { return nil }
        let xTip = point(ValueGrid.direction.value(context.state.featureDirectionSteps))
        let d = (x: -gradient[0] / norm * arrowLength, y: -gradient[1] / norm * arrowLength)
        let glyph = abs(d.x) >= abs(d.y) ? (d.x > 0 ? g.arrowRight : g.arrowLeft) : (d.y > 0 ? g.arrowUp : g.arrowDown)
        return ((x: xTip.x + d.x, y: xTip.y + d.y), glyph)
    }

    static func drawTable(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs, e = context.evaluation
        let focused = state.focusedField
        let rowsNeeded = state.classCount + 6
        let (top, bottom) = area.splitTop(min(area.height, rowsNeeded))
        // Without room for the gradient panel (12 classes at 80×24) its first line, the losses, becomes the title.
        let hasGradientPanel = bottom.height >= 4
        let title = hasGradientPanel ? ScreenParts.spell(context.strings[.geometryDirectionsTitle], g) : lossesText(context, short: true)
        let inner = ScreenParts.panel(title, id: .geometryDirections, in: top, on: &canvas, context: context, focused: true)
        guard inner.height >= 1 else { return }
        func pad(_ t: String, _ w: Int) -> String { t.leftPadded(to: w) }
        canvas.put("  j", x: inner.x, y: inner.y, style: Theme.label, clip: inner)
        canvas.put(
            ScreenParts.spell(
                pad("φ_j", 6) + pad("cos θ", 7) + pad("p NF", 7)
                    + pad(state.marginType == .cosFace ? "p LMCL" : "p " + String(state.marginType.title.prefix(4)), 7), g),
            x: inner.x + 7, y: inner.y, style: Theme.label, clip: inner)
        let cosines = e.geometry.cosineResult.cosines
        let n3 = { (v: Double) in ScreenParts.number(v, 3, glyphs: g) }
        var rows: [(Field, String, String, Style)] = [
            (.featureDirection, "x", pad(ValueGrid.direction.format(state.featureDirectionSteps), 6), Theme.label)
        ]
        for j in 0..<state.classCount {
            let text =
                pad(ValueGrid.direction.format(state.weightDirectionSteps[j]), 6) + pad(n3(cosines[j]), 7)
                + pad(n3(e.geometryNormFace.probabilities[j]), 7)
                + pad(
                    j == state.target
                        ? context.masked("p_y", n3(e.geometry.cosineResult.probabilities[j]))
                        : n3(e.geometry.cosineResult.probabilities[j]), 7)
            rows.append(
                (.weightDirection(j), ScreenParts.classLabel(j, target: state.target), text, j == state.target ? Theme.target : .plain))
        }
        rows += state.marginSettings.map { (.value($0.id), $0.symbol, pad($0.grid.format(state[$0.id]), 6), .plain) }
        for (i, row) in rows.enumerated() {
            let y = inner.y + 1 + i
            guard y < inner.maxY else { break }
            let rect = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let isFocused = focused == row.0
            if isFocused { canvas.put(g.pointer, x: inner.x, y: y, style: Theme.label, clip: rect) }
            canvas.put(
                row.1.padding(toLength: 3, withPad: " ", startingAt: 0), x: inner.x + 2, y: y,
                style: isFocused ? Theme.focused : row.3, clip: rect)
            canvas.put(row.2, x: inner.x + 7, y: y, style: row.3, clip: rect)
            context.hits.add(rect, .field(row.0))
        }
        guard hasGradientPanel else { return }
        let f = ScreenParts.panel(context.strings[.panelGeometryGradient], id: .geometryGradient, in: bottom, on: &canvas, context: context)
        ScreenParts.lines(gradientLines(context, width: f.width), in: f, on: &canvas, glyphs: g)
    }

    /// "L: NF 0.000  LMCL 0.481", the short form of the losses line.
    static func lossesText(_ context: FrameContext, short: Bool) -> String {
        let g = context.glyphs, e = context.evaluation
        let n = { (v: Double) in ScreenParts.number(v, 3, glyphs: g) }
        let margin = context.state.marginType == .cosFace ? "LMCL" : context.state.marginType.title
        return "L: \(short ? "NF" : "NormFace") \(n(e.geometryNormFace.loss))  \(margin) \(n(e.geometry.cosineResult.loss))"
    }

    /// The gradient through the normalisation, step by step; a line that would not fit
    /// `width` columns takes its short form, so that no number is cut.
    static func gradientLines(_ context: FrameContext, width: Int = .max) -> [Line] {
        let g = context.glyphs, e = context.evaluation, r = e.geometry
        let grad = r.featureGradient
        let norm = (grad[0] * grad[0] + grad[1] * grad[1]).squareRoot()
        let tangent = grad[0] * e.feature[0] + grad[1] * e.feature[1]
        let n = { (v: Double) in ScreenParts.number(v, 3, glyphs: g) }
        let sp = { (t: String) in ScreenParts.spell(t, g) }
        let short = ColumnWidth.of(lossesText(context, short: false)) > width
        let marginLabel = context.state.marginType == .cosFace ? "LMCL" : context.state.marginType.title
        let gradientRule = sp("G_j = ∂L/∂cos θ_j = s·(p_j − 1[j=y])")
        return [
            Line([
                Span("L: "), Span(short ? "NF " : "NormFace ", Theme.normFace),
                Span(context.masked("loss_geo_nf", n(e.geometryNormFace.loss)), Theme.label),
                Span("  "), Span(marginLabel + " ", Theme.lmcl), Span(context.masked("loss", n(r.cosineResult.loss)), Theme.label),
            ]),
            Line(ColumnWidth.of(gradientRule) <= width ? gradientRule : sp("G_j = s·(p_j − 1[j=y])")),
            Line(sp("∂L/∂x = (Σ_j G_j Ŵ_j")),
            Line(sp("        − (Σ_j G_j cos θ_j) x̂) / ‖x‖")),
            Line([Span(sp("∂L/∂x = ")), Span("(\(n(grad[0])), \(n(grad[1])))", Theme.label)]),
            Line(sp("‖∂L/∂x‖ = \(context.masked("grad_norm", n(norm)))")),
            Line(
                sp(
                    "x·∂L/∂x = \(context.masked("x_dot_grad", formatNumber(tangent, significant: 2, missing: g.missing))) "
                        + context.strings[.geometryTangentNote])),
            Line(sp(context.strings.format(.geometryArrowNote, ["arrow": arrowhead(context)?.glyph ?? g.arrowRight])), style: Theme.dim),
        ]
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        let w = ColumnWidth.of(self)
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}
