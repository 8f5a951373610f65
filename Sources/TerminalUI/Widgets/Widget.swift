/// Something that draws itself into a rectangle of a canvas.
///
/// Widgets are small values built fresh each frame; they never touch the
/// terminal, never keep state between frames, and never trap, whatever the
/// size of the area (1×1 and empty areas included).
public protocol Widget {
    func render(in area: Rect, on canvas: inout Canvas)
}
