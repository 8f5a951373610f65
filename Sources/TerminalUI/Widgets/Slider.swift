/// A labelled horizontal gauge for a value in a range, with the value as text:
///
///     scale  ━━━━━━━●──────────  30.00      (ASCII: ======O----------)
///
/// The knob sits at column `round(t·(w−1))` of the `w`-column track, with
/// `t = (value − lower)/(upper − lower)` clamped to 0…1; `value(atColumn:in:)`
/// inverts this for mouse clicks and drags. A `highlighted` slider (the one
/// the keys move) has a bold, reversed label and a pointer.
public struct Slider: Widget, Sendable {
    public var label: String
    public var value: Double
    public var range: ClosedRange<Double>
    public var valueText: String
    public var style: Style
    public var highlighted: Bool
    /// Columns for the label and the value text (nil: their own width), so
    /// that stacked sliders line up.
    public var labelWidth: Int?
    public var valueWidth: Int?
    public var glyphs: GlyphSet

    public init(
        _ label: String, value: Double, range: ClosedRange<Double>, valueText: String,
        style: Style = .plain, highlighted: Bool = false, labelWidth: Int? = nil, valueWidth: Int? = nil,
        glyphs: GlyphSet = .unicode
    ) {
        self.label = label
        self.value = value
        self.range = range
        self.valueText = valueText
        self.style = style
        self.highlighted = highlighted
        self.labelWidth = labelWidth
        self.valueWidth = valueWidth
        self.glyphs = glyphs
    }

    /// The columns of the track within `area` (on its first row).
    public func track(in area: Rect) -> Rect {
        let gutter = min(2, area.width)
        let label = min(labelWidth ?? ColumnWidth.of(label), max(0, (area.width - gutter) / 3))
        let value = min(valueWidth ?? ColumnWidth.of(valueText), max(0, (area.width - gutter) / 3))
        let x = area.x + gutter + label + (label > 0 ? 1 : 0)
        let end = area.maxX - value - (value > 0 ? 1 : 0)
        return Rect(x: x, y: area.y, width: end - x, height: min(1, area.height))
    }

    /// The value under `column` (clamped to the track), for a click or drag in `area`.
    public func value(atColumn column: Int, in area: Rect) -> Double {
        let t = track(in: area)
        let (lo, hi) = (range.lowerBound, range.upperBound)
        guard t.width > 1 else { return min(max(value.isFinite ? value : lo, lo), hi) }
        let f = Double(min(max(column - t.x, 0), t.width - 1)) / Double(t.width - 1)
        return lo + f * (hi - lo)
    }

    /// The track column of the knob for the current value.
    public func knobColumn(in area: Rect) -> Int? {
        let t = track(in: area)
        guard t.width > 0 else { return nil }
        let (lo, hi) = (range.lowerBound, range.upperBound)
        var f = hi > lo && value.isFinite ? (value - lo) / (hi - lo) : 0
        f = f.isFinite ? min(max(f, 0), 1) : 0
        return t.x + Int((f * Double(t.width - 1)).rounded())
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        let t = track(in: row)
        if highlighted {
            canvas.draw(Line(glyphs.pointer, style: style.bolded), in: Rect(x: row.x, y: row.y, width: min(1, row.width), height: 1))
        }
        let gutter = min(2, row.width)
        let labelArea = Rect(x: row.x + gutter, y: row.y, width: max(0, t.x - row.x - gutter - 1), height: 1)
        canvas.draw(Line(label, style: highlighted ? style.bolded.reversed : style), in: labelArea, ellipsis: glyphs.ellipsis)
        let valueArea = Rect(x: t.maxX + 1, y: row.y, width: max(0, row.maxX - t.maxX - 1), height: 1)
        canvas.draw(Line(valueText, style: highlighted ? style.bolded : style), in: valueArea, alignment: .right, ellipsis: glyphs.ellipsis)
        guard let knob = knobColumn(in: row) else { return }
        for x in t.x..<t.maxX {
            let glyph = x < knob ? glyphs.sliderFilled : x == knob ? glyphs.sliderKnob : glyphs.sliderEmpty
            canvas.put(glyph, x: x, y: row.y, style: x == knob && highlighted ? style.bolded : style, clip: t)
        }
    }
}
