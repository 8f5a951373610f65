import TerminalUI

/// The help's glossary for one screen: a title, then one row per symbol, the symbol
/// in a bold column and its meaning beside it, in the chosen language.
///
/// Rows that do not fit the area's height are dropped; meanings wider than the area
/// are cut with an ellipsis (at 80 columns none is: a test checks every screen).
public struct GlossaryView: Widget {
    public var screen: Screen
    public var strings: Strings
    public var glyphs: GlyphSet

    public init(screen: Screen, strings: Strings, glyphs: GlyphSet = .unicode) {
        self.screen = screen
        self.strings = strings
        self.glyphs = glyphs
    }

    /// The widest symbol column allowed; longer symbols are cut.
    public static let symbolColumn = 16

    /// Columns and rows that show every entry whole.
    public var preferredSize: (width: Int, height: Int) {
        let entries = Glossary.entries(on: screen)
        let symbol = symbolWidth(entries)
        let meaning = entries.map { ColumnWidth.of(spell(strings[$0.meaning])) }.max() ?? 0
        return (max(symbol + 1 + meaning, ColumnWidth.of(strings[.helpGlossaryTitle])), entries.count + 1)
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let entries = Glossary.entries(on: screen)
        canvas.draw(Line(strings[.helpGlossaryTitle], style: Theme.title), in: area, ellipsis: glyphs.ellipsis)
        let symbol = min(symbolWidth(entries), max(0, area.width - 1))
        for (i, entry) in entries.enumerated() where 1 + i < area.height {
            let y = area.y + 1 + i
            canvas.draw(
                Line(spell(entry.symbol), style: Theme.label), in: Rect(x: area.x, y: y, width: symbol, height: 1),
                ellipsis: glyphs.ellipsis)
            let rest = Rect(x: area.x + symbol + 1, y: y, width: area.width - symbol - 1, height: 1)
            canvas.draw(Line(spell(strings[entry.meaning])), in: rest, ellipsis: glyphs.ellipsis)
        }
    }

    private func symbolWidth(_ entries: [Glossary.Entry]) -> Int {
        min(Self.symbolColumn, entries.map { ColumnWidth.of(spell($0.symbol)) }.max() ?? 0)
    }

    private func spell(_ text: String) -> String { ScreenParts.spell(text, glyphs) }
}
