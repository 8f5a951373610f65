import TerminalUI

/// The help overlay: generated from the key table, so it cannot drift from what the keys do,
/// with the glossary of the screen's symbols beside it when the terminal is wide enough,
/// else on a second page (`?` again).
enum HelpOverlay {
    /// From this width the glossary sits beside the keys instead of on its own page.
    static let sideBySideWidth = 150

    static func render(in screen: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let strings = context.strings
        let glossary = GlossaryView(screen: context.state.screen, strings: strings, glyphs: context.glyphs)
        guard screen.width >= sideBySideWidth else {
            renderKeys(in: screen, on: &canvas, context: context, footer: strings[.helpPage])
            return
        }
        let glossaryWidth = min(glossary.preferredSize.width + 4, screen.width / 2)
        let (keys, symbols) = (
            Rect(x: screen.x, y: screen.y, width: screen.width - glossaryWidth, height: screen.height),
            Rect(x: screen.maxX - glossaryWidth, y: screen.y, width: glossaryWidth, height: screen.height)
        )
        renderKeys(in: keys, on: &canvas, context: context, footer: nil)
        renderGlossary(in: symbols, on: &canvas, context: context)
    }

    /// The second page: the glossary of every symbol on the current screen.
    static func renderGlossary(in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        let glossary = GlossaryView(screen: context.state.screen, strings: context.strings, glyphs: context.glyphs)
        let size = glossary.preferredSize
        let width = min(screen.width, size.width + 4), height = min(screen.height, size.height + 2)
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2, width: width, height: height)
        canvas.fill(box)
        let title = context.strings.format(.helpTitle, ["screen": context.strings.title(of: context.state.screen)])
        let block = Block(
            title: Line(ScreenParts.spell(title, context.glyphs), style: Theme.title), highlighted: true, glyphs: context.glyphs)
        block.render(in: box, on: &canvas)
        // The glossary draws its own title on its first row.
        glossary.render(in: block.inner(box).inset(left: 1, right: 1), on: &canvas)
    }

    static func renderKeys(in screen: Rect, on canvas: inout Canvas, context: FrameContext, footer: String?) {
        let state = context.state, strings = context.strings
        let glyphs = context.glyphs
        let bindings = KeyTable.bindings(on: state.screen) + (state.lesson != nil ? KeyTable.lessonBindings : [])
        let entries: [(String, String)] = bindings.map { b in
            let keys = b.keys.map { glyphs.isUnicode ? $0.name : $0.asciiName }.joined(separator: " ")
            return (keys, ScreenParts.spell(strings[b.help], glyphs))
        }
        let notes = [strings[.helpMouse], strings[.helpRule1], strings[.helpRule2]]
        let keyWidth = min(10, entries.map { ColumnWidth.of($0.0) }.max() ?? 0)
        let helpWidth = entries.map { ColumnWidth.of($0.1) }.max() ?? 0
        let rowsForKeys = max(1, screen.height - 2 - notes.count - 1)
        let columns = entries.count > rowsForKeys || screen.width >= 100 ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let colWidth = min(keyWidth + 1 + helpWidth, (screen.width - 4 - (columns - 1) * 2) / columns)
        let innerHeight = perColumn + 1 + notes.count
        let boxWidth = min(screen.width, max(colWidth * columns + 2 + (columns - 1) * 2, (notes.map { ColumnWidth.of($0) }.max() ?? 0) + 2))
        let boxHeight = min(screen.height, innerHeight + 2)
        let box = Rect(
            x: screen.x + (screen.width - boxWidth) / 2, y: screen.y + (screen.height - boxHeight) / 2,
            width: boxWidth, height: boxHeight)
        canvas.fill(box)
        let title = strings.format(.helpTitle, ["screen": strings.title(of: state.screen)])
        Block(title: Line(title, style: Theme.title), footer: footer, highlighted: true, glyphs: glyphs)
            .render(in: box, on: &canvas)
        let inner = box.inset(by: 1)
        for (i, entry) in entries.enumerated() {
            let col = i / perColumn, row = i % perColumn
            let x = inner.x + col * (colWidth + 2)
            let y = inner.y + row
            guard y < inner.maxY else { continue }
            let cell = Rect(x: x, y: y, width: colWidth, height: 1).intersection(inner)
            canvas.put(entry.0, x: x, y: y, style: Theme.label, clip: cell)
            canvas.draw(
                Line(entry.1), in: Rect(x: x + keyWidth + 1, y: y, width: max(0, cell.maxX - x - keyWidth - 1), height: 1),
                ellipsis: glyphs.ellipsis)
        }
        for (i, note) in notes.enumerated() {
            let y = inner.y + perColumn + 1 + i
            guard y < inner.maxY else { continue }
            canvas.draw(Line(note, style: Theme.dim), in: Rect(x: inner.x, y: y, width: inner.width, height: 1), ellipsis: glyphs.ellipsis)
        }
    }
}

/// The prompt for typing an exact value, and the state-string box, as TerminalUI popups.
enum EntryOverlay {
    static func render(field: Field, text: String, in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        let state = context.state
        let name = ScreenParts.replacingTheta(
            ExplorerState.name(of: field, angle: state.inputMode == .angle, strings: state.strings), with: context.glyphs.theta)
        let (lo, hi, unit) = state.accepted(for: field)
        let strings = context.strings
        let lines: [Line] = [
            Line(
                strings.format(.entryRange, ["name": name, "low": ExplorerState.short(lo) + unit, "high": ExplorerState.short(hi) + unit])),
            Line("> \(text)_"),
            Line(strings[.entryKeys]),
        ]
        Popup(title: strings[.entryTitle], lines: lines, glyphs: context.glyphs).render(in: screen, on: &canvas)
    }

    static func renderStateString(in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        // The string has no spaces, so the popup breaks it between characters at the box's width.
        let strings = context.strings
        let lines: [Line] = [
            Line(strings[.stateIntro]),
            Line(StateString.encode(context.state)),
            Line(strings[.stateOutro]),
        ]
        let width = max(20, min(screen.width - 4, 76))
        Popup(title: strings[.stateTitle], lines: lines, width: width, glyphs: context.glyphs).render(in: screen, on: &canvas)
    }
}
