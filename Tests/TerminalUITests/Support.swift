import TerminalUI

/// Renders `widget` into a fresh `width`×`height` canvas filling it, and
/// returns the canvas.
func rendered(_ widget: some Widget, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    widget.render(in: canvas.bounds, on: &canvas)
    return canvas
}

/// The text rows of `widget` rendered at `width`×`height`, trailing spaces trimmed.
func lines(_ widget: some Widget, width: Int, height: Int) -> [String] {
    rendered(widget, width: width, height: height).lines
}
