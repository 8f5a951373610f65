/// A rectangle of cells: column `x`, row `y`, `width` columns by `height` rows.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var area: Int { width * height }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The part of `self` that is also inside `other`.
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        let mx = min(maxX, other.maxX), my = min(maxY, other.maxY)
        return Rect(x: nx, y: ny, width: mx - nx, height: my - ny)
    }

    /// `self` shrunk by the given margins on each side (never negative).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }

    /// The first `n` rows and the rest.
    public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
        let h = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
    }

    /// The last `n` rows and the rest.
    public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
        let h = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - h), Rect(x: x, y: maxY - h, width: width, height: h))
    }

    /// The first `n` columns and the rest.
    public func splitLeft(_ n: Int) -> (left: Rect, rest: Rect) {
        let w = min(max(0, n), width)
        return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height))
    }

    /// Splits into columns of the given fractions (which need not sum to 1),
    /// leaving `gap` blank columns between them; the last column takes what
    /// rounding leaves.
    public func columns(_ fractions: [Double], gap: Int = 1) -> [Rect] {
        guard !fractions.isEmpty else { return [] }
        // Negative, NaN or all-zero fractions would make Int(_:) trap: count them as nothing, or all as equal.
        var fractions = fractions.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        if fractions.allSatisfy({ $0 == 0 }) { fractions = fractions.map { _ in 1 } }
        let total = fractions.reduce(0, +)
        let usable = max(0, width - gap * (fractions.count - 1))
        var result: [Rect] = []
        var cx = x
        for (i, f) in fractions.enumerated() {
            let w = i == fractions.count - 1 ? max(0, maxX - cx) : Int((Double(usable) * f / total).rounded(.down))
            result.append(Rect(x: cx, y: y, width: w, height: height))
            cx += w + gap
        }
        return result
    }

    /// Splits into rows of the given fractions, as `columns` does for columns.
    public func rows(_ fractions: [Double], gap: Int = 0) -> [Rect] {
        let t = Rect(x: y, y: x, width: height, height: width).columns(fractions, gap: gap)
        return t.map { Rect(x: $0.y, y: $0.x, width: $0.height, height: $0.width) }
    }
}
