import TerminalUI

/// The help overlay: generated from the key table, so it cannot drift from what the keys do.
enum HelpOverlay {
    static func render(in screen: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let state = context.state
        let glyphs = context.glyphs
        let bindings = KeyTable.bindings(on: state.screen)
        let entries: [(String, String)] = bindings.map { b in
            let keys = b.keys.map { glyphs.isUnicode ? $0.name : $0.asciiName }.joined(separator: " ")
            return (keys, ScreenParts.spell(b.help, glyphs))
        }
        let notes = [
            "Mouse: click a value to select it; drag a slider or the circle to set it.",
            "BD-LMCL rule (our reading of Li et al. 2019): a sample gets m when",
            "its target is beaten by a rival after the margin but is in the top k.",
        ]
        let keyWidth = min(10, entries.map { ColumnWidth.of($0.0) }.max() ?? 0)
        let helpWidth = entries.map { ColumnWidth.of($0.1) }.max() ?? 0
        let rowsForKeys = max(1, screen.height - 2 - notes.count - 1)
        let columns = entries.count > rowsForKeys || screen.width >= 100 ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let colWidth = min(keyWidth + 1 + helpWidth, (screen.width - 4 - (columns - 1) * 2) / columns)
        let innerHeight = perColumn + 1 + notes.count
        let boxWidth = min(screen.width, max(colWidth * columns + 2 + (columns - 1) * 2, (notes.map { ColumnWidth.of($0) }.max() ?? 0) + 2))
        let boxHeight = min(screen.height, innerHeight + 2)
        let box = Rect(x: screen.x + (screen.width - boxWidth) / 2, y: screen.y + (screen.height - boxHeight) / 2,
                       width: boxWidth, height: boxHeight)
        canvas.fill(box)
        Block(title: Line("Help: \(state.screen.title) (any key closes)", style: Theme.title), highlighted: true, glyphs: glyphs)
            .render(in: box, on: &canvas)
        let inner = box.inset(by: 1)
        for (i, entry) in entries.enumerated() {
            let col = i / perColumn, row = i % perColumn
            let x = inner.x + col * (colWidth + 2)
            let y = inner.y + row
            guard y < inner.maxY else { continue }
            let cell = Rect(x: x, y: y, width: colWidth, height: 1).intersection(inner)
            canvas.put(entry.0, x: x, y: y, style: Theme.label, clip: cell)
            canvas.put(entry.1, x: x + keyWidth + 1, y: y, clip: cell)
        }
        for (i, note) in notes.enumerated() {
            let y = inner.y + perColumn + 1 + i
            guard y < inner.maxY else { continue }
            canvas.put(note, x: inner.x, y: y, style: Theme.dim, clip: inner)
        }
    }
}

/// The prompt for typing an exact value, and the state-string box, as TerminalUI popups.
enum EntryOverlay {
    static func render(field: Field, text: String, in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        let state = context.state
        let name = ExplorerState.name(of: field, angle: state.inputMode == .angle).replacingOccurrences(of: "θ", with: context.glyphs.theta)
        let (lo, hi, unit) = state.accepted(for: field)
        let lines: [Line] = [
            Line("\(name) (\(ExplorerState.short(lo))\(unit) to \(ExplorerState.short(hi))\(unit)):"),
            Line("> \(text)_"),
            "Enter sets it, Esc cancels",
        ]
        Popup(title: "Type a value", lines: lines, glyphs: context.glyphs).render(in: screen, on: &canvas)
    }

    static func renderStateString(in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        // The string has no spaces, so the popup breaks it between characters at the box's width.
        let lines: [Line] = [
            "Reproduce this screen with marginscope --state '<string>':",
            Line(StateString.encode(context.state)),
            "(one line; it is printed again when you quit, for copying)",
        ]
        let width = max(20, min(screen.width - 4, 76))
        Popup(title: "State string", lines: lines, width: width, glyphs: context.glyphs).render(in: screen, on: &canvas)
    }
}
