import Foundation
import LossMath
import TerminalUI

/// The plots of how the margin moves the decision (cosine screen): the target's
/// logit and probability against cos θ_y and against θ_y, and the two-class
/// boundary in the (θ_y, θ_rival) plane.
///
/// Each plot varies the target's cosine (or angle) and keeps every other cosine
/// fixed, so what moves is exactly what the margin does to the target. The plots
/// are generic in the margin: they ask `transform(_:)` for f and `marginedLabel`
/// for the margined series' name. Series take `PlotSeries.looks` in order (a line
/// pattern and a glyph every `markEvery` columns) and carry direct labels, so they
/// are told apart without colour.
enum CosinePlots {
    /// Sample points across 0°…180° (and across −1…1), enough for the braille grid of any screen.
    static let samples = 181

    /// Columns between two glyphs on a line.
    static let markEvery = 8

    /// The margined transform the plots show: the chosen margin (`ExplorerState.transform`).
    static func transform(_ state: ExplorerState) -> TargetTransform {
        state.transform
    }

    /// The name of the margined series' curve: `s·(cos θ − m)` for a shift of the cosine, else `s·f(cos θ)`.
    static func marginedLabel(_ state: ExplorerState) -> String {
        state.marginType.formula
    }

    /// The series with look number `look` of `PlotSeries.looks`.
    static func series(_ label: String, _ points: [(x: Double, y: Double)], look: Int, style: Style) -> PlotSeries {
        let l = PlotSeries.looks[look % PlotSeries.looks.count]
        return PlotSeries(label, points: points, shape: l.shape, style: style, lineStyle: l.lineStyle, markEvery: markEvery)
    }

    /// The plot; `compact` drops the y-axis title (the panel's title names the axis) to give the data a row.
    static func plot(_ which: CosinePlot, context: FrameContext, compact: Bool = false) -> LinePlot {
        var plot: LinePlot
        switch which {
        case .targetLogit: plot = targetLogit(context)
        case .targetProbability: plot = targetProbability(context)
        case .decisionPlane: plot = decisionPlane(context)
        case .targetLogitOnCosine: plot = targetLogitOnCosine(context)
        case .targetProbabilityOnCosine: plot = targetProbabilityOnCosine(context)
        }
        if compact { plot.axes.yTitle = "" }
        plot.directLabels = true
        return plot
    }

    // MARK: - Against cos θ_y

