import TerminalUI

enum BatchScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        Block(title: Line("Batch"), glyphs: context.glyphs).render(in: area, on: &canvas)
    }
}
