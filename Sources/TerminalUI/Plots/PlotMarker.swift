/// How a plot turns data into characters: the sub-cell grid it draws on.
///
/// - `braille`: 2×4 dots per cell, U+2800 plus one bit per dot
///   (dot (0,0) is bit 0x01, (0,1) 0x02, (0,2) 0x04, (1,0) 0x08, (1,1) 0x10,
///   (1,2) 0x20, (0,3) 0x40, (1,3) 0x80).
/// - `block`: 1×2 per cell, ▀ ▄ █.
/// - `ascii`: one point per cell, drawn with the series' own glyph.
///
/// One cell has one colour: where two series fall into one cell, the later
/// series takes the whole cell (its dots only), so each series keeps a pattern
/// and a glyph of its own.
public enum PlotMarker: Hashable, Sendable {
    case braille, block, ascii

    /// Sub-cell points per cell, across and down (braille 2 × 4, block 1 × 2, ASCII 1 × 1).
    public var resolution: (columns: Int, rows: Int) { (1 << shifts.columns, 1 << shifts.rows) }

    /// log2 of `resolution`: a sub-cell point's cell is its coordinates shifted right by these.
    var shifts: (columns: Int, rows: Int) {
        switch self {
        case .braille: return (1, 2)
        case .block: return (0, 1)
        case .ascii: return (0, 0)
        }
    }

    /// The bit of dot (`column`, `row`) within its cell: braille's (`brailleBit`), ▀ 1 and ▄ 2 on
    /// the block grid, 1 on the ASCII grid (one point per cell).
    func bit(column: Int, row: Int) -> UInt8 {
        switch self {
        case .braille: return Self.brailleBit(column: column, row: row)
        case .block: return row == 0 ? 1 : 2
        case .ascii: return 1
        }
    }

    /// The braille bit for dot (`column` 0…1, `row` 0…3) of a cell.
    public static func brailleBit(column: Int, row: Int) -> UInt8 {
        switch (column, row) {
        case (0, 0): return 0x01
        case (0, 1): return 0x02
        case (0, 2): return 0x04
        case (1, 0): return 0x08
        case (1, 1): return 0x10
        case (1, 2): return 0x20
        case (0, 3): return 0x40
        case (1, 3): return 0x80
        default: return 0
        }
    }
}

/// The dash pattern of a plotted line, so that lines differ by more than colour.
///
/// Patterns count sub-cell points along the line: `dotted` draws every second
/// point; `dashed` draws 4 of every 6 braille dots (2 of every 3 points on the
/// coarser block and ASCII grids).
public enum LineStyle: Hashable, Sendable {
    case solid, dotted, dashed

    /// Whether the `step`-th point along a line is drawn on `marker`'s grid.
    public func draws(step: Int, marker: PlotMarker) -> Bool {
        let (period, on) = pattern(on: marker)
        return step % period < on
    }

    /// The pattern as its length and the points drawn at its start: the `step`-th point is drawn
    /// when `step mod period < on`.
    func pattern(on marker: PlotMarker) -> (period: Int, on: Int) {
        switch self {
        case .solid: return (1, 1)
        case .dotted: return (2, 1)
        case .dashed: return marker == .braille ? (6, 4) : (3, 2)
        }
    }
}
