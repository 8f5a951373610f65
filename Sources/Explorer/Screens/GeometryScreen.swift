import TerminalUI

enum GeometryScreen {
    static func render(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        Block(title: Line("Geometry"), glyphs: context.glyphs).render(in: area, on: &canvas)
    }
}
