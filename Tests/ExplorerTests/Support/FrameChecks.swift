import TerminalUI
import Testing

@testable import Explorer

/// Checks that a frame is laid out by display width: every line is exactly as wide as
/// the canvas (nothing overflows), and every double-width character is whole (its
/// continuation cell follows it, and no continuation cell stands alone).
enum FrameChecks {
    static func expectWhole(_ canvas: Canvas, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<canvas.height {
            var columns = 0
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                columns += Int(cell.width)
                if cell.width == 2 {
                    let next = canvas[x + 1, y]
                    #expect(
                        x + 1 < canvas.width && next.width == 0,
                        "\(place): '\(cell.text)' at (\(x), \(y)) is cut", sourceLocation: sourceLocation)
                }
                if cell.width == 0 {
                    #expect(
                        x > 0 && canvas[x - 1, y].width == 2,
                        "\(place): a lone half of a wide character at (\(x), \(y))", sourceLocation: sourceLocation)
                }
            }
            #expect(columns == canvas.width, "\(place): row \(y) is \(columns) columns wide", sourceLocation: sourceLocation)
            let line = canvas.lines[y]
            #expect(ColumnWidth.of(line) <= canvas.width, "\(place): row \(y) overflows: \(line)", sourceLocation: sourceLocation)
        }
    }
}
