import TerminalUI

enum CosineScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        Block(title: Line("Cosine"), glyphs: context.glyphs).render(in: area, on: &canvas)
    }
}
