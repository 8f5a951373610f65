/// A plot whose series are told apart by glyphs: what `SeriesMarkCheck`
/// needs to check that they are.
public protocol SeriesMarkedPlot: Widget {
    /// The labelled series in legend order, each with the glyph that marks it
    /// in the plot and in the legend (nil: the series has no glyph mark).
    var seriesMarks: [(label: String, mark: String?)] { get }
    /// The same plot with labelled series number `index` drawn with `shape`
    /// instead of its own (everything else, the layout included, unchanged),
    /// which tells which cells that series drew.
    func remarkingSeries(_ index: Int, with shape: MarkerShape) -> Self
    /// The cells where data is drawn in `area`.
    func dataArea(in area: Rect) -> Rect
}

/// Checks, cell by cell and with colour off, that every series of a plot can
/// be told apart by its mark alone.
///
/// For a plot rendered in a `width`×`height` canvas in the mono theme:
/// - every labelled series has a mark, different from every other series' mark
///   and from every braille pattern (which the line patterns use);
/// - the legend (the rows above the data) shows each mark;
/// - each mark appears in the data area at least once, and every cell holding
///   it was drawn by its series: redrawn with the series' glyph swapped for an
///   unused one, each such cell changes. A mark drawn by another series or by
///   a decoration (a highlighted point with the same glyph) is reported.
///
/// A mark that sits inside a word (a letter or digit beside it, other than
/// the mark itself) is read as part of the word, not as a mark, and is not
/// counted: `o` in the label "cos" is text.
///
/// Returns a sentence per problem; none means the marks are distinct. Meant
/// for tests: every plot of the app can be checked with it.
public enum SeriesMarkCheck {
    public static func problems<P: SeriesMarkedPlot>(_ plot: P, width: Int, height: Int) -> [String] {
        var problems: [String] = []
        let marks = plot.seriesMarks
        var full = Canvas(width: width, height: height)
        plot.render(in: full.bounds, on: &full)
        full.apply(.mono)
        let data = plot.dataArea(in: full.bounds)
        let legendText = (0..<max(0, data.y)).map { full.line($0) }.joined(separator: "\n")
        for (i, entry) in marks.enumerated() {
            guard let mark = entry.mark, !mark.isEmpty else {
                problems.append("series '\(entry.label)' has no mark (give it a glyph, e.g. markEvery)")
                continue
            }
            if mark.unicodeScalars.contains(where: { (0x2800...0x28FF).contains($0.value) }) {
                problems.append("series '\(entry.label)' is marked with a braille pattern '\(mark)'")
            }
            for (j, other) in marks.enumerated() where j < i && other.mark == mark {
                problems.append("series '\(entry.label)' and '\(other.label)' share the mark '\(mark)'")
            }
            if !legendText.contains(mark) {
                problems.append("the legend does not show the mark '\(mark)' of '\(entry.label)'")
            }
            let used = Set((0..<height).flatMap { y in (0..<width).map { full[$0, y].text } })
            guard
                let spare = MarkerShape.allCases.first(where: { shape in
                    let g = plot.remarkingSeries(i, with: shape).seriesMarks[i].mark ?? mark
                    return g != mark && !used.contains(g)
                })
            else {
                problems.append("no unused glyph is left to check the mark of '\(entry.label)'")
                continue
            }
            let swapped = plot.remarkingSeries(i, with: spare)
            let spareGlyph = swapped.seriesMarks[i].mark ?? ""
            var other = Canvas(width: width, height: height)
            swapped.render(in: other.bounds, on: &other)
            var shown = 0
            for y in data.y..<data.maxY {
                for x in data.x..<data.maxX where isMark(mark, x: x, y: y, in: full) {
                    if other[x, y].text == spareGlyph {
                        shown += 1
                    } else {
                        problems.append("the mark '\(mark)' of '\(entry.label)' at column \(x), row \(y) is not on that series")
                    }
                }
            }
            if shown == 0 {
                problems.append("the mark '\(mark)' of '\(entry.label)' appears nowhere on its series")
            }
        }
        return problems
    }

    /// Whether cell (`x`, `y`) holds `mark` standing alone, not inside a word.
    static func isMark(_ mark: String, x: Int, y: Int, in canvas: Canvas) -> Bool {
        guard canvas[x, y].text == mark else { return false }
        for nx in [x - 1, x + 1] where nx >= 0 && nx < canvas.width {
            let t = canvas[nx, y].text
            if t != mark, let c = t.first, c.isLetter || c.isNumber { return false }
        }
        return true
    }
}

extension LinePlot: SeriesMarkedPlot {
    /// A labelled series' mark: its glyph when it is drawn as points, as a line
    /// on the ASCII grid, or along a line (`markEvery`); else none.
    public var seriesMarks: [(label: String, mark: String?)] {
        series.filter { !$0.label.isEmpty }.map { s in
            let glyph = glyphs.marker(s.shape)
            let marked = s.kind == .points || marker == .ascii || s.markEvery > 0
            return (s.label, marked ? glyph : nil)
        }
    }

    public func remarkingSeries(_ index: Int, with shape: MarkerShape) -> LinePlot {
        var copy = self
        let labelled = series.indices.filter { !series[$0].label.isEmpty }
        if index < labelled.count { copy.series[labelled[index]].shape = shape }
        return copy
    }
}

extension ScatterPlot: SeriesMarkedPlot {
    /// The labelled categories' glyphs, then the labelled lines' marks.
    public var seriesMarks: [(label: String, mark: String?)] {
        categories.filter { !$0.label.isEmpty }.map { ($0.label, glyphs.marker($0.shape)) }
            + lines.filter { !$0.label.isEmpty }.map { s in
                (s.label, marker == .ascii || s.markEvery > 0 ? glyphs.marker(s.shape) : nil)
            }
    }

    public func remarkingSeries(_ index: Int, with shape: MarkerShape) -> ScatterPlot {
        var copy = self
        let kept = categories.indices.filter { !categories[$0].label.isEmpty }
        let keptLines = lines.indices.filter { !lines[$0].label.isEmpty }
        if index < kept.count {
            copy.categories[kept[index]].shape = shape
        } else if index - kept.count < keptLines.count {
            copy.lines[keptLines[index - kept.count]].shape = shape
        }
        return copy
    }

    public func dataArea(in area: Rect) -> Rect {
        guard !area.isEmpty else { return .zero }
        let items = showsLegend ? legendItems : []
        return PlotFrame(area: area, axes: axes, marker: marker, legend: !items.isEmpty, glyphs: glyphs).plot
    }
}

extension Histogram: SeriesMarkedPlot {
    /// The labelled series' fill glyphs.
    public var seriesMarks: [(label: String, mark: String?)] {
        series.indices.filter { !series[$0].label.isEmpty }.map { (series[$0].label, fill($0)) }
    }

    public func remarkingSeries(_ index: Int, with shape: MarkerShape) -> Histogram {
        var copy = self
        let labelled = series.indices.filter { !series[$0].label.isEmpty }
        if index < labelled.count { copy.series[labelled[index]].fill = glyphs.marker(shape) }
        return copy
    }
}
