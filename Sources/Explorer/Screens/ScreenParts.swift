import Foundation
import TerminalUI

/// Small pieces the screens share: number text, class labels, panels.
enum ScreenParts {
    /// A number with fixed decimals (ASCII minus, so it pastes), never "nan"/"inf" or "-0.000".
    static func number(_ v: Double, _ decimals: Int, sign: Bool = false, glyphs: GlyphSet) -> String {
        formatNumber(v, decimals: decimals, sign: sign, missing: glyphs.missing)
    }

    /// "0 y" for the target, "1" otherwise: the class index with the target tagged by a letter, not colour.
    static func classLabel(_ j: Int, target: Int) -> String {
        j == target ? "\(j) y" : "\(j)"
    }

    /// Draws a bordered panel and returns its inside.
    @discardableResult
    static func panel(_ title: String, right: String? = nil, in area: Rect, on canvas: inout Canvas,
                      context: FrameContext, focused: Bool = false) -> Rect {
        let block = Block(title: Line(" \(title) ", style: Theme.title), titleRight: right.map { " \($0) " },
                          highlighted: focused, glyphs: context.glyphs)
        block.render(in: area, on: &canvas)
        return block.inner(area)
    }

    /// Writes lines of spans into `area`, one per row, cut at the right edge.
    static func lines(_ lines: [Line], in area: Rect, on canvas: inout Canvas, glyphs: GlyphSet) {
        for (i, line) in lines.enumerated() where i < area.height {
            canvas.draw(line, in: Rect(x: area.x, y: area.y + i, width: area.width, height: 1), ellipsis: glyphs.ellipsis)
        }
    }

    /// θ spelled for the glyph set inside a text.
    static func spell(_ text: String, _ glyphs: GlyphSet) -> String {
        guard !glyphs.isUnicode else { return text }
        return text.replacingOccurrences(of: "θ", with: "th").replacingOccurrences(of: "−", with: "-")
            .replacingOccurrences(of: "Σ", with: "sum").replacingOccurrences(of: "·", with: "*")
            .replacingOccurrences(of: "∂", with: "d").replacingOccurrences(of: "→", with: "->")
            .replacingOccurrences(of: "≤", with: "<=").replacingOccurrences(of: "≥", with: ">=")
            .replacingOccurrences(of: "°", with: " deg").replacingOccurrences(of: "‖", with: "|")
            .replacingOccurrences(of: "…", with: "...").replacingOccurrences(of: "×", with: "x")
            .replacingOccurrences(of: "ŷ", with: "y^").replacingOccurrences(of: "★", with: "*")
    }
}
