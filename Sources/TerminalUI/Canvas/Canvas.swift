#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A grid of cells that widgets draw into; backends copy it to the terminal.
///
/// The whole frame is drawn every time; `changes(from:)` gives the cells that
/// differ from the previous frame, which is all a backend writes. Drawing
/// outside the canvas, or outside the `clip` rectangle, is silently dropped, so
/// a widget given a tiny area never traps.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
    }

    /// Sets one cell, keeping double-width pairs consistent.
    public mutating func set(x: Int, y: Int, _ cell: Cell, clip: Rect? = nil) {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard area.contains(x: x, y: y) else { return }
        if cell.width == 2 && !area.contains(x: x + 1, y: y) {
            // A wide character that does not fit is shown as a narrow blank.
            write(x: x, y: y, Cell(" ", style: cell.style))
            return
        }
        write(x: x, y: y, cell)
        if cell.width == 2 {
            var continuation = Cell.continuation
            continuation.style = cell.style
            write(x: x + 1, y: y, continuation)
        }
    }

    private mutating func write(x: Int, y: Int, _ cell: Cell) {
        let i = y * width + x
        let old = cells[i]
        // Overwriting half of a wide pair blanks the other half.
        if old.width == 2 && cell.width != 2 && x + 1 < width && cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        if old.isContinuation && x > 0 && cells[i - 1].width == 2 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        cells[i] = cell
    }

    /// Writes `text` from column `x` on row `y`, one grapheme per cell (two for
    /// wide ones), and returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        var cx = x
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        // Scalar by scalar: a zero-width scalar (a combining mark) joins the cell
        // written just before it; everything else starts a cell of its own.
        var lastWritten: Int?
        let rowInside = y >= area.y && y < area.maxY
        for scalar in text.unicodeScalars {
            let w = ColumnWidth.of(scalar: scalar)
            if w == 0 {
                if let i = lastWritten { cells[i].combine(scalar) }
                continue
            }
            if cx >= area.maxX { break }
            let i = y * width + cx
            if w == 1 && rowInside && cx >= area.x && cells[i].width == 1 {
                // The common case: a narrow character over a narrow one, no wide pair to mend.
                cells[i] = Cell(scalar: scalar, style: style, width: 1)
                lastWritten = i
            } else {
                set(x: cx, y: y, Cell(scalar: scalar, style: style, width: UInt8(w)), clip: area)
                lastWritten = area.contains(x: cx, y: y) && (w == 1 || area.contains(x: cx + 1, y: y)) ? i : nil
            }
            cx += w
        }
        return cx
    }

    /// `put(String(scalar), …)` without the string: one scalar from column `x` on row `y`.
    @discardableResult
    mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, style: Style, clip: Rect) -> Int {
        let area = clip.intersection(bounds)
        let w = ColumnWidth.of(scalar: scalar)
        guard w > 0, x < area.maxX else { return x }
        let i = y * width + x
        if w == 1 && y >= area.y && y < area.maxY && x >= area.x && cells[i].width == 1 {
            cells[i] = Cell(scalar: scalar, style: style, width: 1)
        } else {
            set(x: x, y: y, Cell(scalar: scalar, style: style, width: UInt8(w)), clip: area)
        }
        return x + w
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY {
            for xx in r.x..<r.maxX { set(x: xx, y: yy, cell) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY {
            for xx in r.x..<r.maxX { cells[yy * width + xx].style = transform(cells[yy * width + xx].style) }
        }
    }

    /// Redraws every cell's style in `palette`'s theme (`Palette.resolve(_:)`),
    /// once the frame is drawn and before a backend shows it.
    ///
    /// The dark theme is the styles themselves, so it costs nothing; otherwise
    /// runs of equal styles (most of a frame) are resolved once.
    public mutating func apply(_ palette: Palette) {
        guard !palette.isIdentity else { return }
        var last: (Style, Style)? = nil
        for i in cells.indices {
            let style = cells[i].style
            if let (from, to) = last, from == style {
                cells[i].style = to
            } else {
                let resolved = palette.resolve(style)
                last = (style, resolved)
                cells[i].style = resolved
            }
        }
    }

    /// The text of row `y`, continuation cells skipped, trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for xx in 0..<width {
            let c = cells[y * width + xx]
            if !c.isContinuation { s += c.text }
        }
        return s
    }

    /// Every row as text with trailing spaces removed: what snapshots compare.
    public var lines: [String] {
        (0..<height).map { y in
            var l = line(y)
            while l.last == " " { l.removeLast() }
            return l
        }
    }

    /// The rows joined by newlines, trailing spaces removed.
    public var text: String { lines.joined(separator: "\n") }

    /// A run of changed cells on one row, to be written in one go.
    public struct Change: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    /// The runs of cells that differ from `previous` (everything when the
    /// sizes differ), row by row, left to right.
    public func changes(from previous: Canvas?) -> [Change] {
        guard let previous, previous.width == width, previous.height == height else {
            // Everything: each row is one run.
            guard width > 0 else { return [] }
            return (0..<height).map { yy in Change(x: 0, y: yy, cells: Array(cells[yy * width..<(yy + 1) * width])) }
        }
        guard width > 0, height > 0 else { return [] }
        var result: [Change] = []
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                for yy in 0..<height {
                    let row = yy * width
                    // Most rows of a redraw are unchanged: one memcmp tells, when equal bytes are equal cells.
                    if Cell.isBitwiseComparable,
                        memcmp(now.baseAddress! + row, before.baseAddress! + row, width * MemoryLayout<Cell>.stride) == 0
                    {
                        continue
                    }
                    var xx = 0
                    while xx < width {
                        if Cell.same(now[row + xx], before[row + xx]) {
                            xx += 1
                            continue
                        }
                        // A changed continuation cell is redrawn from its wide head.
                        let start = now[row + xx].isContinuation && xx > 0 ? xx - 1 : xx
                        var end = xx + 1
                        while end < width && !Cell.same(now[row + end], before[row + end]) { end += 1 }
                        result.append(Change(x: start, y: yy, cells: Array(now[row + start..<row + end])))
                        xx = end
                    }
                }
            }
        }
        return result
    }
}
