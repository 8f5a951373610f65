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
    static func drawScatter(_ snapshot: BatchSnapshot, in area: Rect, footer: Bool, on canvas: inout Canvas, context: FrameContext) {
        let g = context.glyphs
        let samples = snapshot.bdlmcl.samples
        let selected = min(max(0, context.state.batch.selectedSample), samples.count - 1)
        let wide = area.width >= 70
        let title = wide ? "Samples: target cosine against the strongest rival" : "Samples by region (v: next view)"
        let block = Block(title: Line(" \(title) ", style: Theme.title),
                          footer: footer ? " " + sampleSummary(snapshot, selected, glyphs: g, width: area.width - 6) + " " : nil,
                          glyphs: g)
        block.render(in: area, on: &canvas)
        scatter(snapshot, selected: selected, wide: wide, context: context).render(in: block.inner(area), on: &canvas)
    }

    static func scatter(_ snapshot: BatchSnapshot, selected: Int, wide: Bool, context: FrameContext) -> ScatterPlot {
        let g = context.glyphs, th = context.theta
        let samples = snapshot.bdlmcl.samples
        let range = axisRange(samples)
        let categories = BatchRegion.allCases.map { region in
            // The regions panel beside the plot names the glyphs; a narrow legend keeps to the lines.
            ScatterPlot.Category(wide ? region.shortName : "", shape: shape(region), style: style(region))
        }
        let points = samples.map { s in
            ScatterPlot.Point(x: s.targetCosine, y: s.rivalCosine, category: BatchRegion(s).rawValue)
        }
        let lo = range.lowerBound, hi = range.upperBound
        // Line glyphs (ASCII only; Unicode draws braille) differ from the region glyphs and the "+" of dense cells.
        let lines = [
            PlotSeries(wide ? "rival = target" : "rival = y", points: [(lo, lo), (hi, hi)],
                       shape: .openSquare, style: Theme.normFace, lineStyle: .solid),
            PlotSeries(ScreenParts.spell(wide ? "rival = target − m" : "rival = y − m", g), points: DecisionBoundary.rankBoundary(transform: snapshot.rule.transform, from: lo, to: hi),
                       shape: .star, style: Theme.lmcl, lineStyle: .dashed),
        ]
        var highlight: HighlightPoint? = nil
        if samples.indices.contains(selected) {
            let s = samples[selected]
            highlight = HighlightPoint(x: s.targetCosine, y: s.rivalCosine, label: "", shape: .diamond, style: highlightStyle)
        }
        let axes = PlotAxes(x: range, y: range, xTitle: "cos \(th)_y", yTitle: wide ? "max rival cos \(th)_j" : "rival cos",
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
    static func sampleSummary(_ snapshot: BatchSnapshot, _ i: Int, glyphs g: GlyphSet, width: Int = .max) -> String {
        let s = snapshot.bdlmcl.samples[i]
        let target = "#\(i): \(ScreenParts.number(s.targetCosine, 3, glyphs: g))"
        let forms = [
            s.rivalClass >= 0 ? "\(target) vs rival \(s.rivalClass) at \(ScreenParts.number(s.rivalCosine, 3, glyphs: g)), rank \(s.rank)"
                : "\(target) vs no rival, rank \(s.rank)",
            "\(target) vs rival \(s.rivalClass), rank \(s.rank)",
            "\(target), rank \(s.rank)",
        ].map { ScreenParts.spell($0, g) }
        return forms.first { ColumnWidth.of($0) <= width } ?? forms[forms.count - 1]
    }

    // MARK: - Histogram

    /// ‖∂ℓ_i/∂cos θ_i‖ of every counting sample under LMCL and under BD-LMCL, side by side.
    static func drawHistogram(_ snapshot: BatchSnapshot, in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        let g = context.glyphs
        let inner = ScreenParts.panel(ScreenParts.spell("Where the gradient goes: ‖∂ℓ_i/∂cos θ_i‖ per sample", g),
                                      in: area, on: &canvas, context: context)
        guard !inner.isEmpty else { return }
        histogram(snapshot, width: inner.width, context: context).render(in: inner, on: &canvas)
    }

    static func histogram(_ snapshot: BatchSnapshot, width: Int, context: FrameContext) -> Histogram {
        let g = context.glyphs
        let top = snapshot.summary.largestGradientNorm
        let range = 0...(top > 0 ? top : 1)
        // About four columns per bin (two series and a gap), never fewer than 4 bins.
        let bins = max(4, min(30, (width - 6) / 4))
        func norms(_ r: BatchResult) -> [Double] { r.samples.filter(\.counts).map(\.gradientNorm) }
        let lmcl = Histogram.counts(of: norms(snapshot.lmcl), in: range, bins: bins)
        let bd = Histogram.counts(of: norms(snapshot.bdlmcl), in: range, bins: bins)
        return Histogram(range: range,
                         series: [Histogram.Series("LMCL", counts: lmcl, style: Theme.lmcl),
                                  Histogram.Series("BD-LMCL (counting samples)", counts: bd, style: Theme.normFace)],
                         layout: .sideBySide, xTitle: ScreenParts.spell("‖∂ℓ_i/∂cos θ_i‖", g), yTitle: "samples",
                         axisStyle: Theme.dim, glyphs: g)
    }
}
