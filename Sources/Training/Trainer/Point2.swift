import Foundation

/// A point of the plane, for embeddings and class directions.
public struct Point2: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The point scaled to length 1; the origin stays where it is (it has no direction).
    public var unit: Point2 {
        let norm = (x * x + y * y).squareRoot()
        return norm > 0 ? Point2(x: x / norm, y: y / norm) : self
    }

    /// The angle to `other` in degrees, in [0, 180].
    ///
    /// `atan2(|a×b|, a·b)` rather than `acos` of the cosine: exact to rounding near 0° and
    /// 180°, where `acos` loses half the digits.
    public func angle(to other: Point2) -> Double {
        let cross = x * other.y - y * other.x
        let dot = x * other.x + y * other.y
        return Foundation.atan2(abs(cross), dot) * 180 / Double.pi
    }
}
