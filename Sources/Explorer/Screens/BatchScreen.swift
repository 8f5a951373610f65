import Foundation
import LossMath
import TerminalUI

/// Screen 4: BD-LMCL on a batch: which samples get the margin, and where the gradient goes.
///
/// Always shown: the settings (s, m, k, the treatment of unselected samples, and
/// the batch: N, C, spread, seed or the file), the count in each region with how
/// the LMCL and BD-LMCL losses and gradients split between the regions, and the
/// scatter of the samples in the (cos θ_y, max_{j≠y} cos θ_j) plane. When there is
/// room: the selected sample worked through, the histogram of per-sample gradient
/// norms under both losses, and the scrollable table of samples.
///
/// Everything is read from the `BatchSnapshot` (per-sample outcomes from
/// `BatchScaleCache`); the screen never computes the B×C gradient.
enum BatchScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard let snapshot = context.batch, snapshot.batch.sampleCount > 0 else {
            let inner = ScreenParts.panel(context.strings[.batchTitle], in: area, on: &canvas, context: context)
            canvas.put(context.strings[.batchEmpty], x: inner.x + 1, y: inner.y, style: Theme.dim, clip: inner)
            return
        }
        let layout = BatchLayout(area, view: context.state.batch.view)
        drawSettings(snapshot, in: layout.settings, on: &canvas, context: &context)
        drawRegions(snapshot, in: layout.regions, wide: layout.isWide, on: &canvas, context: context)
        if let r = layout.sample { BatchTable.drawSample(snapshot, in: r, on: &canvas, context: context) }
        if !layout.scatter.isEmpty {
            BatchPlots.drawScatter(snapshot, in: layout.scatter, footer: layout.sample == nil, on: &canvas, context: &context)
        }
        if let r = layout.histogram { BatchPlots.drawHistogram(snapshot, in: r, on: &canvas, context: &context) }
        if let r = layout.table { BatchTable.drawTable(snapshot, in: r, on: &canvas, context: &context) }
    }

    // MARK: - Settings

    /// Columns of the setting names, so the rows line up.
    static let labelWidth = 6

    /// The eight fields as rows: sliders for s, m and the spread, values for the rest.
    static func drawSettings(_ snapshot: BatchSnapshot, in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state, g = context.glyphs, settings = state.batch
        let strings = context.strings
        let inner = ScreenParts.panel(
            strings[.panelBatchControls], id: .batchControls, in: area, on: &canvas, context: context, focused: true)
        let focused = state.focusedField
        let batch = snapshot.batch
        let fromFile = settings.file != nil
        var y = inner.y
        func row() -> Rect? {
            guard y < inner.maxY else { return nil }
            defer { y += 1 }
            return Rect(x: inner.x, y: y, width: inner.width, height: 1)
        }
        func slider(_ field: Field, _ label: String, _ value: Double, _ range: ClosedRange<Double>, _ text: String) {
            guard let r = row() else { return }
            let s = Slider(
                label, value: value, range: range, valueText: text, highlighted: focused == field,
                labelWidth: labelWidth, valueWidth: max(6, ColumnWidth.of(text)), glyphs: g)
            s.render(in: r, on: &canvas)
            context.hits.add(r, .field(field))
            context.hits.add(s.track(in: r), .slider(field, low: range.lowerBound, high: range.upperBound))
        }
        func value(_ field: Field?, _ label: String, _ text: String, style: Style = .plain) {
            guard let r = row() else { return }
            let isFocused = field != nil && focused == field
            if isFocused { canvas.put(g.pointer, x: r.x, y: r.y, style: Style(bold: true), clip: r) }
            canvas.draw(
                Line(label, style: isFocused ? Style(bold: true, reverse: true) : .plain),
                in: Rect(x: r.x + 2, y: r.y, width: min(labelWidth, max(0, r.width - 2)), height: 1), ellipsis: g.ellipsis)
            let valueArea = Rect(x: r.x + 3 + labelWidth, y: r.y, width: max(0, r.width - 3 - labelWidth), height: 1)
            canvas.draw(Line(text, style: isFocused ? style.bolded : style), in: valueArea, alignment: .right, ellipsis: g.ellipsis)
            if let field { context.hits.add(r, .field(field)) }
        }
        // The margin the selection ranks with, named when it is not the default CosFace (M changes it).
        if state.marginType != .cosFace { value(nil, "f", state.marginName) }
        for setting in state.marginSettings {
            guard let r = row() else { break }
            ScreenParts.slider(setting, state: state, in: r, labelWidth: labelWidth, valueWidth: 6, on: &canvas, context: &context)
        }
        value(.topK, "k", "\(snapshot.rule.topK)  (2\(g.rangeDash)\(max(2, batch.classCount)))")
        value(
            .unselectedRule, strings[.batchRuleLabel],
            strings[snapshot.rule.unselected == .noMargin ? .batchRuleNoMargin : .batchRuleExcluded])
        value(.batchSamples, "N", "\(batch.sampleCount)" + (fromFile ? strings[.batchFromFile] : ""))
        value(.batchClasses, "C", "\(batch.classCount)" + (fromFile ? strings[.batchFromFile] : ""))
        if let file = settings.file {
            value(.batchSpread, strings[.batchFileLabel], fileName(file, strings: strings))
            value(.batchSeed, "", strings[.batchFixedByFile], style: Theme.dim)
        } else {
            slider(
                .batchSpread, Settings.spread.symbol, settings.spread, Settings.spread.sliderSpan,
                ValueGrid.spread.format(settings.spreadSteps))
            value(.batchSeed, "seed", "\(settings.seed)  " + strings[.batchSeedNext])
        }
    }

    /// The last path component, which is what identifies a file on a narrow panel.
    static func fileName(_ path: String, strings: Strings) -> String {
        path == "-" ? strings[.batchStandardInput] : (path.split(separator: "/").last.map(String.init) ?? path)
    }

    // MARK: - Regions and losses

    /// Counts per region and each loss's split, narrow (a column) or wide (a band) form.
    static func drawRegions(_ snapshot: BatchSnapshot, in area: Rect, wide: Bool, on canvas: inout Canvas, context: FrameContext) {
        let g = context.glyphs, summary = snapshot.summary, strings = context.strings
        let b = snapshot.batch.sampleCount
        // The LMCL and BD-LMCL columns are each region's part of the batch loss (they sum to it), not its mean.
        let inner = ScreenParts.panel(strings[.panelBatchRegions], id: .batchRegions, in: area, on: &canvas, context: context)
        guard inner.height >= 1, inner.width >= 8 else { return }
        let showsShares = wide && inner.width >= 64
        let decimals = showsShares ? 4 : 3
        let numberWidth = showsShares ? 8 : 7
        let number = { (v: Double) -> String in
            // Losses in the thousands (s near 1000) give up decimals, not digits.
            var d = decimals, text = ScreenParts.number(v, decimals, glyphs: g)
            while ColumnWidth.of(text) > numberWidth && d > 0 { d -= 1; text = ScreenParts.number(v, d, glyphs: g) }
            return text
        }
        // name, n, [%], L LMCL, L BD-LMCL, [∇ LMCL, ∇ BD-LMCL]
        // The count column grows for a file batch of 10,000 samples or more.
        let countWidth = max(showsShares ? 5 : 4, String(b).count)
        let widths: [Int] = showsShares ? [0, countWidth, 5, 8, 8, 7, 7] : [0, countWidth, 7, 7]
        let nameWidth = max(4, inner.width - widths.reduce(0, +) - (widths.count - 1))
        var frames: [Rect] = []
        var x = inner.x
        for w in widths {
            let width = w == 0 ? nameWidth : w
            frames.append(Rect(x: x, y: 0, width: max(0, min(width, inner.maxX - x)), height: 1))
            x += width + 1
        }
        var y = inner.y
        func put(_ cells: [Line]) {
            guard y < inner.maxY else { return }
            for (i, cell) in cells.enumerated() where i < frames.count {
                var f = frames[i]
                f.y = y
                canvas.draw(cell, in: f, alignment: i == 0 ? .left : .right, ellipsis: g.ellipsis)
            }
            y += 1
        }
        /// A title centred over columns `a...b`.
        func group(_ title: String, _ a: Int, _ b: Int) {
            let r = Rect(x: frames[a].x, y: y, width: frames[b].maxX - frames[a].x, height: 1)
            canvas.draw(Line(ScreenParts.spell(title, g), style: Theme.label), in: r, alignment: .center, ellipsis: g.ellipsis)
        }
        func percent(_ part: Double, _ total: Double) -> String {
            guard total > 0, part.isFinite, total.isFinite else { return g.missing }
            return FixedPoint.format(100 * part / total, decimals: 0) + "%"
        }
        if showsShares {
            group(strings[.batchPartOfLoss], 3, 4)
            group(strings[.batchShareOfGradient], 5, 6)
            y += 1
            put(
                [strings[.batchHeadRegion], "n", strings[.batchHeadShare], "LMCL", "BD-LMCL", "LMCL", "BD-LMCL"].map {
                    Line($0, style: Theme.label)
                })
        } else {
            put([strings[.batchHeadRegion], "n", "LMCL", "BD-LMCL"].map { Line($0, style: Theme.label) })
        }
        let lmclTotal = summary.lmclGradientTotal, bdTotal = summary.bdlmclGradientTotal
        for region in BatchRegion.allCases {
            let r = summary[region]
            let style = BatchPlots.style(region)
            let name = strings.name(of: region, topK: snapshot.rule.topK, withRanks: showsShares)
            let countName: [BatchRegion: String] = [.satisfied: "n_satisfied", .boundary: "n_boundary", .beyondTopK: "n_beyond"]
            var cells = [
                Line([Span(g.marker(BatchPlots.shape(region)), style), Span(" " + ScreenParts.spell(name, g))]),
                Line(countName[region].map { context.masked($0, "\(r.count)") } ?? "\(r.count)"),
            ]
            if showsShares { cells.append(Line(percent(Double(r.count), Double(b)))) }
            cells += [Line(number(r.lmclLoss)), Line(number(r.bdlmclLoss))]
            if showsShares {
                let shares: [BatchRegion: (String, String)] = [
                    .boundary: ("share_boundary_lmcl", "share_boundary_bdlmcl"),
                    .beyondTopK: ("share_beyond_lmcl", ""),
                ]
                let (lmclName, bdName) = shares[region] ?? ("", "")
                cells += [
                    Line(context.masked(lmclName, percent(r.lmclGradient, lmclTotal))),
                    Line(context.masked(bdName, percent(r.bdlmclGradient, bdTotal))),
                ]
            }
            put(cells)
        }
        var total = [Line(strings[.batchLoss], style: Theme.label), Line("\(b)", style: Theme.label)]
        if showsShares { total.append(Line("100%", style: Theme.label)) }
        total += [
            Line(context.masked("loss_batch_lmcl", number(snapshot.lmcl.loss)), style: Theme.lmcl.bolded),
            Line(context.masked(anyOf: ["loss_batch_bdlmcl", "loss"], number(snapshot.bdlmcl.loss)), style: Theme.normFace.bolded),
        ]
        put(total)

        let counting = snapshot.bdlmcl.countingSamples
        let countNote = strings.format(.batchMeanOver, ["counting": "\(counting)", "total": "\(b)"])
        guard y < inner.maxY else { return }
        var lines: [Line] = []
        if showsShares {
            lines.append(
                Line(
                    countNote
                        + strings[
                            snapshot.rule.unselected == .excluded
                                ? .batchUnselectedExcluded : .batchUnselectedNoMargin], style: Theme.dim))
            lines.append(Line(ScreenParts.spell(strings[.batchGradientNote], g), style: Theme.dim))
        } else {
            // Narrow: the gradient shares as one line per loss, the region glyphs as the key.
            lines.append(Line(ScreenParts.spell(strings[.batchShareHeading], g), style: Theme.dim))
            for (name, total, part) in [
                ("LMCL", lmclTotal, { (r: BatchSummary.Region) in r.lmclGradient }),
                ("BD-LMCL", bdTotal, { (r: BatchSummary.Region) in r.bdlmclGradient }),
            ] {
                var spans = [Span(name.padding(toLength: 8, withPad: " ", startingAt: 0))]
                for region in BatchRegion.allCases {
                    let quantity =
                        region == .boundary
                        ? (name == "LMCL" ? "share_boundary_lmcl" : "share_boundary_bdlmcl")
                        : (region == .beyondTopK && name == "LMCL" ? "share_beyond_lmcl" : "")
                    let text = context.masked(quantity, percent(part(summary[region]), total))
                    spans.append(Span(" " + g.marker(BatchPlots.shape(region)), BatchPlots.style(region)))
                    spans.append(Span(String(repeating: " ", count: max(1, 6 - ColumnWidth.of(text))) + text))
                }
                lines.append(Line(spans))
            }
            lines.append(Line(countNote, style: Theme.dim))
        }
        for line in lines where y < inner.maxY {
            canvas.draw(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), ellipsis: g.ellipsis)
            y += 1
        }
    }
}

