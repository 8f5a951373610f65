/// A theme: how every `StyleRole`, and every style without a role, is drawn.
///
/// The four themes are columns of one table (`Palette.row(_:)`):
///
/// - `dark`: the original look, for a dark terminal; the styles the roles are
///   built with (`Style(role:)`), so resolving in `dark` changes nothing.
/// - `light`: for a white projector background: no yellow, cyan or white text
///   (yellow becomes magenta, cyan blue, white black) and no dim text.
/// - `mono`: no colour at all, meaning carried by bold, reverse and underline
///   only (and by glyphs and labels, as everywhere); no dim text.
/// - `contrast`: for washed-out projectors: no dim text at all, every coloured
///   text bold.
///
/// A role style may carry extra attributes (`Style(role: .label).underlined`):
/// what it adds to the dark column is added to the chosen column too, and a
/// foreground it replaces is replaced (then mapped by the theme's rule).
public struct Palette: Hashable, Sendable {
    /// The theme names, as `--theme` spells them and in the order a key cycles them.
    public enum Name: String, Hashable, Sendable, CaseIterable {
        case dark, light, mono, contrast
    }

    public let name: Name

    public init(_ name: Name) { self.name = name }

    public static let dark = Palette(.dark)
    public static let light = Palette(.light)
    public static let mono = Palette(.mono)
    public static let contrast = Palette(.contrast)

    /// The next theme in `Name.allCases`, wrapping around.
    public var next: Palette {
        let all = Name.allCases
        return Palette(all[(all.firstIndex(of: name)! + 1) % all.count])
    }

    /// Whether resolving changes nothing (the dark theme), so a frame needs no pass.
    public var isIdentity: Bool { name == .dark }

    /// The concrete style of `role` in this theme.
    public func style(for role: StyleRole) -> Style {
        let r = Palette.row(role)
        switch name {
        case .dark: return r.dark
        case .light: return r.light
        case .mono: return r.mono
        case .contrast: return r.contrast
        }
    }

    /// The concrete style `style` is drawn with in this theme (its role cleared).
    public func resolve(_ style: Style) -> Style {
        if name == .dark { var s = style; s.role = nil; return s }
        var result: Style
        if let role = style.role {
            let base = Palette.row(role).dark
            result = self.style(for: role)
            if style.bold && !base.bold { result.bold = true }
            if style.reverse && !base.reverse { result.reverse = true }
            if style.underline && !base.underline { result.underline = true }
            if style.dim && !base.dim { result.dim = true }
            if style.foreground != base.foreground { result.foreground = style.foreground }
            if style.background != base.background { result.background = style.background }
        } else {
            result = style
        }
        return applyRule(result)
    }

    /// The theme's rule for any concrete style (idempotent; the table's own columns obey it).
    func applyRule(_ style: Style) -> Style {
        var s = style
        s.role = nil
        switch name {
        case .dark:
            break
        case .light:
            s.dim = false
            s.foreground = s.foreground.map(Palette.onWhite)
        case .mono:
            s.foreground = nil
            s.background = nil
            s.dim = false
        case .contrast:
            s.dim = false
            if s.foreground != nil { s.bold = true }
        }
        return s
    }

    /// Text colours that read on a white background: yellow, cyan and white do not.
    static func onWhite(_ color: Color) -> Color {
        switch color {
        case .yellow: return .magenta
        case .cyan: return .blue
        case .white: return .black
        default: return color
        }
    }

    /// One row of the theme table: a role in each theme.
    struct Row {
        var dark: Style, light: Style, mono: Style, contrast: Style
    }

    /// The theme table. Dim appears in the dark column only; colour never in `mono`.
    static func row(_ role: StyleRole) -> Row {
        let plain = Style()
        let bold = Style(bold: true)
        let marked = Style(bold: true, reverse: true)
        switch role {
        case .title: return Row(dark: bold, light: bold, mono: bold, contrast: bold)
        case .tab: return Row(dark: plain, light: plain, mono: plain, contrast: plain)
        case .activeTab: return Row(dark: marked, light: marked, mono: marked, contrast: marked)
        case .focused: return Row(dark: marked, light: marked, mono: marked, contrast: marked)
        case .keyHint: return Row(dark: marked, light: marked, mono: marked, contrast: marked)
        case .label: return Row(dark: bold, light: bold, mono: bold, contrast: bold)
        case .secondary: return Row(dark: Style(dim: true), light: plain, mono: plain, contrast: plain)
        case .warning:
            return Row(
                dark: Style(foreground: .yellow, bold: true), light: Style(foreground: .magenta, bold: true),
                mono: Style(bold: true, underline: true), contrast: Style(foreground: .yellow, bold: true))
        case .error:
            return Row(
                dark: Style(foreground: .red, bold: true), light: Style(foreground: .red, bold: true),
                mono: Style(bold: true, reverse: true), contrast: Style(foreground: .red, bold: true))
        case .accent:
            return Row(
                dark: Style(foreground: .green, bold: true), light: Style(foreground: .green, bold: true),
                mono: Style(bold: true, underline: true), contrast: Style(foreground: .green, bold: true))
        case .opponent:
            return Row(
                dark: Style(foreground: .red), light: Style(foreground: .red),
                mono: Style(underline: true), contrast: Style(foreground: .red, bold: true, underline: true))
        case .series1:
            return Row(
                dark: Style(foreground: .cyan), light: Style(foreground: .blue),
                mono: plain, contrast: Style(foreground: .cyan, bold: true))
        case .series2:
            return Row(
                dark: Style(foreground: .yellow), light: Style(foreground: .magenta),
                mono: bold, contrast: Style(foreground: .yellow, bold: true))
        case .positive:
            return Row(
                dark: Style(foreground: .red), light: Style(foreground: .red),
                mono: plain, contrast: Style(foreground: .red, bold: true))
        case .negative:
            return Row(
                dark: Style(foreground: .green), light: Style(foreground: .green),
                mono: plain, contrast: Style(foreground: .green, bold: true))
        }
    }
}
