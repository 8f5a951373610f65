/// A horizontal arrow from `from` to `to` at height `y`, labelled above (or
/// below, on the top row) and centred on its middle:
///
///         m = 0.35 (20.3°)
///        │────────→
///
/// For the shift of a decision point along the x axis (LMCL moves it by m on
/// cos θ). The tail is │ / `|`, the shaft ─ / `-`, the head → or ← (`>`, `<`);
/// ends outside the x range are clamped to the plot's edge, and an arrow whose
/// ends fall in one column is drawn as its head alone.
public struct HorizontalArrow: Hashable, Sendable {
    public var from: Double
    public var to: Double
    public var y: Double
    public var label: String
    public var style: Style

    public init(from: Double, to: Double, y: Double, label: String = "", style: Style = .plain.bolded) {
        self.from = from
        self.to = to
        self.y = y
        self.label = label
        self.style = style
    }
}

/// A shaded region between two curves, column by column (░ / `.` in the
/// cells between them, data drawn over it), with an optional label in its
/// middle.
///
/// Both curves are polylines in data coordinates; in each column the band
/// covers the rows between the two curves' heights at the column's centre
/// (linear interpolation), inclusive, wherever both are defined.
public struct CurveBand: Sendable {
    public var lower: [(x: Double, y: Double)]
    public var upper: [(x: Double, y: Double)]
    public var label: String
    public var style: Style

    public init(
        lower: [(x: Double, y: Double)], upper: [(x: Double, y: Double)], label: String = "",
        style: Style = .plain
    ) {
        self.lower = lower
        self.upper = upper
        self.label = label
        self.style = style
    }
}

/// How big point markers are drawn.
///
/// `large` (the presenter size) draws the glyph five times, as a plus sign
/// three cells wide and three rows tall, so a single point reads across a room;
/// a label then starts right of the plus.
public enum MarkerSize: Hashable, Sendable {
    case normal, large
}

/// `interpolate(points, at:)` asked at x values that do not decrease (a plot's columns, left to
/// right): when the finite points' x do not decrease either, the first segment that spans an x is
/// never before the one that spanned the x asked last, so the scan resumes there instead of
/// starting again from the first point. Other series, or an x smaller than the last, scan whole.
struct Interpolation {
    let points: [(x: Double, y: Double)]
    /// Whether the finite points' x never decrease.
    let sorted: Bool
    /// Where the last answer was found, with the scan's `previous` point there.
    private var start = 0
    private var previous: (x: Double, y: Double)? = nil
    private var lastX = -Double.infinity

    init(_ points: [(x: Double, y: Double)]) {
        self.points = points
        var sorted = true, highest = -Double.infinity
        for p in points where p.x.isFinite && p.y.isFinite {
            if p.x < highest { sorted = false; break }
            highest = p.x
        }
        self.sorted = sorted
    }

    /// The same as `interpolate(points, at: x)`.
    mutating func value(at x: Double) -> Double? {
        guard sorted, x.isFinite else { return interpolate(points, at: x) }
        if x < lastX { (start, previous) = (0, nil) }
        lastX = x
        guard let found = Self.scan(points, at: x, from: start, previous: previous) else { return nil }
        (start, previous) = (found.index, found.previous)
        return found.y
    }

    /// `interpolate`'s scan from point `start` on, `previous` being the finite point before it (nil
    /// at a break): the height and the point where it was found, with the `previous` there.
    static func scan(_ points: [(x: Double, y: Double)], at x: Double, from start: Int, previous: (x: Double, y: Double)?)
        -> (y: Double, index: Int, previous: (x: Double, y: Double)?)?
    {
        var previous = previous
        for i in start..<points.count {
            let p = points[i]
            guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
            if p.x == x { return (p.y, i, previous) }
            if let q = previous, min(q.x, p.x) <= x, x <= max(q.x, p.x), q.x != p.x {
                return (q.y + (p.y - q.y) * (x - q.x) / (p.x - q.x), i, previous)
            }
            previous = p
        }
        return nil
    }
}

/// The height of a polyline at `x` by linear interpolation on the first
/// segment (between finite points) that spans `x`; nil when none does.
func interpolate(_ points: [(x: Double, y: Double)], at x: Double) -> Double? {
    guard x.isFinite else { return nil }
    return Interpolation.scan(points, at: x, from: 0, previous: nil)?.y
}
