/// Drawing of the marks, arrows, curve bands, big markers and line-end labels.
extension PlotFrame {
    /// A point glyph at (`column`, `row`), five times as a plus sign when `large`.
    func drawPoint(_ glyph: String, column: Int, row: Int, size: MarkerSize, style: Style, on canvas: inout Canvas) {
        canvas.put(glyph, x: column, y: row, style: style, clip: plot)
        guard size == .large else { return }
        for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
            canvas.put(glyph, x: column + dx, y: row + dy, style: style, clip: plot)
        }
    }

    /// The series' glyph on its line every `markEvery` columns, starting
    /// `phase` columns in (so the marks of several series fall in different columns).
    func drawMarks(of series: PlotSeries, phase: Int, glyphs: GlyphSet, on canvas: inout Canvas) {
        let every = series.markEvery
        guard every > 0, subWidth > 1 else { return }
        let glyph = glyphs.marker(series.shape)
        let perCell = marker.resolution.columns
        var c = plot.x + phase % every
        var line = Interpolation(series.points)
        while c < plot.maxX {
            // The data x at the middle of the column's sub-cell points.
            let sub = Double((c - plot.x) * perCell) + Double(perCell - 1) / 2
            let x = xMin + sub / Double(subWidth - 1) * (xMax - xMin)
            if let y = line.value(at: x), let r = row(y) {
                canvas.put(glyph, x: c, y: r, style: series.style, clip: plot)
            }
            c += every
        }
    }

    func drawHighlights(_ points: [HighlightPoint], size: MarkerSize = .normal, glyphs: GlyphSet, on canvas: inout Canvas) {
        for p in points {
            guard let (c, r) = cell(p.x, p.y) else { continue }
            drawPoint(glyphs.marker(p.shape), column: c, row: r, size: size, style: p.style, on: &canvas)
            if !p.label.isEmpty {
                drawTag(
                    p.label, column: size == .large ? c + 1 : c, row: r, style: p.style, on: &canvas,
                    leftOf: size == .large ? c - 1 : c)
            }
        }
    }

    /// A row span already holding a label, which later labels keep off.
    typealias LabelSpan = (row: Int, from: Int, to: Int)

    /// Where `drawLabels` puts the labels of reference lines and vertical markers.
    func labelSpans(references: [ReferenceLine], markers: [VerticalMarker]) -> [LabelSpan] {
        var spans: [LabelSpan] = []
        for line in references where !line.label.isEmpty {
            guard let r = row(line.y) else { continue }
            spans.append((r, max(plot.x, plot.maxX - ColumnWidth.of(line.label) - 1), plot.maxX))
        }
        for m in markers where !m.label.isEmpty {
            guard let c = column(m.x) else { continue }
            let w = ColumnWidth.of(m.label)
            let start = c + 1 + w <= plot.maxX ? c + 1 : c - w
            spans.append((plot.y, start, start + w))
        }
        return spans
    }

    /// Arrows, each labelled on the row above it, or below when that row holds a label already.
    func drawArrows(_ arrows: [HorizontalArrow], taken: inout [LabelSpan], glyphs: GlyphSet, on canvas: inout Canvas) {
        for arrow in arrows {
            guard let r = row(arrow.y), let a = clampedColumn(arrow.from), let b = clampedColumn(arrow.to) else { continue }
            let head = arrow.to >= arrow.from ? glyphs.arrowRight : glyphs.arrowLeft
            if a != b {
                let step = b > a ? 1 : -1
                canvas.put(glyphs.markerLine, x: a, y: r, style: arrow.style, clip: plot)
                var x = a + step
                while x != b { canvas.put(glyphs.axisHorizontal, x: x, y: r, style: arrow.style, clip: plot); x += step }
            }
            canvas.put(head, x: b, y: r, style: arrow.style, clip: plot)
            guard !arrow.label.isEmpty else { continue }
            let w = min(ColumnWidth.of(arrow.label), plot.width)
            let start = min(max(plot.x, (a + b + 1) / 2 - w / 2), plot.maxX - w)
            let rows = [r - 1, r + 1].filter { $0 >= plot.y && $0 < plot.maxY }
            guard let labelRow = rows.first(where: { row in !PlotFrame.overlaps(taken, row, start, start + w) }) ?? rows.first
            else { continue }
            taken.append((labelRow, start, start + w))
            canvas.draw(
                Line(arrow.label, style: arrow.style), in: Rect(x: start, y: labelRow, width: w, height: 1),
                ellipsis: glyphs.ellipsis)
        }
    }

    /// The column of `x`, values beyond the range clamped to the edge; nil for NaN.
    func clampedColumn(_ x: Double) -> Int? {
        guard !x.isNaN, !plot.isEmpty else { return nil }
        return column(min(max(x, xMin), xMax))
    }

    /// The rows a curve band covers in column `c` (top, bottom), nil where a curve is undefined.
    func bandRows(_ band: CurveBand, column c: Int) -> (Int, Int)? {
        let perCell = marker.resolution.columns
        let sub = Double((c - plot.x) * perCell) + Double(perCell - 1) / 2
        let x = xMin + sub / Double(max(1, subWidth - 1)) * (xMax - xMin)
        guard let lo = interpolate(band.lower, at: x), let hi = interpolate(band.upper, at: x) else { return nil }
        let top = max(lo, hi), bottom = min(lo, hi)
        guard top >= yMin, bottom <= yMax else { return nil }
        guard let r0 = row(min(top, yMax)), let r1 = row(max(bottom, yMin)) else { return nil }
        return (r0, r1)
    }

    func drawCurveBands(_ bands: [CurveBand], glyphs: GlyphSet, on canvas: inout Canvas) {
        for band in bands {
            for c in plot.x..<plot.maxX {
                guard let (r0, r1) = bandRows(band, column: c) else { continue }
                for r in r0...r1 { canvas.put(glyphs.shade, x: c, y: r, style: band.style, clip: plot) }
            }
        }
    }

    /// Each curve band's label, centred on the column where the band is tallest.
    func drawCurveBandLabels(_ bands: [CurveBand], glyphs: GlyphSet, on canvas: inout Canvas) {
        for band in bands where !band.label.isEmpty {
            var best: (column: Int, top: Int, bottom: Int)? = nil
            for c in plot.x..<plot.maxX {
                guard let (r0, r1) = bandRows(band, column: c) else { continue }
                if best == nil || r1 - r0 > best!.bottom - best!.top { best = (c, r0, r1) }
            }
            guard let best else { continue }
            let w = min(ColumnWidth.of(band.label), plot.width)
            let start = min(max(plot.x, best.column - w / 2), plot.maxX - w)
            canvas.draw(
                Line(band.label, style: band.style), in: Rect(x: start, y: (best.top + best.bottom) / 2, width: w, height: 1),
                ellipsis: glyphs.ellipsis)
        }
    }

    /// Each labelled series' label beside its rightmost visible point: to the
    /// right when it fits, else to the left, moved up or down a row (up to two)
    /// rather than over another series' label.
    func drawDirectLabels(_ series: [PlotSeries], taken: inout [LabelSpan], glyphs: GlyphSet, on canvas: inout Canvas) {
        for s in series where !s.label.isEmpty {
            // The visible point in the rightmost column, the last such if several. Read from the
            // end, where a curve drawn left to right has it: a point left of the one held
            // (x ≤ its x) cannot be in a column further right, and ties go to the later point.
            var end: (c: Int, r: Int)? = nil
            var endX = -Double.infinity
            for p in s.points.reversed() where end == nil || p.x > endX {
                guard let (c, r) = cell(p.x, p.y) else { continue }
                if end == nil || c > end!.c { (end, endX) = ((c, r), p.x) }
            }
            guard let end else { continue }
            let w = ColumnWidth.of(s.label)
            let start = end.c + 1 + w <= plot.maxX ? end.c + 1 : max(plot.x, end.c - w)
            for dr in [0, -1, 1, -2, 2] {
                let r = end.r + dr
                guard r >= plot.y, r < plot.maxY else { continue }
                if PlotFrame.overlaps(taken, r, start, start + w) { continue }
                canvas.draw(
                    Line(s.label, style: s.style), in: Rect(x: start, y: r, width: min(w, plot.maxX - start), height: 1),
                    ellipsis: glyphs.ellipsis)
                taken.append((r, start, start + w))
                break
            }
        }
    }

    static func overlaps(_ spans: [LabelSpan], _ row: Int, _ from: Int, _ to: Int) -> Bool {
        spans.contains { $0.row == row && $0.from < to && from < $0.to }
    }
}
