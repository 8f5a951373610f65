import Testing
import TerminalUI
@testable import Explorer

/// The styled output of one frame, attribute for attribute: the cosine screen
/// at 80×24 as the dark theme draws it. Recorded before styles became roles, so
/// that the theme table cannot change today's look without this test noticing.
/// Re-record (MARGINSCOPE_RECORD=1) together with `cosine-80x24` when the screen changes.
@Suite struct FrameAttributeTests {
    @Test func theCosineFrameKeepsItsAttributesInTheDarkTheme() {
        var state = ExplorerState()
        state.screen = .cosine
        let app = ExplorerApp(state: state, glyphs: .unicode)
        app.handle(.resize(width: 80, height: 24))
        var canvas = app.render()
        canvas.apply(.dark)
        assertSnapshot(Self.attributeMap(canvas), named: "cosine-80x24-attributes")
    }

    /// Every distinct set of attributes (the role is not drawn) gets a letter in order of first appearance; the map
    /// is the legend (letter = attributes) followed by the grid of letters.
    static func attributeMap(_ canvas: Canvas) -> String {
        var letters: [String: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var rows: [String] = []
        for y in 0..<canvas.height {
            var row = ""
            for x in 0..<canvas.width {
                let style = describe(canvas[x, y].style)
                if letters[style] == nil {
                    let letter = alphabet[min(letters.count, alphabet.count - 1)]
                    letters[style] = letter
                    legend.append("\(letter) = \(style)")
                }
                row.append(letters[style]!)
            }
            rows.append(row)
        }
        return (legend + [""] + rows).joined(separator: "\n")
    }

    static func describe(_ s: Style) -> String {
        var parts: [String] = []
        if let f = s.foreground { parts.append("fg \(f)") }
        if let b = s.background { parts.append("bg \(b)") }
        if s.bold { parts.append("bold") }
        if s.reverse { parts.append("reverse") }
        if s.underline { parts.append("underline") }
        if s.dim { parts.append("dim") }
        return parts.isEmpty ? "plain" : parts.joined(separator: ", ")
    }
}
