import Foundation
import TerminalUI

/// Where the mouse can act on the last frame drawn: built by the views while
/// they draw, read to turn a click or drag into an action.
public struct HitMap: Sendable {
    public enum Target: Hashable, Sendable {
        /// Clicking focuses the field.
        case field(Field)
        /// Clicking or dragging sets the field to the value under the column:
        /// `low` at the left edge of the rect, `high` at its right edge.
        case slider(Field, low: Double, high: Double)
        /// Clicking a tab shows the screen.
        case screen(Screen)
        /// Clicking a table row selects the sample.
        case sample(Int)
        /// Clicking or dragging in a picture of the plane turns the direction `field` towards the
        /// point: `plot` spans `x` left to right and `y` bottom to top, the origin is the centre of rotation.
        case direction(Field, plot: Rect, x: ClosedRange<Double>, y: ClosedRange<Double>)
        /// Clicking a plot shows it alone in the window (or, zoomed, returns).
        case zoom
    }

    public struct Region: Hashable, Sendable {
        public var rect: Rect
        public var target: Target
    }

    public private(set) var regions: [Region] = []

    public init() {}

    public mutating func add(_ rect: Rect, _ target: Target) {
        guard !rect.isEmpty else { return }
        regions.append(Region(rect: rect, target: target))
    }

    /// The action for a mouse event; later regions (drawn on top) win.
    public func action(for event: MouseEvent) -> Action? {
        guard event.button == .left, event.action != .release else { return nil }
        guard let region = regions.last(where: { $0.rect.contains(x: event.x, y: event.y) }) else { return nil }
        switch region.target {
        case .field(let f):
            return event.action == .press ? .select(f) : nil
        case .slider(let f, let low, let high):
            let w = region.rect.width
            let t = w <= 1 ? 0 : Double(event.x - region.rect.x) / Double(w - 1)
            return .setValue(f, low + t * (high - low))
        case .screen(let s):
            return event.action == .press ? .showScreen(s) : nil
        case .sample(let i):
            return .selectSample(i)
        case .zoom:
            return event.action == .press ? .toggleZoom : nil
        case .direction(let field, let plot, let xs, let ys):
            // The centre of the clicked cell, in data coordinates.
            let px = xs.lowerBound + (Double(event.x - plot.x) + 0.5) / Double(max(1, plot.width)) * (xs.upperBound - xs.lowerBound)
            let py = ys.upperBound - (Double(event.y - plot.y) + 0.5) / Double(max(1, plot.height)) * (ys.upperBound - ys.lowerBound)
            guard px != 0 || py != 0 else { return nil }
            var degrees = atan2(py, px) * 180 / .pi
            if degrees < 0 { degrees += 360 }
            return .setValue(field, degrees)
        }
    }
}
