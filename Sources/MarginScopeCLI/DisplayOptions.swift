import ArgumentParser
import TerminalUI

/// How the explorer draws: glyphs, colour and mouse.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .customLong("ascii"), help: "Draw with ASCII only (no braille, blocks, box drawing or θ).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colour (bold and reverse stay). NO_COLOR set and non-empty does the same.")
    var noColor = false

    @Flag(name: .customLong("no-mouse"), help: "Ignore the mouse (leaves the terminal's own selection alone).")
    var noMouse = false

    @Option(name: .long, help: Self.themeHelp)
    var theme: Palette.Name = .dark

    var glyphs: GlyphSet { ascii ? .ascii : .unicode }

    /// The help of `--theme`, shared with `frame`.
    static let themeHelp = ArgumentHelp(
        "Colours: dark (default), light (white projector screens), mono (no colour), contrast (no dim text). T cycles them.",
        valueName: "theme")
}

/// `--theme dark|light|mono|contrast`; anything else is refused with the four names.
extension Palette.Name: ExpressibleByArgument {}
