import Foundation
import LossMath
import TerminalUI

/// The batch screen's two plots: the samples in the (cos θ_y, max rival cos θ_j)
/// plane by region, and the histogram of per-sample gradient norms.
enum BatchPlots {
    /// Each region's glyph, so a region reads without colour (● ▲ ×, ASCII o ^ x).
    static func shape(_ region: BatchRegion) -> MarkerShape {
        switch region {
        case .satisfied: return .dot
        case .boundary: return .triangle
        case .beyondTopK, .violated: return .cross
        }
    }

    static func style(_ region: BatchRegion) -> Style {
        switch region {
        case .satisfied: return Style(foreground: .green)
        case .boundary: return Style(foreground: .yellow, bold: true)
        case .beyondTopK, .violated: return Style(foreground: .red)
        }
    }

    /// The selected sample, on top of everything.
    static let highlightStyle = Style(bold: true, reverse: true)

    // MARK: - Scatter

    /// Samples at (cos θ_y, max_{j≠y} cos θ_j), drawn by region, with the softmax
    /// boundary (rival = target) and the margin line (rival = target − m).
    ///
    /// Below the margin line a sample's target beats its strongest rival by more
    /// than m, so its rank is 1: the margin is satisfied. Above it the rank is
    /// at least 2; whether it is in the top k depends on the other rivals too, so
    /// "beyond top-k" has no line here and is told by its glyph.
    static func drawScatter(_ snapshot: BatchSnapshot, in area: Rect, footer: Bool, on canvas: inout Canvas, context: inout FrameContext) {
        let g = context.glyphs
        let selected = Self.selected(snapshot, context.state)
        let wide = area.width >= 70
        let title = context.strings[wide ? .batchScatterWide : .batchScatterNarrow]
        context.panels.record(.batchView, area)
        let block = Block(
            title: Line(" \(title) ", style: Theme.title),
            footer: footer ? " " + sampleSummary(snapshot, selected, context: context, width: area.width - 6) + " " : nil,
            highlighted: context.highlightedPanel == .batchView, glyphs: g)
        block.render(in: area, on: &canvas)
        scatter(snapshot, selected: selected, wide: wide, context: context).render(in: block.inner(area), on: &canvas)
        context.hits.add(block.inner(area), .zoom)
    }

    /// The selected sample's index, within the batch.
    static func selected(_ snapshot: BatchSnapshot, _ state: ExplorerState) -> Int {
        min(max(0, state.batch.selectedSample), snapshot.bdlmcl.samples.count - 1)
    }

    static func scatter(_ snapshot: BatchSnapshot, selected: Int, wide: Bool, context: FrameContext) -> ScatterPlot {
        let g = context.glyphs, th = context.theta
        let samples = snapshot.bdlmcl.samples
        let range = axisRange(samples)
        let categories = BatchRegion.allCases.map { region in
            // The regions panel beside the plot names the glyphs; a narrow legend keeps to the lines.
            ScatterPlot.Category(
                wide ? context.strings.name(of: region, topK: snapshot.rule.topK, withRanks: false) : "", shape: shape(region),
                style: style(region))
        }
        let points = samples.map { s in
            ScatterPlot.Point(x: s.targetCosine, y: s.rivalCosine, category: BatchRegion(s).rawValue)
        }
        let lo = range.lowerBound, hi = range.upperBound
        // Line glyphs (ASCII only; Unicode draws braille) differ from the region glyphs and the "+" of dense cells.
        let lines = [
            PlotSeries(
                wide ? context.strings[.batchRivalEqualsTarget] : "rival = y", points: [(lo, lo), (hi, hi)],
                shape: .openSquare, style: Theme.normFace, lineStyle: .solid, markEvery: CosinePlots.markEvery),
            PlotSeries(
                ScreenParts.spell(wide ? context.strings[.batchRivalEqualsTargetMargin] : "rival = y − m", g),
                points: DecisionBoundary.rankBoundary(transform: snapshot.rule.transform, from: lo, to: hi),
                shape: .star, style: Theme.lmcl, lineStyle: .dashed, markEvery: CosinePlots.markEvery),
        ]
        var highlight: HighlightPoint? = nil
        if samples.indices.contains(selected) {
            let s = samples[selected]
            highlight = HighlightPoint(x: s.targetCosine, y: s.rivalCosine, label: "", shape: .diamond, style: highlightStyle)
        }
        let axes = PlotAxes(
            x: range, y: range, xTitle: "cos \(th)_y",
            yTitle: context.strings.format(wide ? .batchAxisRivalWide : .batchAxisRival, ["theta": th]),
            xTickCount: 6, yTickCount: 5, style: Theme.dim)
        return ScatterPlot(axes: axes, categories: categories, points: points, lines: lines, highlight: highlight, glyphs: g)
    }

