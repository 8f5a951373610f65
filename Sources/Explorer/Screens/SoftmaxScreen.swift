import TerminalUI

enum SoftmaxScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        Block(title: Line("Softmax"), glyphs: context.glyphs).render(in: area, on: &canvas)
    }
}
