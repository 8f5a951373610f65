/// A sub-cell drawing surface for plots: sets dots, rasterises lines, and
/// turns each cell into one character in the style of the series that owns it.
struct PlotRaster {
    /// One cell: the series that owns it (`owner` -1 when empty), its sub-cell dots and its style.
    /// Plain data (no string), so that setting dots copies no reference.
    struct CellState {
        var owner: Int32
        var bits: UInt8
        var style: Style

        static let empty = CellState(owner: -1, bits: 0, style: .plain)
    }

    let width: Int
    let height: Int
    let marker: PlotMarker
    private(set) var cells: [CellState]
    /// Each owner's glyph, by owner number, from its first dot: a series draws with one glyph.
    private var glyphs: [String?] = []

    init(width: Int, height: Int, marker: PlotMarker) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.marker = marker
        self.cells = Array(repeating: .empty, count: self.width * self.height)
    }

    var subWidth: Int { width * marker.resolution.columns }
    var subHeight: Int { height * marker.resolution.rows }

    /// Sets sub-cell point (`px`, `py`) for series `owner` (0 or more), which always draws with
    /// the same `style` and `glyph`. A cell taken by a different series is cleared first: the
    /// later series wins the cell.
    mutating func setDot(_ px: Int, _ py: Int, owner: Int, style: Style, glyph: String) {
        guard px >= 0, py >= 0, px < subWidth, py < subHeight else { return }
        put(px, py, pen: Pen(marker: marker, lineStyle: .solid, owner: owner), style: style, glyph: glyph)
    }

    /// `setDot` for a point known to be on the grid, with what the dot needs worked out in `pen`.
    @inline(__always)
    private mutating func put(_ px: Int, _ py: Int, pen: Pen, style: Style, glyph: String) {
        let i = (py >> pen.rowShift) * width + px >> pen.columnShift
        let column = px & ((1 << pen.columnShift) - 1), row = py & ((1 << pen.rowShift) - 1)
        let bit = UInt8(truncatingIfNeeded: pen.bits >> ((column << 2 | row) << 3))
        if cells[i].owner == pen.owner {
            cells[i].bits |= bit
        } else {
            claim(i, owner: pen.owner, bit: bit, style: style, glyph: glyph)
        }
    }

    /// Gives cell `i` to series `owner` with the one dot `bit` (the later series wins the cell).
    /// Out of line: most dots fall in a cell their series already holds.
    @inline(never)
    private mutating func claim(_ i: Int, owner: Int32, bit: UInt8, style: Style, glyph: String) {
        cells[i] = CellState(owner: owner, bits: bit, style: style)
        let owner = Int(owner)
        if owner >= glyphs.count { glyphs += repeatElement(nil, count: owner + 1 - glyphs.count) }
        if glyphs[owner] == nil { glyphs[owner] = glyph }
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
        let pen = Pen(marker: marker, lineStyle: lineStyle, owner: owner)
        var phase = step % pen.period
        // The first point of a joined segment was drawn by the one before.
        line(
            from: (nearestInteger(p.0), nearestInteger(p.1)), to: (nearestInteger(q.0), nearestInteger(q.1)),
            skipFirst: skipFirst && !clippedStart, pen: pen, style: style, glyph: glyph, step: &step, phase: &phase)
    }

    /// Draws the polyline through the sub-cell points `points` for series `owner`: the very dots
    /// `drawSegment` draws for each pair of consecutive finite points, with `step` carried along
    /// the whole line and each joint drawn once; a non-finite point breaks the line.
    ///
    /// A segment inside the grid (nearly every one) takes a shorter path than `drawSegment`: no
    /// clipping, each point rounded once (the end of one segment is the start of the next), and
    /// the dot's cell and bit and the dash pattern worked out without a switch per dot.
    mutating func drawPolyline(
        _ points: [(Double, Double)], owner: Int, style: Style, glyph: String, lineStyle: LineStyle, step: inout Int
    ) {
        guard subWidth > 0, subHeight > 0 else { return }
        let pen = Pen(marker: marker, lineStyle: lineStyle, owner: owner)
        let xmin = -0.4999, ymin = -0.4999
        let xmax = Double(subWidth) - 0.5001, ymax = Double(subHeight) - 0.5001
        var phase = step % pen.period
        // The previous point, and its rounding when it lies inside the grid.
        var previous: (Double, Double)? = nil
        var previousInside: (x: Int, y: Int)? = nil
        for point in points {
            guard point.0.isFinite, point.1.isFinite else {
                previous = nil
                previousInside = nil
                continue
            }
            let inside = point.0 >= xmin && point.0 <= xmax && point.1 >= ymin && point.1 <= ymax
            if inside, previous == nil || previousInside != nil {
                let x1 = nearestInteger(point.0), y1 = nearestInteger(point.1)
                let start = previousInside ?? (x1, y1)
                line(
                    from: start, to: (x1, y1), skipFirst: previousInside != nil, pen: pen, style: style, glyph: glyph, step: &step,
                    phase: &phase)
                previousInside = (x1, y1)
            } else {
                drawSegment(
                    from: previous ?? point, to: point, owner: owner, style: style, glyph: glyph,
                    lineStyle: lineStyle, step: &step, skipFirst: previous != nil)
                phase = step % pen.period
                previousInside = inside ? (nearestInteger(point.0), nearestInteger(point.1)) : nil
            }
            previous = point
        }
    }

    /// What a dot of a line needs, worked out once per line: its cell and bit from the marker's
    /// resolution and `PlotMarker.bit(column:row:)`, and the line style's dash pattern.
    private struct Pen {
        /// log2 of the marker's dots per cell across and down.
        let columnShift: Int, rowShift: Int
        /// The bit of dot (c, r) of a cell is byte `c·4 + r` of this.
        let bits: UInt64
        /// The dash pattern (`LineStyle.pattern(on:)`): dot number `step` is drawn when `step mod period < on`.
        let period: Int, on: Int
        let owner: Int32

        init(marker: PlotMarker, lineStyle: LineStyle, owner: Int) {
            (columnShift, rowShift) = marker.shifts
            var bits: UInt64 = 0
            for column in 0..<(1 << columnShift) {
                for row in 0..<(1 << rowShift) { bits |= UInt64(marker.bit(column: column, row: row)) << ((column << 2 | row) << 3) }
            }
            self.bits = bits
            (period, on) = lineStyle.pattern(on: marker)
            self.owner = Int32(truncatingIfNeeded: owner)
        }
    }

    /// The Bresenham walk between two dots of the grid, with `pen`; `phase` is `step mod pen.period`.
    private mutating func line(
        from a: (x: Int, y: Int), to b: (x: Int, y: Int), skipFirst: Bool, pen: Pen, style: Style, glyph: String,
        step: inout Int, phase: inout Int
    ) {
        var skip = skipFirst
        var (x0, y0) = a
        let dx = abs(b.x - x0), dy = -abs(b.y - y0)
        let stepX = x0 < b.x ? 1 : -1, stepY = y0 < b.y ? 1 : -1
        var error = dx + dy
        while true {
            if skip {
                skip = false
            } else {
                if phase < pen.on { put(x0, y0, pen: pen, style: style, glyph: glyph) }
                step += 1
                phase += 1
                if phase == pen.period { phase = 0 }
            }
            if x0 == b.x && y0 == b.y { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += stepX }
            if e2 <= dx { error += dx; y0 += stepY }
        }
    }

    /// Cohen–Sutherland clipping to the grid, widened by half a point so
    /// points on the edge round onto it.
    ///
    /// Each cut sets the crossed coordinate exactly and moves the other by
    /// the ratio `(edge − x0)/(x1 − x0)`, which stays accurate for segments
    /// from −1e300 to 1e300 (a parametric clip loses the visible part there).
    /// Returns the clipped ends and whether the start was moved.
    private func clip(_ a: (Double, Double), _ b: (Double, Double)) -> ((Double, Double), (Double, Double), Bool)? {
        let xmin = -0.4999, ymin = -0.4999
        let xmax = Double(subWidth) - 0.5001, ymax = Double(subHeight) - 0.5001
        func code(_ p: (Double, Double)) -> Int {
            (p.0 < xmin ? 1 : 0) | (p.0 > xmax ? 2 : 0) | (p.1 < ymin ? 4 : 0) | (p.1 > ymax ? 8 : 0)
        }
        var p = a, q = b
        var movedStart = false
        for _ in 0..<8 {
            let cp = code(p), cq = code(q)
            if cp | cq == 0 { break }
            if cp & cq != 0 { return nil }
            let outside = cp != 0 ? cp : cq
            let (from, to) = cp != 0 ? (p, q) : (q, p)
            var cut: (Double, Double)
            if outside & 1 != 0 {
                cut = (xmin, from.1 + (to.1 - from.1) * ((xmin - from.0) / (to.0 - from.0)))
            } else if outside & 2 != 0 {
                cut = (xmax, from.1 + (to.1 - from.1) * ((xmax - from.0) / (to.0 - from.0)))
            } else if outside & 4 != 0 {
                cut = (from.0 + (to.0 - from.0) * ((ymin - from.1) / (to.1 - from.1)), ymin)
            } else {
                cut = (from.0 + (to.0 - from.0) * ((ymax - from.1) / (to.1 - from.1)), ymax)
            }
            guard cut.0.isFinite, cut.1.isFinite else { return nil }
            if cp != 0 { p = cut; movedStart = true } else { q = cut }
        }
        guard code(p) | code(q) == 0 else { return nil }
        return (p, q, movedStart)
    }

    /// The character and style of cell (`column`, `row`), or nil when empty.
    func cell(column: Int, row: Int) -> (text: String, style: Style)? {
        guard column >= 0, row >= 0, column < width, row < height else { return nil }
        let c = cells[row * width + column]
        guard c.owner >= 0 else { return nil }
        if let scalar = Self.scalar(marker, bits: c.bits) { return (String(Character(scalar)), c.style) }
        return (glyphs[Int(c.owner)] ?? "", c.style)
    }

    /// The one scalar that shows a braille or block cell with these dots; nil on the ASCII grid,
    /// where a cell shows its owner's glyph.
    static func scalar(_ marker: PlotMarker, bits: UInt8) -> Unicode.Scalar? {
        switch marker {
        case .braille: return Unicode.Scalar(0x2800 + UInt32(bits))
        case .block: return bits == 1 ? "▀" : bits == 2 ? "▄" : "█"
        case .ascii: return nil
        }
    }

    /// Calls `body` with the column, row, scalar (braille and block) or glyph (ASCII) and style of
    /// every cell that is not empty, row by row.
    func forEachCell(_ body: (Int, Int, Unicode.Scalar?, String, Style) -> Void) {
        for r in 0..<height {
            for c in 0..<width {
                let cell = cells[r * width + c]
                guard cell.owner >= 0 else { continue }
                if let scalar = Self.scalar(marker, bits: cell.bits) {
                    body(c, r, scalar, "", cell.style)
                } else {
                    body(c, r, nil, glyphs[Int(cell.owner)] ?? "", cell.style)
                }
            }
        }
    }
}

/// `Int(x.rounded())` (half away from zero) without the C library's `round`, for |x| < 2^52:
/// x − trunc(x) is exact in binary, so comparing it with ½ decides as `round` does (the sign
/// of a zero, which `round` keeps, is lost in the conversion to `Int` either way).
@inline(__always)
func nearestInteger(_ x: Double) -> Int {
    guard x.magnitude < 0x1p52 else { return Int(x.rounded()) }
    let t = Int(x)
    let f = x - Double(t)
    // Two flags added, not a choice between three results: a plotted line's coordinates fall
    // either side of ½ at random, and the branches this was mispredicted a third of the time.
    let up = f >= 0.5 ? 1 : 0
    let down = f <= -0.5 ? 1 : 0
    return t + up - down
}
