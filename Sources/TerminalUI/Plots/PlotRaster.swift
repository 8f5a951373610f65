/// A sub-cell drawing surface for plots: sets dots, rasterises lines, and
/// turns each cell into one character in the style of the series that owns it.
struct PlotRaster {
    struct CellState {
        var owner: Int
        var bits: UInt8
        var style: Style
        var glyph: String
    }

    let width: Int
    let height: Int
    let marker: PlotMarker
    private(set) var cells: [CellState?]

    init(width: Int, height: Int, marker: PlotMarker) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.marker = marker
        self.cells = Array(repeating: nil, count: self.width * self.height)
    }

    var subWidth: Int { width * marker.resolution.columns }
    var subHeight: Int { height * marker.resolution.rows }

    /// Sets sub-cell point (`px`, `py`) for series `owner`. A cell taken by a
    /// different series is cleared first: the later series wins the cell.
    mutating func setDot(_ px: Int, _ py: Int, owner: Int, style: Style, glyph: String) {
        guard px >= 0, py >= 0, px < subWidth, py < subHeight else { return }
        let (sx, sy) = marker.resolution
        let i = (py / sy) * width + px / sx
        var bit: UInt8
        switch marker {
        case .braille: bit = PlotMarker.brailleBit(column: px % sx, row: py % sy)
        case .block: bit = py % 2 == 0 ? 1 : 2
        case .ascii: bit = 1
        }
        if var c = cells[i], c.owner == owner {
            c.bits |= bit
            cells[i] = c
        } else {
            cells[i] = CellState(owner: owner, bits: bit, style: style, glyph: glyph)
        }
    }

    /// Draws the segment between two sub-cell points given as real numbers,
    /// clipped to the grid first (so huge coordinates cost nothing), with the
    /// dash pattern counted by `step`, which carries over from segment to segment.
    mutating func drawSegment(
        from a: (Double, Double), to b: (Double, Double),
        owner: Int, style: Style, glyph: String, lineStyle: LineStyle, step: inout Int,
        skipFirst: Bool = false
    ) {
        guard a.0.isFinite, a.1.isFinite, b.0.isFinite, b.1.isFinite, subWidth > 0, subHeight > 0 else { return }
        guard let (p, q, clippedStart) = clip(a, b) else { return }
        // The first point of a joined segment was drawn by the one before.
        var skip = skipFirst && !clippedStart
        var x0 = Int(p.0.rounded()), y0 = Int(p.1.rounded())
        let x1 = Int(q.0.rounded()), y1 = Int(q.1.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            if skip {
                skip = false
            } else {
                if lineStyle.draws(step: step, marker: marker) {
                    setDot(x0, y0, owner: owner, style: style, glyph: glyph)
                }
                step += 1
            }
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += stepX }
            if e2 <= dx { error += dx; y0 += stepY }
        }
    }

    /// Liang–Barsky clipping to the grid, widened by half a point so points
    /// on the edge round onto it.
    private func clip(_ a: (Double, Double), _ b: (Double, Double)) -> ((Double, Double), (Double, Double), Bool)? {
        let xmin = -0.4999, ymin = -0.4999
        let xmax = Double(subWidth) - 0.5001, ymax = Double(subHeight) - 0.5001
        let dx = b.0 - a.0, dy = b.1 - a.1
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.0 - xmin), (dx, xmax - a.0), (-dy, a.1 - ymin), (dy, ymax - a.1)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } }
                else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        guard t0.isFinite, t1.isFinite else { return nil }
        return ((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy), t0 > 0)
    }

    /// The character and style of cell (`column`, `row`), or nil when empty.
    func cell(column: Int, row: Int) -> (text: String, style: Style)? {
        guard column >= 0, row >= 0, column < width, row < height, let c = cells[row * width + column] else { return nil }
        switch marker {
        case .braille:
            return (String(Character(Unicode.Scalar(0x2800 + UInt32(c.bits))!)), c.style)
        case .block:
            return (c.bits == 1 ? "▀" : c.bits == 2 ? "▄" : "█", c.style)
        case .ascii:
            return (c.glyph, c.style)
        }
    }
}
