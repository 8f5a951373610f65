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

    /// The margined transform the plots show: the chosen margin (`ExplorerState.transform`).
    static func transform(_ state: ExplorerState) -> TargetTransform {
        state.transform
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
        let margined = PlotSeries(ScreenParts.spell(state.marginType.formula, context.glyphs), points: xs.map { ($0, lmcl.logit(degrees: $0)) },
                                  shape: .cross, style: Theme.lmcl, lineStyle: .dashed)
        var references: [ReferenceLine] = []
        var markers = [VerticalMarker(x: Angle.degrees(ofCosine: cosines[y]), label: "\(th)y", style: Theme.target)]
        var bands: [Band] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            references.append(ReferenceLine(y: s * r.cosine, label: context.strings.format(.plotRival, ["j": "\(r.index)"]), style: Theme.rival))
            if let t0 = DecisionBoundary.crossing(transform: .identity, rivalCosine: r.cosine) {
                if let t1 = DecisionBoundary.crossing(transform: transform(state), rivalCosine: r.cosine), t1 < t0 {
                    bands.append(Band(from: t1, to: t0, label: "", style: Theme.dim))
                    markers.append(VerticalMarker(x: t1, label: "", style: Theme.lmcl, dotted: true))
                }
                markers.append(VerticalMarker(x: t0, label: "", style: Theme.normFace, dotted: true))
            }
        }
        let axes = PlotAxes(x: 0...180, y: (-s * (1 + m))...s, xTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)y"]), yTitle: context.strings[.plotAxisTargetLogit],
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
        let axes = PlotAxes(x: 0...180, y: 0...1, xTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)y"]), yTitle: "p_y",
                            xTickCount: 7, yTickCount: 3, style: Theme.dim)
        return LinePlot(
            axes: axes,
            series: [PlotSeries("NormFace", points: plain, shape: .dot, style: Theme.normFace, lineStyle: .solid),
                     PlotSeries(state.marginType == .cosFace ? "LMCL" : state.marginType.title, points: margined, shape: .cross, style: Theme.lmcl, lineStyle: .dashed)],
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
            PlotSeries(context.strings[.geometryYWinsMargin], points: boundary.targetWins, shape: .cross, style: Theme.target, lineStyle: .dashed),
            PlotSeries(context.strings[.plotRivalWinsMargin], points: boundary.rivalWins, shape: .plus, style: Theme.rival, lineStyle: .dotted),
        ]
        var highlights: [HighlightPoint] = []
        if let r = DecisionBoundary.strongestRival(cosines: cosines, target: y) {
            highlights.append(HighlightPoint(x: Angle.degrees(ofCosine: cosines[y]),
                                             y: Angle.degrees(ofCosine: r.cosine), label: context.strings[.plotSample],
                                             shape: .diamond, style: Theme.label))
        }
        let axes = PlotAxes(x: 0...180, y: 0...180, xTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)y"]),
                            yTitle: context.strings.format(.plotAxisDegrees, ["angle": "\(th)rival"]),
                            xTickCount: 5, yTickCount: 4, style: Theme.dim)
        return LinePlot(axes: axes, series: series, highlights: highlights, glyphs: context.glyphs)
    }

    /// One line saying how far the margin moves the crossing with the rival.
    static func shiftSummary(_ context: FrameContext) -> String {
        let state = context.state
        guard let r = DecisionBoundary.strongestRival(cosines: state.cosines, target: state.target) else { return "" }
        guard let t0 = DecisionBoundary.crossing(transform: .identity, rivalCosine: r.cosine) else { return "" }
        guard let t1 = DecisionBoundary.crossing(transform: transform(state), rivalCosine: r.cosine) else {
            return context.strings.format(.plotNeverBeats, ["m": ValueGrid.margin.format(state.marginSteps), "j": "\(r.index)"])
        }
        let deg = { (v: Double) in String(format: "%.1f", v) }
        return ScreenParts.spell(context.strings.format(.plotCrossing, [
            "from": deg(t0), "to": context.masked("crossing_lmcl", deg(t1)), "shift": context.masked("shift_deg", deg(t0 - t1)),
        ]), context.glyphs)
    }
}