/// Where the batch screen's panels go for a body of a given size.
///
/// 80×24 (a 80×21 body): settings and regions in a left column, the scatter on
/// the right. 120 columns or more: settings, regions and the selected sample in a
/// band on top, the scatter beside the histogram, the table below when there is
/// height for it. Between: the left column, with the table (and then the
/// histogram) under the scatter as the height allows.
struct BatchLayout {
    var settings: Rect
    var regions: Rect
    var sample: Rect?
    var scatter: Rect
    var histogram: Rect?
    var table: Rect?
    var isWide: Bool

    /// Rows of the settings panel: eight fields and the border.
    static let settingsHeight = 10

    /// `view` picks what the right-hand side shows when it has room for only one view.
    init(_ area: Rect, view: BatchView = .scatter) {
        isWide = area.width >= 120 && area.height >= 24
        if isWide {
            let (top, rest) = area.splitTop(Self.settingsHeight)
            let (settings, others) = top.splitLeft(40)
            self.settings = settings
            if others.width >= 72 + 44 {
                let (regions, sample) = others.splitLeft(others.width - min(50, others.width - 72))
                self.regions = regions
                self.sample = sample
            } else {
                self.regions = others
                self.sample = nil
            }
            let plotsHeight = rest.height >= 24 ? max(14, rest.height * 11 / 20) : rest.height
            let (plots, table) = rest.splitTop(plotsHeight)
            let (scatter, histogram) = plots.splitLeft(plots.width * 58 / 100)
            self.scatter = scatter
            self.histogram = histogram
            self.table = table.height >= 5 ? table : nil
        } else {
            let leftWidth = min(40, max(34, area.width * 42 / 100))
            let (left, right) = area.splitLeft(leftWidth)
            let (settings, below) = left.splitTop(Self.settingsHeight)
            self.settings = settings
            if below.height >= 11 + 6 {
                let (regions, sample) = below.splitTop(11)
                self.regions = regions
                self.sample = sample
            } else {
                self.regions = below
                self.sample = nil
            }
            if right.height >= 44 {
                let (scatter, rest) = right.splitTop(right.height * 2 / 5)
                let (histogram, table) = rest.splitTop(rest.height * 2 / 5)
                (self.scatter, self.histogram, self.table) = (scatter, histogram, table)
            } else if right.height >= 26 {
                let (scatter, table) = right.splitTop(max(16, right.height * 11 / 20))
                (self.scatter, self.histogram, self.table) = (scatter, nil, table)
            } else {
                switch view {
                case .scatter: (self.scatter, self.histogram, self.table) = (right, nil, nil)
                case .gradients: (self.scatter, self.histogram, self.table) = (.zero, right, nil)
                case .samples: (self.scatter, self.histogram, self.table) = (.zero, nil, right)
                }
            }
        }
    }
}
