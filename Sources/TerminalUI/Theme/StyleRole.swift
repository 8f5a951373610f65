/// What a piece of text is for, so that a theme can decide how it looks.
///
/// A `Style` made with `Style(role:)` carries its role; `Palette.resolve(_:)`
/// turns it into concrete attributes for the chosen theme when the frame is
/// finished (`Canvas.apply(_:)`). The names say what the text does, not how it
/// looks: the application gives them its own meanings (the explorer's target
/// class is `accent`, its rival `opponent`, its NormFace and LMCL curves
/// `series1` and `series2`).
public enum StyleRole: UInt8, Hashable, Sendable, CaseIterable {
    /// The program's name and headings.
    case title
    /// A tab that is not selected.
    case tab
    /// The selected tab.
    case activeTab
    /// The focused field or row.
    case focused
    /// A key in the hint bar.
    case keyHint
    /// A label that names a number.
    case label
    /// Text of lesser weight: units, hints, axes (dim in the dark theme only).
    case secondary
    /// A warning or a notice.
    case warning
    /// An error.
    case error
    /// The item everything is about (the explorer's target class).
    case accent
    /// The item it is measured against (the strongest rival).
    case opponent
    /// The first compared series (NormFace).
    case series1
    /// The second compared series (LMCL).
    case series2
    /// A positive quantity (a gradient that lowers a logit).
    case positive
    /// A negative quantity.
    case negative
}
