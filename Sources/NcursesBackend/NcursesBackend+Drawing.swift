import CNcurses
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension NcursesBackend {
    /// Shows `canvas`, writing only the runs of cells that changed since the
    /// previous frame.
    ///
    /// The first frame, a frame of another size and the first frame after a
    /// resize are written whole, over an erased screen. Nothing is cleared
    /// per frame (`clear` makes the terminal flash); ncurses' own update
    /// (`wnoutrefresh` + `doupdate`) then sends only what differs on screen.
    /// Continuation cells of wide characters are skipped: ncurses fills them.
    /// Cells outside the terminal are dropped.
    public func draw(_ canvas: Canvas) {
        guard !stopped else { return }
        let (width, height) = size
        let full = previous == nil || previous!.width != canvas.width || previous!.height != canvas.height
        if full { werase(window) }
        var run: [cchar_t] = []
        for change in canvas.changes(from: full ? nil : previous) where change.y < height && change.x < width {
            run.removeAll(keepingCapacity: true)
            var column = change.x
            for cell in change.cells where !cell.isContinuation {
                let cellWidth = max(1, Int(cell.width))
                if column + cellWidth > width { break }
                appendGlyphs(of: cell, to: &run)
                column += cellWidth
            }
            guard !run.isEmpty else { continue }
            // wadd_wchnstr neither moves the cursor nor wraps, so the bottom-right
            // cell can be written without scrolling the screen.
            if wmove(window, Int32(change.y), Int32(change.x)) != ERR {
                wadd_wchnstr(window, run, Int32(run.count))
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = canvas
    }

    /// Forgets the last frame so the next `draw` writes everything (after a resize).
    func invalidate() {
        previous = nil
    }

    /// Appends the ncurses cells that show `cell`, keeping the canvas's column
    /// count even where the C library disagrees about a character's width.
    ///
    /// The canvas decides widths itself (`ColumnWidth`); if `wcwidth` in the
    /// current locale says otherwise (a narrow character ncurses thinks is
    /// wide, or any non-ASCII character in a non-UTF-8 locale), the character
    /// is replaced by `?` (plus a blank for a wide cell) so that the rest of
    /// the row stays in its columns.
    private func appendGlyphs(of cell: Cell, to run: inout [cchar_t]) {
        let attributes = self.attributes(for: cell.style)
        let pair = colorPairs.pair(for: cell.style)
        let scalars = Array(cell.text.unicodeScalars)
        let cellWidth = max(1, Int(cell.width))
        var characters: [wchar_t] = []
        if let first = scalars.first, Int(ms_wcwidth(wchar_t(bitPattern: first.value))) == cellWidth {
            characters.append(wchar_t(bitPattern: first.value))
            // Combining marks ride on the first character, up to ncurses' limit.
            for scalar in scalars.dropFirst() where characters.count < Int(CCHARW_MAX) - 1 {
                if ms_wcwidth(wchar_t(bitPattern: scalar.value)) == 0 {
                    characters.append(wchar_t(bitPattern: scalar.value))
                }
            }
            run.append(makeCell(characters, attributes, pair))
        } else if scalars.isEmpty || cell.text == " " {
            for _ in 0..<cellWidth { run.append(makeCell([0x20], attributes, pair)) }
        } else {
            run.append(makeCell([0x3F], attributes, pair))  // "?"
            for _ in 1..<max(1, cellWidth) { run.append(makeCell([0x20], attributes, pair)) }
        }
    }

    private func makeCell(_ characters: [wchar_t], _ attributes: attr_t, _ pair: Int16) -> cchar_t {
        var result = cchar_t()
        var text = characters
        text.append(0)
        if setcchar(&result, text, attributes, pair, nil) == ERR {
            _ = setcchar(&result, [0x3F, 0], attributes, pair, nil)
        }
        return result
    }

    /// The ncurses attributes of `style`; colours are handled by `ColorPairs`.
    private func attributes(for style: Style) -> attr_t {
        var result = ms_attr_normal()
        if style.bold { result |= ms_attr_bold() }
        if style.reverse { result |= ms_attr_reverse() }
        if style.underline { result |= ms_attr_underline() }
        if style.dim { result |= ms_attr_dim() }
        return result
    }
}

/// Colour pairs allocated as styles need them: one per (foreground,
/// background) combination, the terminal's own colours written as -1.
///
/// Pair 0 is the terminal default. Without colour every style maps to it and
/// only the attributes remain (bold, reverse, underline, dim). When the
/// terminal runs out of pairs (64 on an 8-colour xterm; 81 combinations are
/// possible), further combinations fall back to pair 0.
struct ColorPairs {
    let enabled: Bool
    /// The terminal accepts -1 for "its own colour" (`use_default_colors`).
    let defaultColors: Bool
    /// `COLOR_PAIRS`: pairs 1..<limit can be allocated.
    let limit: Int
    private var pairs: [Key: Int16] = [:]

    private struct Key: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(enabled: Bool, defaultColors: Bool, limit: Int) {
        self.enabled = enabled
        self.defaultColors = defaultColors
        self.limit = min(limit, Int(Int16.max))
    }

    mutating func pair(for style: Style) -> Int16 {
        guard enabled, style.foreground != nil || style.background != nil else { return 0 }
        // Without default colours, "the terminal's own" becomes white on black.
        let key = Key(
            foreground: style.foreground.map { Int16($0.rawValue) } ?? (defaultColors ? -1 : Int16(COLOR_WHITE)),
            background: style.background.map { Int16($0.rawValue) } ?? (defaultColors ? -1 : Int16(COLOR_BLACK))
        )
        if let existing = pairs[key] { return existing }
        let next = pairs.count + 1
        guard next < limit, init_pair(Int16(next), key.foreground, key.background) != ERR else { return 0 }
        pairs[key] = Int16(next)
        return Int16(next)
    }
}
