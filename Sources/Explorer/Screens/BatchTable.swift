import Foundation
import LossMath
import TerminalUI

/// The batch screen's per-sample views: the scrollable table and the selected sample worked through.
enum BatchTable {
    /// The first row shown: the selection in the middle of the window where possible.
    ///
    /// The state keeps no scroll position (it holds inputs only), so the window is
    /// a function of the selection: centred, clamped to the first and last page.
    static func firstRow(selected: Int, visibleRows: Int, count: Int) -> Int {
        guard visibleRows > 0, count > visibleRows else { return 0 }
        return min(max(0, selected - visibleRows / 2), count - visibleRows)
    }

    static func drawTable(_ snapshot: BatchSnapshot, in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let g = context.glyphs, th = context.theta, strings = context.strings
        let samples = snapshot.bdlmcl.samples, lmcl = snapshot.lmcl.samples
        let count = samples.count
        let selected = min(max(0, context.state.batch.selectedSample), count - 1)
        let innerHeight = max(0, area.height - 2)
        let visible = max(0, innerHeight - 1)
        let first = firstRow(selected: selected, visibleRows: visible, count: count)
        let indicator = Table.scrollIndicator(offset: first, visibleRows: visible, count: count, glyphs: g)
        let inner = ScreenParts.panel(
            ScreenParts.spell(strings[.batchTableTitle], g), right: indicator, id: .batchView,
            in: area, on: &canvas, context: context)
        guard inner.height >= 2 else { return }
        let wide = inner.width >= 110
        var columns: [Table.Column] = [
            .init("#", width: .fixed(5), alignment: .right),
            .init("", width: .fixed(1)),
            .init(strings[.batchHeadLabel], width: .fixed(5), alignment: .right),
            .init("cos \(th)_y", width: .fixed(8), alignment: .right),
            .init(strings[.batchHeadRival], width: .fixed(5), alignment: .right),
            .init("cos \(th)_r", width: .fixed(8), alignment: .right),
            .init(strings[.batchHeadRank], width: .fixed(5), alignment: .right),
            .init("ℓ_1", width: .fixed(3), alignment: .right),
            .init("ℓ_k", width: .fixed(3), alignment: .right),
            .init("sel", width: .fixed(3), alignment: .right),
            .init("m_i", width: .fixed(5), alignment: .right),
            .init(strings[.batchHeadLoss], width: .fixed(9), alignment: .right),
        ]
        if wide {
            columns += [
                .init(ScreenParts.spell("‖∇‖", g), width: .fixed(9), alignment: .right),
                .init(strings[.batchHeadLMCLLoss], width: .fixed(10), alignment: .right),
                .init(ScreenParts.spell("LMCL ‖∇‖", g), width: .fixed(10), alignment: .right),
                .init(strings[.batchHeadRegion], width: .flexible(1)),
            ]
        }
        columns = columns.map {
            var c = $0; c.title = ScreenParts.spell(c.title, g); return c
        }
        let n4 = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        let shown = first..<min(count, first + visible)
        let rows: [[String]] = shown.map { i in
            let s = samples[i]
            let region = BatchRegion(s)
            var row = [
                "\(i)", g.marker(BatchPlots.shape(region)), "\(s.label)",
                ScreenParts.number(s.targetCosine, 4, glyphs: g),
                s.rivalClass >= 0 ? "\(s.rivalClass)" : g.missing,
                ScreenParts.number(s.rivalCosine, 4, glyphs: g),
                "\(s.rank)", s.topOneError ? "1" : "0", s.topKError ? "1" : "0", strings[s.selected ? .batchYes : .batchNo],
                s.counts ? StateString.trim(ValueGrid.margin.format(value: s.margin)) : strings[.batchExcl],
                n4(s.loss),
            ]
            if wide {
                row += [
                    n4(s.gradientNorm), n4(lmcl[i].loss), n4(lmcl[i].gradientNorm),
                    strings.name(of: region, topK: snapshot.rule.topK, withRanks: false),
                ]
            }
            return row
        }
        let table = Table(
            columns: columns, rows: rows, selected: selected - first, offset: 0,
            headerStyle: Theme.label.underlined, glyphs: g)
        table.render(in: inner, on: &canvas)
        for (k, i) in shown.enumerated() {
            context.hits.add(Rect(x: inner.x, y: inner.y + 1 + k, width: inner.width, height: 1), .sample(i))
        }
    }

    // MARK: - The selected sample

    /// The selected sample's rank, region, margin, and both losses with their gradient norms.
    static func drawSample(_ snapshot: BatchSnapshot, in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        let g = context.glyphs, strings = context.strings
        let samples = snapshot.bdlmcl.samples
        let i = min(max(0, context.state.batch.selectedSample), samples.count - 1)
        let s = samples[i], l = snapshot.lmcl.samples[i]
        let region = BatchRegion(s)
        let inner = ScreenParts.panel(
            strings.format(.batchSampleTitle, ["i": "\(i)", "n": "\(samples.count)"]), right: "[ ]", in: area, on: &canvas, context: context
        )
        let n4 = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        let m = ValueGrid.margin.format(value: snapshot.rule.margin)
        let k = snapshot.rule.topK
        let sp = { (t: String) in ScreenParts.spell(t, g) }
        let regionText: String
        switch region {
        case .satisfied: regionText = strings[.batchRegionSatisfied]
        case .boundary: regionText = strings.format(.batchRegionBoundary, ["rank": "\(s.rank)", "k": "\(k)", "m": m])
        case .beyondTopK:
            regionText = strings.format(
                .batchRegionBeyond, ["rank": "\(s.rank)", "k": "\(k)", "rule": s.counts ? "m = 0" : strings[.batchExcluded]])
        case .violated: regionText = strings.format(.batchRegionViolated, ["rank": "\(s.rank)"])
        }
        let rival =
            s.rivalClass >= 0
            ? strings.format(.batchRivalLine, ["j": "\(s.rivalClass)", "cos": n4(s.rivalCosine)]) : strings[.batchNoRivalOneClass]
        // Most telling first, so a low panel keeps the region and both losses.
        let lines = [
            Line([Span(g.marker(BatchPlots.shape(region)), BatchPlots.style(region)), Span(" " + sp(regionText))]),
            Line([Span("LMCL     ", Theme.lmcl), Span(sp("ℓ \(n4(l.loss))  ‖∇‖ \(n4(l.gradientNorm))"))]),
            Line([
                Span("BD-LMCL  ", Theme.normFace),
                Span(
                    sp(s.counts ? "ℓ \(n4(s.loss))  ‖∇‖ \(n4(s.gradientNorm))" : strings.format(.batchExcludedUnused, ["loss": n4(s.loss)]))
                ),
            ]),
            Line(sp(strings.format(.batchLabelLine, ["y": "\(s.label)", "cos": n4(s.targetCosine)]))),
            Line(sp(rival)),
            Line(sp("rank = 1 + #{j≠y : cos θ_j > cos θ_y − m} = \(s.rank)")),
        ]
        ScreenParts.lines(lines, in: inner, on: &canvas, glyphs: g)
    }
}
