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
        }
    }
}
