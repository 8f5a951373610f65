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

/// The height of a polyline at `x` by linear interpolation on the first
/// segment (between finite points) that spans `x`; nil when none does.
func interpolate(_ points: [(x: Double, y: Double)], at x: Double) -> Double? {
    guard x.isFinite else { return nil }
    var previous: (x: Double, y: Double)? = nil
    for p in points {
        guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
        if p.x == x { return p.y }
        if let q = previous, min(q.x, p.x) <= x, x <= max(q.x, p.x), q.x != p.x {
            return q.y + (p.y - q.y) * (x - q.x) / (p.x - q.x)
        }
        previous = p
    }
    return nil
}
