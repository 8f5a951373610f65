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

    var glyphs: GlyphSet { ascii ? .ascii : .unicode }
}
