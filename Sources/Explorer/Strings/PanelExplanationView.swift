import TerminalUI

/// What the `e` key shows: a box titled with the panel's name holding its two or
/// three sentences of explanation, wrapped by display width, "any key closes" below.
public struct PanelExplanationView: Widget {
    public var panel: Panel
    public var strings: Strings
    public var glyphs: GlyphSet

    public init(panel: Panel, strings: Strings, glyphs: GlyphSet = .unicode) {
        self.panel = panel
        self.strings = strings
        self.glyphs = glyphs
    }

    /// Rows the box needs at `width` columns (border included) to show the whole explanation.
    public func preferredHeight(width: Int) -> Int { rows(width: max(1, width - 4)).count + 2 }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        canvas.fill(area)
        let title = strings.format(.explainTitle, ["panel": strings[panel.nameKey]])
        let block = Block(
            title: Line(spell(title), style: Theme.title), footer: strings[.explainClose],
            highlighted: true, glyphs: glyphs)
        block.render(in: area, on: &canvas)
        let inner = block.inner(area)
        let text = inner.width > 2 ? inner.inset(left: 1, right: 1) : inner
        guard !text.isEmpty else { return }
        for (i, row) in rows(width: text.width).prefix(text.height).enumerated() {
            canvas.draw(row, in: Rect(x: text.x, y: text.y + i, width: text.width, height: 1), ellipsis: glyphs.ellipsis)
        }
    }

    private func rows(width: Int) -> [Line] { Line(spell(strings[panel.explanationKey])).wrapped(to: width) }

    private func spell(_ text: String) -> String { ScreenParts.spell(text, glyphs) }
}
