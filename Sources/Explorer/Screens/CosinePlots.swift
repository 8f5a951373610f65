import Foundation
import LossMath
import TerminalUI

/// The plots of how the margin moves the decision on cos θ (cosine screen).
///
/// Each plot varies the target's angle θ_y and keeps every other cosine fixed,
/// so what moves is exactly what the margin does to the target.
enum CosinePlots {
    /// Sample points across 0°…180°, enough for the braille grid of any screen.
    static let samples = 181

    /// The margined transform the plots show (CosFace with the state's m).
    static func transform(_ state: ExplorerState) -> TargetTransform {
        .additiveCosine(margin: state.margin)
    }

    /// The plot; `compact` drops the y-axis title (the panel's title names the axis) to give the data a row.
    static func plot(_ which: CosinePlot, context: FrameContext, compact: Bool = false) -> LinePlot {
        var plot: LinePlot
        switch which {
        case .targetLogit: plot = targetLogit(context)
        case .targetProbability: plot = targetProbability(context)
        case .decisionPlane: plot = decisionPlane(context)
        }
        if compact { plot.axes.yTitle = "" }
        return plot
    }

    /// Target logit against θ_y: s·cos θ and s·(cos θ − m), the rival's logit as a level line.
    static func targetLogit(_ context: FrameContext) -> LinePlot {
        let state = context.state, s = state.scale, m = state.margin
        let cosines = state.cosines, y = state.target
        let th = context.theta
        let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
        let normFace = TargetCurve(scale: s, transform: .identity, cosines: cosines, target: y)
        let lmcl = TargetCurve(scale: s, transform: transform(state), cosines: cosines, target: y)
        let plain = PlotSeries(ScreenParts.spell("s·cos θ", context.glyphs), points: xs.map { ($0, normFace.logit(degrees: $0)) },
                               shape: .dot, style: Theme.normFace, lineStyle: .solid)
        let margined = PlotSeries(ScreenParts.spell("s·(cos θ − m)", context.glyphs), points: xs.map { ($0, lmcl.logit(degrees: $0)) },
                                  shape: .cross, style: Theme.lmcl, lineStyle: .dashed)
        var references: [ReferenceLine] = []
        var markers = [VerticalMarker(x: Angle.degrees(ofCosine: cosines[y]), label: "\(th)y", style: Theme.target)]
        var bands: [Band] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            references.append(ReferenceLine(y: s * r.cosine, label: "rival \(r.index)", style: Theme.rival))
            if let t0 = DecisionBoundary.crossing(transform: .identity, rivalCosine: r.cosine) {
                if let t1 = DecisionBoundary.crossing(transform: transform(state), rivalCosine: r.cosine), t1 < t0 {
                    bands.append(Band(from: t1, to: t0, label: "", style: Theme.dim))
                    markers.append(VerticalMarker(x: t1, label: "", style: Theme.lmcl, dotted: true))
                }
                markers.append(VerticalMarker(x: t0, label: "", style: Theme.normFace, dotted: true))
            }
        }
        let axes = PlotAxes(x: 0...180, y: (-s * (1 + m))...s, xTitle: "\(th)y (deg)", yTitle: "target logit",
                            xTickCount: 7, yTickCount: 5, style: Theme.dim)
        return LinePlot(axes: axes, series: [plain, margined], references: references, markers: markers,
                        bands: bands, glyphs: context.glyphs)
    }

    /// p_y against θ_y, NormFace and LMCL, the other cosines fixed.
    static func targetProbability(_ context: FrameContext) -> LinePlot {
        let state = context.state, s = state.scale
        let y = state.target, th = context.theta
        let normFace = TargetCurve(scale: s, transform: .identity, cosines: state.cosines, target: y)
        let lmcl = TargetCurve(scale: s, transform: transform(state), cosines: state.cosines, target: y)
        let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
        let plain = xs.map { (x: $0, y: normFace.probability(degrees: $0)) }
        let margined = xs.map { (x: $0, y: lmcl.probability(degrees: $0)) }
        let current = Angle.degrees(ofCosine: state.cosines[y])
        let axes = PlotAxes(x: 0...180, y: 0...1, xTitle: "\(th)y (deg)", yTitle: "p_y",
                            xTickCount: 7, yTickCount: 3, style: Theme.dim)
        return LinePlot(
            axes: axes,
            series: [PlotSeries("NormFace", points: plain, shape: .dot, style: Theme.normFace, lineStyle: .solid),
                     PlotSeries("LMCL", points: margined, shape: .cross, style: Theme.lmcl, lineStyle: .dashed)],
            references: [ReferenceLine(y: 0.5, label: "0.5", style: Theme.dim)],
            markers: [VerticalMarker(x: current, label: "\(th)y", style: Theme.target)],
            glyphs: context.glyphs)
    }

    /// The two-class picture in the (θ_y, θ_rival) plane: the softmax boundary θ_r = θ_y,
    /// the LMCL boundaries cos θ_y − m = cos θ_r and cos θ_r − m = cos θ_y, and the sample.
    static func decisionPlane(_ context: FrameContext) -> LinePlot {
        let state = context.state, th = context.theta
        let cosines = state.cosines, y = state.target
        let xs = (0..<samples).map { Double($0) * 180 / Double(samples - 1) }
        let boundary = DecisionBoundary.curves(transform: transform(state), targetDegrees: xs)
        let series = [
            PlotSeries("softmax \(th)r = \(th)y", points: xs.map { ($0, $0) }, shape: .dot, style: Theme.normFace, lineStyle: .solid),
            PlotSeries("y wins with m", points: boundary.targetWins, shape: .cross, style: Theme.target, lineStyle: .dashed),
            PlotSeries("rival wins with m", points: boundary.rivalWins, shape: .plus, style: Theme.rival, lineStyle: .dotted),
        ]
        var highlights: [HighlightPoint] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            highlights.append(HighlightPoint(x: Angle.degrees(ofCosine: cosines[y]),
                                             y: Angle.degrees(ofCosine: r.cosine), label: "sample",
                                             shape: .diamond, style: Theme.label))
        }
        let axes = PlotAxes(x: 0...180, y: 0...180, xTitle: "\(th)y (deg)", yTitle: "\(th)rival (deg)",
                            xTickCount: 5, yTickCount: 4, style: Theme.dim)
        return LinePlot(axes: axes, series: series, highlights: highlights, glyphs: context.glyphs)
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
            let never = "with m = \(ValueGrid.margin.format(state.marginSteps)) the target never beats rival \(r.index)"
            return ColumnWidth.of(never) <= width ? never : "target never beats rival \(r.index)"
        }
        let full = ScreenParts.spell(String(format: "crossing %.1f° → %.1f°, shift %.1f°", t0, t1, t0 - t1), context.glyphs)
        if ColumnWidth.of(full) <= width { return full }
        return ScreenParts.spell(String(format: "margin shifts the crossing %.1f°", t0 - t1), context.glyphs)
    }
}
