import Foundation
import TerminalUI

/// Small pieces the screens share: number text, class labels, panels.
enum ScreenParts {
    /// The string table's entries for the plots' texts: English, until the frame context carries the language.

    /// A number with fixed decimals (ASCII minus, so it pastes), never "nan"/"inf" or "-0.000".
    static func number(_ v: Double, _ decimals: Int, sign: Bool = false, glyphs: GlyphSet) -> String {
        formatNumber(v, decimals: decimals, sign: sign, missing: glyphs.missing)
    }

    /// "0 y" for the target, "1" otherwise: the class index with the target tagged by a letter, not colour.
    ///
    /// Three columns always: from 10 on the tag follows the index without a space ("11y"),
    /// so that neither the index nor the tag is cut.
    static func classLabel(_ j: Int, target: Int) -> String {
        j == target ? (j < 10 ? "\(j) y" : "\(j)y") : "\(j)"
    }

    /// The slider of a single value of the settings table: its symbol, its slider span, its text on its grid.
    static func slider(
        _ setting: Setting, state: ExplorerState, in row: Rect, labelWidth: Int, valueWidth: Int,
        on canvas: inout Canvas, context: inout FrameContext
    ) {
        let field = Field.value(setting.id), steps = state[setting.id]
        let text = setting.grid.format(steps), range = setting.sliderSpan
        let slider = Slider(
            spell(setting.symbol, context.glyphs), value: setting.grid.value(steps), range: range, valueText: text,
            highlighted: state.focusedField == field, labelWidth: labelWidth,
            valueWidth: max(valueWidth, ColumnWidth.of(text)), glyphs: context.glyphs)
        slider.render(in: row, on: &canvas)
        context.hits.add(row, .field(field))
        context.hits.add(slider.track(in: row), .slider(field, low: range.lowerBound, high: range.upperBound))
    }

    /// Draws a bordered panel (a right-aligned text on its top and on its bottom border, if given) and returns its inside.
    @discardableResult
    static func panel(
        _ title: String, right: String? = nil, footer: String? = nil, id: Panel? = nil, in area: Rect, on canvas: inout Canvas,
        context: FrameContext, focused: Bool = false
    ) -> Rect {
        if let id { context.panels.record(id, area) }
        let block = Block(
            title: Line(" \(title) ", style: Theme.title), titleRight: right.map { " \($0) " },
            footer: footer.map { " \($0) " }, highlighted: focused || (id != nil && id == context.highlightedPanel),
            glyphs: context.glyphs)
        block.render(in: area, on: &canvas)
        return block.inner(area)
    }

    /// Writes lines of spans into `area`, one per row, cut at the right edge.
    static func lines(_ lines: [Line], in area: Rect, on canvas: inout Canvas, glyphs: GlyphSet) {
        Paragraph(lines, wrap: false, glyphs: glyphs).render(in: area, on: &canvas)
    }

    /// ASCII spellings of the symbols the screens write inside texts.
    static let asciiSpellings: [(String, String)] = [
        ("θ", "th"), ("−", "-"), ("Σ", "sum"), ("·", "*"), ("∂", "d"), ("→", "->"), ("≤", "<="), ("≥", ">="),
        ("°", " deg"), ("‖", "|"), ("…", "..."), ("×", "x"), ("ŷ", "y^"), ("★", "*"), ("φ", "phi"), ("Ŵ", "W^"),
        ("x\u{302}", "x^"), ("▲", "^"), ("◆", "@"), ("Δ", "delta"), ("±", "+-"), ("↑", "Up"), ("↓", "Down"),
        ("←", "Left"), ("–", "-"), ("—", "--"), ("∇", "grad"), ("ℓ", "l"), ("≠", "!="), ("η", "eta"),
        ("λ", "lambda"), ("₁", "1"), ("₂", "2"), ("₃", "3"), ("′", "'"), ("ψ", "psi"), ("∞", "unbounded"),
    ]

    /// `text` with every θ replaced by `theta` (the glyph set's θ); Foundation's search only when there is one.
    static func replacingTheta(_ text: String, with theta: String) -> String {
        text.unicodeScalars.contains("θ") ? text.replacingOccurrences(of: "θ", with: theta) : text
    }

    /// `text` as the glyph set can show it: unchanged for Unicode, symbols spelled out for ASCII.
    static func spell(_ text: String, _ glyphs: GlyphSet) -> String {
        guard !glyphs.isUnicode else { return text }
        var t = text
        for (symbol, ascii) in asciiSpellings { t = t.replacingOccurrences(of: symbol, with: ascii) }
        return t
    }

    /// A column of numbers, each followed by its bar: `0.973 ████▋` or, signed, `-29.97 ▓▓│`.
    ///
    /// The number comes first and is never cut; the bar takes what is left, so a
    /// narrow screen loses bar resolution, not digits. The bars are on the fixed
    /// `scale` (never the largest value on screen, which would draw 0.39 and 0.0006
    /// as the same full bar); when `area` has a row below the bars, the scale is
    /// written there as a ruler.
    static func numberedBars(
        _ rows: [(value: Double, text: String, style: Style)], scale: BarScale, signed: Bool,
        in area: Rect, on canvas: inout Canvas, glyphs: GlyphSet
    ) {
        guard !area.isEmpty else { return }
        let numberWidth = min(area.width, rows.map { ColumnWidth.of($0.text) }.max() ?? 0)
        let barArea = Rect(x: area.x + numberWidth - 1, y: area.y, width: area.width - numberWidth + 1, height: area.height)
        for (i, row) in rows.prefix(area.height).enumerated() {
            canvas.draw(
                Line(row.text, style: row.style.bolded.with(foreground: nil)),
                in: Rect(x: area.x, y: area.y + i, width: numberWidth, height: 1), alignment: .right, ellipsis: glyphs.ellipsis)
        }
        // The charts keep a two-cell pointer gutter; starting one cell early leaves one blank after the number.
        let bars = rows.map { Bar("", value: $0.value, valueText: "", style: $0.style) }
        let ruler = area.height > rows.count
        if signed {
            var chart = DivergingBarChart(bars, scale: scale, axisStyle: Theme.label, glyphs: glyphs)
            chart.showsScale = ruler
            chart.render(in: barArea, on: &canvas)
        } else {
            var chart = BarChart(bars, scale: scale, glyphs: glyphs)
            chart.showsScale = ruler
            chart.render(in: barArea, on: &canvas)
        }
    }

    /// The fixed scale of gradient bars whose largest possible magnitude is `maximum`
    /// (s for ∂L/∂cos θ_j, 1 for softmax's ∂L/∂x_j, s/B for a batch mean), named `name`
    /// on the ruler, logarithmic when the state asks for it (`g`).
    static func gradientScale(_ maximum: Double, name: String, state: ExplorerState) -> BarScale {
        state.display.logarithmicBars ? .logarithmic(maximum, name: name) : .linear(maximum, name: name)
    }

    /// The scale in words, for a panel's border: "bars to s = 30, linear (g: log)".
    static func scaleText(_ scale: BarScale, strings: Strings, glyphs: GlyphSet) -> String {
        let top = scale.name.isEmpty ? formatNumber(scale.maximum, significant: 3, missing: glyphs.missing) : scale.name
        guard let floor = scale.floor else { return strings.format(.barsLinear, ["top": top]) }
        return strings.format(.barsLogarithmic, ["floor": formatNumber(floor, significant: 2, missing: glyphs.missing), "top": top])
    }
}
