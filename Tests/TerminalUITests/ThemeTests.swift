import Testing

@testable import TerminalUI

/// Role styles as call sites build them: plain, and with each modifier added.
private let roleStyles: [Style] = StyleRole.allCases.flatMap { role -> [Style] in
    let s = Style(role: role)
    return [s, s.bolded, s.underlined, s.reversed, s.dimmed, s.with(foreground: .yellow), s.with(foreground: nil)]
}

/// Concrete styles in every colour, dim or not.
private let concreteStyles: [Style] =
    Color.allCases.flatMap { c in
        [Style(foreground: c), Style(foreground: c, dim: true), Style(background: c), Style(foreground: c, bold: true)]
    } + [.plain, Style(dim: true), Style(bold: true, reverse: true)]

private func attributes(_ s: Style) -> Style { var a = s; a.role = nil; return a }

@Test func theDarkThemeDrawsEveryStyleExactlyAsItWasBuilt() {
    for s in roleStyles + concreteStyles {
        #expect(Palette.dark.resolve(s) == attributes(s))
    }
    var canvas = Canvas(width: 3, height: 1)
    canvas.put("abc", x: 0, y: 0, style: Style(role: .warning))
    let before = canvas
    canvas.apply(.dark)
    #expect(canvas == before)
}

@Test func onlyTheDarkThemeHasDimText() {
    for palette in [Palette.light, .mono, .contrast] {
        for s in roleStyles + concreteStyles {
            #expect(!palette.resolve(s).dim, "\(palette.name) keeps dim for \(s)")
        }
    }
}

@Test func theMonoThemeHasNoColour() {
    for s in roleStyles + concreteStyles {
        let r = Palette.mono.resolve(s)
        #expect(r.foreground == nil && r.background == nil, "mono keeps a colour for \(s)")
    }
}

@Test func theLightThemeHasNoYellowCyanOrWhiteText() {
    for s in roleStyles + concreteStyles {
        let f = Palette.light.resolve(s).foreground
        #expect(f != .yellow && f != .cyan && f != .white, "light draws \(String(describing: f)) for \(s)")
    }
}

@Test func theContrastThemeDrawsColouredTextBold() {
    for s in roleStyles + concreteStyles where Palette.contrast.resolve(s).foreground != nil {
        #expect(Palette.contrast.resolve(s).bold)
    }
}

@Test func whatACallSiteAddsToARoleIsKeptInEveryTheme() {
    // label is bold everywhere; underlined adds underline.
    for palette in Palette.Name.allCases.map(Palette.init) {
        let r = palette.resolve(Style(role: .label).underlined)
        #expect(r.bold && r.underline)
    }
    // LMCL's curve (series2) is yellow in dark, magenta in light; bolded stays bold.
    #expect(Palette.light.resolve(Style(role: .series2).bolded) == Style(foreground: .magenta, bold: true))
    // A call site that removes the role's colour removes it in every theme.
    #expect(Palette.light.resolve(Style(role: .accent).with(foreground: nil)).foreground == nil)
    #expect(Palette.contrast.resolve(Style(role: .accent).with(foreground: nil)).foreground == nil)
}

@Test func themesTellTheTargetAndTheRivalApartWithoutColour() {
    for palette in Palette.Name.allCases.map(Palette.init) {
        var a = palette.resolve(Style(role: .accent)), o = palette.resolve(Style(role: .opponent))
        a.foreground = nil
        o.foreground = nil
        #expect(a != o, "\(palette.name): target and rival differ only by colour")
    }
}

@Test func applyingAThemeRestylesCellsAndKeepsTheText() {
    var canvas = Canvas(width: 6, height: 2)
    canvas.put("abc", x: 0, y: 0, style: Style(role: .secondary))
    canvas.put("xyz", x: 3, y: 1, style: Style(foreground: .cyan))
    let text = canvas.lines
    canvas.apply(.light)
    #expect(canvas.lines == text)
    #expect(canvas[0, 0].style == .plain)
    #expect(canvas[4, 1].style == Style(foreground: .blue))
    canvas.apply(.mono)
    #expect(canvas[4, 1].style == .plain)
}

@Test func theThemeKeyCyclesThroughEveryThemeOnce() {
    var seen: [Palette.Name] = []
    var p = Palette.dark
    for _ in Palette.Name.allCases { seen.append(p.name); p = p.next }
    #expect(seen == [.dark, .light, .mono, .contrast])
    #expect(p == .dark)
    #expect(Palette.Name(rawValue: "contrast") == .contrast)
}

@Test func aRoleStyleIsNoBiggerThanTheCellItLivesIn() {
    // The canvas copies and diffs 16-byte cells; the role must not grow them.
    #expect(MemoryLayout<Cell>.stride <= 16)
}