    /// One range for both axes (so rival = target is the diagonal), covering every
    /// finite cosine with a little room, on a 0.05 grid within [−1, 1], at least 0.2 wide.
    static func axisRange(_ samples: [SampleOutcome]) -> ClosedRange<Double> {
        var lo = Double.infinity, hi = -Double.infinity
        for s in samples {
            for v in [s.targetCosine, s.rivalCosine] where v.isFinite {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        guard lo.isFinite, hi.isFinite else { return -1...1 }
        lo = max(-1, ((lo - 0.02) / 0.05).rounded(.down) * 0.05)
        hi = min(1, ((hi + 0.02) / 0.05).rounded(.up) * 0.05)
        if hi - lo < 0.2 {
            let mid = (lo + hi) / 2
            lo = max(-1, mid - 0.1)
            hi = min(1, lo + 0.2)
            lo = hi - 0.2
        }
        return lo...hi
    }

    /// "#12: 0.805 vs rival 5 at 0.334, rank 1": the selected sample, for the plot's footer.
    ///
    /// The longest form that fits `width` columns, spelled for the glyph set: without the rival's
    /// cosine, then without the rival, so that the rank (up to C) is never cut.
    static func sampleSummary(_ snapshot: BatchSnapshot, _ i: Int, context: FrameContext, width: Int = .max) -> String {
        let s = snapshot.bdlmcl.samples[i], g = context.glyphs, strings = context.strings
        let cos = ScreenParts.number(s.targetCosine, 3, glyphs: g)
        func summary(_ rival: String) -> String {
            strings.format(.batchSampleSummary, ["i": "\(i)", "cos": cos, "rival": rival, "rank": "\(s.rank)"])
        }
        let forms = [
            summary(
                s.rivalClass >= 0
                    ? strings.format(.batchSampleRival, ["j": "\(s.rivalClass)", "cos": ScreenParts.number(s.rivalCosine, 3, glyphs: g)])
                    : strings[.batchNoRival]),
            summary(strings.format(.batchSampleRivalShort, ["j": "\(s.rivalClass)"])),
            strings.format(.batchSampleRankOnly, ["i": "\(i)", "cos": cos, "rank": "\(s.rank)"]),
        ].map { ScreenParts.spell($0, g) }
        return forms.first { ColumnWidth.of($0) <= width } ?? forms[forms.count - 1]
    }

    // MARK: - Histogram

    /// ‖∂ℓ_i/∂cos θ_i‖ of every counting sample under LMCL and under BD-LMCL, side by side.
    static func drawHistogram(_ snapshot: BatchSnapshot, in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let g = context.glyphs
        let inner = ScreenParts.panel(
            ScreenParts.spell(context.strings[.batchGradientTitle], g), id: .batchView,
            in: area, on: &canvas, context: context)
        guard !inner.isEmpty else { return }
        histogram(snapshot, width: inner.width, context: context).render(in: inner, on: &canvas)
        context.hits.add(inner, .zoom)
    }

    /// "LMCL: 64 samples, BD-LMCL: 12 count; largest norm 0.93": the histogram's numbers, for its zoomed footer.
    static func histogramSummary(_ snapshot: BatchSnapshot, glyphs g: GlyphSet) -> String {
        let counting = snapshot.bdlmcl.countingSamples
        return "LMCL: \(snapshot.lmcl.countingSamples) samples, BD-LMCL: \(counting) counting; largest ‖∂ℓ_i/∂cos θ_i‖ = "
            + ScreenParts.number(snapshot.summary.largestGradientNorm, 4, glyphs: g)
    }

    /// The histogram; `zoomed` ends the range one tick past the largest norm, so the x axis
    /// keeps at least 5 labels beside its title.
    static func histogram(_ snapshot: BatchSnapshot, width: Int, context: FrameContext, zoomed: Bool = false) -> Histogram {
        let g = context.glyphs
        var top = snapshot.summary.largestGradientNorm
        if !(top > 0) { top = 1 }
        if zoomed, let last = niceTicks(0, top, count: 6).last, last > 0 {
            let step = niceTicks(0, top, count: 6).dropFirst().first ?? last
            let next = (top / step).rounded(.up) * step
            top = next > top ? next : next + step
        }
        let range = 0...top
        // About four columns per bin (two series and a gap), never fewer than 4 bins.
        let bins = max(4, min(30, (width - 6) / 4))
        func norms(_ r: BatchResult) -> [Double] { r.samples.filter(\.counts).map(\.gradientNorm) }
        let lmcl = Histogram.counts(of: norms(snapshot.lmcl), in: range, bins: bins)
        let bd = Histogram.counts(of: norms(snapshot.bdlmcl), in: range, bins: bins)
        return Histogram(
            range: range,
            series: [
                Histogram.Series("LMCL", counts: lmcl, style: Theme.lmcl),
                Histogram.Series(context.strings[.batchCountingSamples], counts: bd, style: Theme.normFace),
            ],
            layout: .sideBySide, xTitle: ScreenParts.spell(zoomed ? "‖∂ℓ_i/∂cos‖" : "‖∂ℓ_i/∂cos θ_i‖", g),
            yTitle: context.strings[.batchAxisSamples],
            axisStyle: Theme.dim, glyphs: g)
    }
}
