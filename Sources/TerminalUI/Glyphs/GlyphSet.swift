/// The characters used to draw borders of one weight.
public struct BorderGlyphs: Hashable, Sendable {
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var horizontal: String
    public var vertical: String

    public init(
        topLeft: String, topRight: String, bottomLeft: String, bottomRight: String,
        horizontal: String, vertical: String
    ) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.horizontal = horizontal
        self.vertical = vertical
    }
}

/// A marker shape, drawn as a glyph that tells a series or category apart
/// without colour.
///
/// Each shape has a Unicode and an ASCII spelling (see `GlyphSet.marker(_:)`);
/// the ASCII spellings are all different from one another, so shapes stay
/// distinct under `--ascii`.
public enum MarkerShape: Hashable, Sendable, CaseIterable {
    /// ● / `o`
    case dot
    /// ○ / `O`
    case circle
    /// ■ / `#`
    case square
    /// □ / `=`
    case openSquare
    /// ▲ / `^`
    case triangle
    /// △ / `A`
    case openTriangle
    /// ◆ / `@`
    case diamond
    /// ◇ / `&`
    case openDiamond
    /// × / `x`
    case cross
    /// + / `+`
    case plus
    /// * / `*`
    case star
}

/// Every symbol the interface draws, in a Unicode and an ASCII spelling.
///
/// Widgets never spell a symbol themselves: they take a `GlyphSet`, so
/// `--ascii` (or a terminal without Unicode) switches the whole screen at once.
/// Every ASCII glyph is one column wide; the Unicode ones are one column in a
/// non-CJK UTF-8 locale.
public struct GlyphSet: Hashable, Sendable {
    /// True for the Unicode set (braille and block plots are possible).
    public var isUnicode: Bool
    /// Ordinary panel borders: ┌─┐│└┘ / `+-+|++`.
    public var border: BorderGlyphs
    /// Borders of the focused panel: ┏━┓┃┗┛ / `#=#|##`.
    public var heavyBorder: BorderGlyphs
    /// Partial bar cells by eighths, index 0 (empty, " ") to 8 (full).
    ///
    /// Unicode: ` ▏▎▍▌▋▊▉█`. ASCII has no partial cells: 0–3 eighths are a
    /// space, 4–8 are `#` (a bar is rounded to whole cells).
    public var barEighths: [String]
    /// Fill of a negative (leftward) bar: ▓ / `=`; positive bars use `barEighths[8]`.
    public var negativeBar: String
    /// Light shading for bands and backgrounds: ░ / `.`.
    public var shade: String
    /// Marks a cell covered by two overlaid series: ▓ / `%`.
    public var overlap: String
    /// Arrows ↑ ↓ ← → / `^ v < >`.
    public var arrowUp: String
    public var arrowDown: String
    public var arrowLeft: String
    public var arrowRight: String
    /// Clipped-bar tips ◀ ▶ / `< >`.
    public var overflowLeft: String
    public var overflowRight: String
    /// Row pointer ▶ / `>`.
    public var pointer: String
    /// θ / `th`.
    public var theta: String
    /// ≤ / `<=`.
    public var lessOrEqual: String
    /// ≥ / `>=`.
    public var greaterOrEqual: String
    /// − (U+2212) / `-`.
    public var minus: String
    /// ± / `+-`.
    public var plusMinus: String
    /// × / `x`.
    public var times: String
    /// · / `.`.
    public var middleDot: String
    /// … / `...`.
    public var ellipsis: String
    /// – (ranges, "12–31") / `-`.
    public var rangeDash: String
    /// — (a missing value) / `--`.
    public var missing: String
    /// Axis lines: ─ │ / `- |`.
    public var axisHorizontal: String
    public var axisVertical: String
    /// Where the axes meet: └ / `+`.
    public var axisOrigin: String
    /// A tick on the x axis: ┬ / `+`; on the y axis: ┤ / `+`.
    public var tickX: String
    public var tickY: String
    /// A horizontal reference line: ╌ / `-`.
    public var referenceLine: String
    /// A vertical marker line: │ / `|`, and its dotted form ┊ / `:`.
    public var markerLine: String
    public var dottedMarkerLine: String
    /// Slider track: filled ━ / `=`, empty ─ / `-`, knob ● / `O`.
    public var sliderFilled: String
    public var sliderEmpty: String
    public var sliderKnob: String
    /// Dense-cell counts in scatter plots: ≥ 10 points.
    public var manyPoints: String

    /// The Unicode set.
    public static let unicode = GlyphSet(
        isUnicode: true,
        border: BorderGlyphs(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│"),
        heavyBorder: BorderGlyphs(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃"),
        barEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        negativeBar: "▓", shade: "░", overlap: "▓",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        overflowLeft: "◀", overflowRight: "▶", pointer: "▶",
        theta: "θ", lessOrEqual: "≤", greaterOrEqual: "≥", minus: "−", plusMinus: "±", times: "×",
        middleDot: "·", ellipsis: "…", rangeDash: "–", missing: "—",
        axisHorizontal: "─", axisVertical: "│", axisOrigin: "└", tickX: "┬", tickY: "┤",
        referenceLine: "╌", markerLine: "│", dottedMarkerLine: "┊",
        sliderFilled: "━", sliderEmpty: "─", sliderKnob: "●", manyPoints: "+"
    )

    /// The ASCII set, for `--ascii` and terminals without a UTF-8 locale.
    public static let ascii = GlyphSet(
        isUnicode: false,
        border: BorderGlyphs(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|"),
        heavyBorder: BorderGlyphs(topLeft: "#", topRight: "#", bottomLeft: "#", bottomRight: "#", horizontal: "=", vertical: "#"),
        barEighths: [" ", " ", " ", " ", "#", "#", "#", "#", "#"],
        negativeBar: "=", shade: ".", overlap: "%",
        arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">",
        overflowLeft: "<", overflowRight: ">", pointer: ">",
        theta: "th", lessOrEqual: "<=", greaterOrEqual: ">=", minus: "-", plusMinus: "+-", times: "x",
        middleDot: ".", ellipsis: "...", rangeDash: "-", missing: "--",
        axisHorizontal: "-", axisVertical: "|", axisOrigin: "+", tickX: "+", tickY: "+",
        referenceLine: "-", markerLine: "|", dottedMarkerLine: ":",
        sliderFilled: "=", sliderEmpty: "-", sliderKnob: "O", manyPoints: "+"
    )

    /// The glyph for a marker shape.
    public func marker(_ shape: MarkerShape) -> String {
        switch shape {
        case .dot: return isUnicode ? "●" : "o"
        case .circle: return isUnicode ? "○" : "O"
        case .square: return isUnicode ? "■" : "#"
        case .openSquare: return isUnicode ? "□" : "="
        case .triangle: return isUnicode ? "▲" : "^"
        case .openTriangle: return isUnicode ? "△" : "A"
        case .diamond: return isUnicode ? "◆" : "@"
        case .openDiamond: return isUnicode ? "◇" : "&"
        case .cross: return isUnicode ? "×" : "x"
        case .plus: return "+"
        case .star: return "*"
        }
    }

    /// The plot marker that suits this set: braille for Unicode, one glyph per
    /// cell for ASCII.
    public var preferredPlotMarker: PlotMarker { isUnicode ? .braille : .ascii }
}
