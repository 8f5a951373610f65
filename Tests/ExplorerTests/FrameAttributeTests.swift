import TerminalUI
import Testing

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

/// Every screen in every theme, at 80×24 and 240×70: the theme pass keeps the
/// text and obeys the theme's rule in every cell.
@Suite struct FrameThemeTests {
    @Test(arguments: Palette.Name.allCases)
    func everyScreenRendersInEveryThemeWithItsRules(_ name: Palette.Name) {
        for screen in Screen.allCases {
            for (w, h) in [(80, 24), (240, 70)] {
                var state = ExplorerState()
                state.screen = screen
                state.batch.samples = 256
                state.batch.classes = 100
                let app = ExplorerApp(state: state, glyphs: .unicode)
                app.handle(.resize(width: w, height: h))
                var canvas = app.render()
                let text = canvas.text
                canvas.apply(Palette(name))
                #expect(canvas.text == text)
                for y in 0..<h {
                    for x in 0..<w {
                        let s = canvas[x, y].style
                        switch name {
                        case .dark: break
                        case .light: #expect(!s.dim && ![.yellow, .cyan, .white].contains(s.foreground))
                        case .mono: #expect(!s.dim && s.foreground == nil && s.background == nil)
                        case .contrast: #expect(!s.dim)
                        }
                    }
                }
            }
        }
    }
}