    /// Target logit against cos θ_y from −1 to 1: s·cos θ and s·f(cos θ), the strongest
    /// rival's logit as a level line, the current cos θ_y, and the shift of the decision
    /// point as an arrow along the rival's level.
    ///
    /// The target ties the rival where s·f(c) = s·c_r: without the margin at c = c_r, with
    /// it at c₁ with f(c₁) = c_r (for LMCL c₁ = c_r + m, so the arrow is exactly m long).
    static func targetLogitOnCosine(_ context: FrameContext) -> LinePlot {
        let state = context.state, s = state.scale, f = transform(state)
        let cosines = state.cosines, y = state.target, g = context.glyphs
        let xs = (0..<samples).map { -1 + 2 * Double($0) / Double(samples - 1) }
        let plain = TargetCurve(scale: s, transform: .identity, cosines: cosines, target: y)
        let margined = TargetCurve(scale: s, transform: f, cosines: cosines, target: y)
        let lines = [
            series(ScreenParts.spell("s·cos θ", g), xs.map { ($0, plain.logit(cosine: $0)) }, look: 0, style: Theme.normFace),
            series(ScreenParts.spell(marginedLabel(state), g), xs.map { ($0, margined.logit(cosine: $0)) }, look: 1, style: Theme.lmcl),
        ]
        var references: [ReferenceLine] = []
        var arrows: [HorizontalArrow] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            // The arrow runs along the rival's level towards its right end, where the level's own label
            // would cover its head: the arrow's label names the rival instead (the footer has its logit).
            // No margin, no shift: an arrow of length 0 would be a lone head.
            if let shift = cosineShift(f, rivalCosine: r.cosine), shift != 0 {
                references.append(ReferenceLine(y: s * r.cosine, label: "", style: Theme.rival))
                arrows.append(
                    HorizontalArrow(
                        from: r.cosine, to: r.cosine + shift, y: s * r.cosine,
                        label: "rival \(r.index): " + shiftLabel(shift, context: context), style: Theme.label))
            } else {
                references.append(ReferenceLine(y: s * r.cosine, label: "rival \(r.index)", style: Theme.rival))
            }
        }
        let markers = [
            VerticalMarker(x: cosines[y], label: ScreenParts.spell("cos θ_y \(number(cosines[y], 3, g))", g), style: Theme.target)
        ]
        let low = min(-s, s * f.value(-1)), high = max(s, s * f.value(1))
        let axes = PlotAxes(
            x: -1...1, y: low...high, xTitle: ScreenParts.spell("cos θ_y", g), yTitle: "target logit",
            xTickCount: 5, yTickCount: 5, style: Theme.dim)
        return LinePlot(axes: axes, series: lines, references: references, markers: markers, arrows: arrows, glyphs: g)
    }

    /// p_y against cos θ_y from −1 to 1, without and with the margin, the other cosines fixed.
    static func targetProbabilityOnCosine(_ context: FrameContext) -> LinePlot {
        let state = context.state, s = state.scale, f = transform(state)
        let y = state.target, g = context.glyphs
        let plain = TargetCurve(scale: s, transform: .identity, cosines: state.cosines, target: y)
        let margined = TargetCurve(scale: s, transform: f, cosines: state.cosines, target: y)
        let xs = (0..<samples).map { -1 + 2 * Double($0) / Double(samples - 1) }
        let axes = PlotAxes(
            x: -1...1, y: 0...1, xTitle: ScreenParts.spell("cos θ_y", g), yTitle: "p_y",
            xTickCount: 5, yTickCount: 5, style: Theme.dim)
        return LinePlot(
            axes: axes,
            series: [
                series("p_y NormFace", xs.map { ($0, plain.probability(cosine: $0)) }, look: 0, style: Theme.normFace),
                series("p_y \(marginName(state))", xs.map { ($0, margined.probability(cosine: $0)) }, look: 1, style: Theme.lmcl),
            ],
            references: [ReferenceLine(y: 0.5, label: "0.5", style: Theme.dim)],
            markers: [VerticalMarker(x: state.cosines[y], label: ScreenParts.spell("cos θ_y", g), style: Theme.target)],
            glyphs: g)
    }

    /// How far the margin moves the decision point along cos θ_y against a rival at `rivalCosine`:
    /// `c₁ − c_r` with f(c₁) = c_r (m itself for a shift), nil when the target never wins.
    static func cosineShift(_ f: TargetTransform, rivalCosine: Double) -> Double? {
        if let m = f.cosineShift { return rivalCosine + m <= 1 ? m : nil }
        guard let t1 = DecisionBoundary.crossing(transform: f, rivalCosine: rivalCosine) else { return nil }
        return Angle.cosine(degrees: t1) - rivalCosine
    }

    /// "Δcos 0.35 = 22.7° at θ_y": the shift in cos units and, at the current θ_y, the
    /// margin in degrees β(θ_y) − θ_y (how much farther the rival must be), each rounded once.
    static func shiftLabel(_ shift: Double, context: FrameContext) -> String {
        let g = context.glyphs
        let theta = Angle.degrees(ofCosine: context.state.cosines[context.state.target])
        let shiftText = number(shift, 2, g)
        guard let d = DecisionBoundary.marginDegrees(transform: transform(context.state), targetDegrees: theta) else {
            return ScreenParts.spell("Δcos \(shiftText)", g)
        }
        return ScreenParts.spell(context.strings.format(.shiftLabel, ["shift": shiftText, "degrees": number(d, 1, g)]), g)
    }

    /// The margined curve's short name for legends ("LMCL" for a shift of the cosine).
    static func marginName(_ state: ExplorerState) -> String {
        state.marginType == .cosFace ? "LMCL" : state.marginType.title
    }

    // MARK: - Against θ_y

    /// Target logit against θ_y: s·cos θ and s·f(cos θ), the rival's logit as a level line,
    /// the band of angles the margin takes from the target.
    static func targetLogit(_ context: FrameContext) -> LinePlot {
        let state = context.state, s = state.scale, f = transform(state)
        let cosines = state.cosines, y = state.target
        let g = context.glyphs, th = context.theta
        let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
        let plain = TargetCurve(scale: s, transform: .identity, cosines: cosines, target: y)
        let margined = TargetCurve(scale: s, transform: f, cosines: cosines, target: y)
        let lines = [
            series(ScreenParts.spell("s·cos θ", g), xs.map { ($0, plain.logit(degrees: $0)) }, look: 0, style: Theme.normFace),
            series(ScreenParts.spell(marginedLabel(state), g), xs.map { ($0, margined.logit(degrees: $0)) }, look: 1, style: Theme.lmcl),
        ]
        var references: [ReferenceLine] = []
        var markers = [VerticalMarker(x: Angle.degrees(ofCosine: cosines[y]), label: "\(th)y", style: Theme.target)]
        var bands: [Band] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            references.append(
                ReferenceLine(y: s * r.cosine, label: context.strings.format(.plotRival, ["j": "\(r.index)"]), style: Theme.rival))
            if let t0 = DecisionBoundary.crossing(transform: .identity, rivalCosine: r.cosine) {
                if let t1 = DecisionBoundary.crossing(transform: f, rivalCosine: r.cosine), t1 < t0 {
                    bands.append(Band(from: t1, to: t0, label: "", style: Theme.dim))
                    markers.append(VerticalMarker(x: t1, label: "", style: Theme.lmcl, dotted: true))
                }
                markers.append(VerticalMarker(x: t0, label: "", style: Theme.normFace, dotted: true))
            }
        }
        let low = min(-s, s * f.value(-1)), high = max(s, s * f.value(1))
        let axes = PlotAxes(
            x: 0...180, y: low...high, xTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)y"]),
            yTitle: context.strings[.plotAxisTargetLogit],
            xTickCount: 7, yTickCount: 5, style: Theme.dim)
        return LinePlot(axes: axes, series: lines, references: references, markers: markers, bands: bands, glyphs: g)
    }

    /// p_y against θ_y, NormFace and with the margin, the other cosines fixed.
    static func targetProbability(_ context: FrameContext) -> LinePlot {
        let state = context.state, s = state.scale, f = transform(state)
        let y = state.target, th = context.theta
        let plain = TargetCurve(scale: s, transform: .identity, cosines: state.cosines, target: y)
        let margined = TargetCurve(scale: s, transform: f, cosines: state.cosines, target: y)
        let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
        let current = Angle.degrees(ofCosine: state.cosines[y])
        let axes = PlotAxes(
            x: 0...180, y: 0...1, xTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)y"]), yTitle: "p_y",
            xTickCount: 7, yTickCount: 5, style: Theme.dim)
        return LinePlot(
            axes: axes,
            series: [
                series("NormFace", xs.map { ($0, plain.probability(degrees: $0)) }, look: 0, style: Theme.normFace),
                series(marginName(state), xs.map { ($0, margined.probability(degrees: $0)) }, look: 1, style: Theme.lmcl),
            ],
            references: [ReferenceLine(y: 0.5, label: "0.5", style: Theme.dim)],
            markers: [VerticalMarker(x: current, label: "\(th)y", style: Theme.target)],
            glyphs: context.glyphs)
    }

    // MARK: - The two-class boundary

    /// The two-class picture in the (θ_y, θ_rival) plane: the softmax boundary θ_r = θ_y,
    /// the margined boundaries f(cos θ_y) = cos θ_r and f(cos θ_r) = cos θ_y, the margin band
    /// between the softmax line and the target's boundary, its width at the sample's θ_rival
    /// as an arrow, and the sample.
    ///
    /// At the sample's θ_r the softmax line is at θ_y = θ_r and the target's boundary at the
    /// crossing θ₁ (f(cos θ₁) = cos θ_r): the band is θ_r − θ₁ wide.
    static func decisionPlane(_ context: FrameContext) -> LinePlot {
        let state = context.state, th = context.theta, g = context.glyphs, f = transform(state)
        let cosines = state.cosines, y = state.target
        let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
        // softmax: θ_r = θ_y; y with m: f(cos θ_y) = cos θ_r; rival with m: f(cos θ_r) = cos θ_y.
        let boundary = DecisionBoundary.curves(transform: f, targetDegrees: xs)
        let softmax = xs.map { (x: $0, y: $0) }
        let lines = [
            // Short labels: the three legend entries fit one row of the 80-column panel.
            series("softmax", softmax, look: 0, style: Theme.normFace),
            series(context.strings[.plotTargetWithMargin], boundary.targetWins, look: 1, style: Theme.target),
            series(context.strings[.plotRivalWithMargin], boundary.rivalWins, look: 2, style: Theme.rival),
        ]
        var highlights: [HighlightPoint] = []
        var arrows: [HorizontalArrow] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            let ty = Angle.degrees(ofCosine: cosines[y]), tr = Angle.degrees(ofCosine: r.cosine)
            var sample = context.strings.format(.plotSampleAt, ["ty": number(ty, 1, g), "tr": number(tr, 1, g)])
            if let t1 = DecisionBoundary.crossing(transform: f, rivalCosine: r.cosine), t1 < tr {
                let band = context.strings.format(.bandLabel, ["degrees": number(tr - t1, 1, g)])
                // The arrow runs through the sample when it is in the band; presenter mode's large marker
                // reaches the row above, where the arrow's label would be, so the sample's label carries it.
                let presenting = state.display.presenter
                arrows.append(
                    HorizontalArrow(
                        from: tr, to: t1, y: tr, label: presenting ? "" : ScreenParts.spell(band, g),
                        style: Theme.label))
                if presenting { sample += ", " + band }
            }
            highlights.append(HighlightPoint(x: ty, y: tr, label: ScreenParts.spell(sample, g), shape: .diamond, style: Theme.label))
        }
        let bands = [CurveBand(lower: boundary.targetWins, upper: softmax, label: context.strings[.marginBand], style: Theme.dim)]
        let axes = PlotAxes(
            x: 0...180, y: 0...180, xTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)y"]),
            yTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)rival"]),
            xTickCount: 7, yTickCount: 5, style: Theme.dim)
        return LinePlot(axes: axes, series: lines, curveBands: bands, arrows: arrows, highlights: highlights, glyphs: g)
    }

    // MARK: - Summaries

    /// The current numbers, for a zoomed plot's footer (one line at 80 columns, ASCII too): the
    /// target's position on the plot's x axis (cos θ_y or θ_y), its logit, the rival's, p_y and L:
    /// "s 30, m 0.35: cos θ_y 0.620, z_y 8.10, z_1 15.00, p_y 0.0010, L 6.901".
    static func footer(_ which: CosinePlot, context: FrameContext) -> Line {
        let state = context.state, g = context.glyphs, e = context.evaluation.margined, y = state.target
        var text = "s \(StateString.trim(ValueGrid.scale.format(state.scaleSteps))), m \(ValueGrid.margin.format(state.marginSteps)):"
        switch which {
        case .targetLogitOnCosine, .targetProbabilityOnCosine: text += " cos θ_y \(number(state.cosines[y], 3, g))"
        case .targetLogit, .targetProbability, .decisionPlane: text += " θ_y \(number(state.angles[y], 1, g))°"
        }
        text += ", z_y \(number(e.logits[y], 2, g))"
        if let r = DecisionBoundary.strongestRival(cosines: state.cosines, target: y) {
            text += ", z_\(r.index) \(number(e.logits[r.index], 2, g))"
        }
        text += ", p_y \(number(e.probabilities[y], 4, g)), L \(number(e.loss, 3, g))"
        return Line(ScreenParts.spell(text, g))
    }

    /// One line saying how far the margin moves the crossing with the rival.
    ///
    /// The longest form that fits `width` columns, spelled for the glyph set: the crossings
    /// and the shift, then the shift alone, so that no number is cut.
    static func shiftSummary(_ context: FrameContext, width: Int = .max) -> String {
        let state = context.state
        guard let r = DecisionBoundary.strongestRival(cosines: state.cosines, target: state.target) else { return "" }
        guard let t0 = DecisionBoundary.crossing(transform: .identity, rivalCosine: r.cosine) else { return "" }
        guard let t1 = DecisionBoundary.crossing(transform: transform(state), rivalCosine: r.cosine) else {
            let never = context.strings.format(.plotNeverBeats, ["m": ValueGrid.margin.format(state.marginSteps), "j": "\(r.index)"])
            return ColumnWidth.of(never) <= width ? never : context.strings.format(.plotNeverBeatsShort, ["j": "\(r.index)"])
        }
        let deg = { (v: Double) in FixedPoint.format(v, decimals: 1) }
        let full = ScreenParts.spell(
            context.strings.format(
                .plotCrossing,
                [
                    "from": deg(t0), "to": context.masked("crossing_lmcl", deg(t1)), "shift": context.masked("shift_deg", deg(t0 - t1)),
                ]), context.glyphs)
        if ColumnWidth.of(full) <= width { return full }
        return ScreenParts.spell(
            context.strings.format(.plotCrossingShort, ["shift": context.masked("shift_deg", deg(t0 - t1))]),
            context.glyphs)
    }

    static func number(_ v: Double, _ decimals: Int, _ g: GlyphSet) -> String {
        ScreenParts.number(v, decimals, glyphs: g)
    }
}
