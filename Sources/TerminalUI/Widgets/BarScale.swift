#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed scale for bar charts, given by the caller and written under the
/// bars, so that a bar's length means the same thing from frame to frame.
///
/// - `linear(maximum)`: a bar of magnitude v is v / maximum of the track.
/// - `logarithmic(maximum, floorRatio)`: the track spans the decades from
///   `floor = maximum · floorRatio` to `maximum`, a bar of magnitude v is
///   log₁₀(v / floor) / log₁₀(maximum / floor) of it, so 0.39, 0.031 and
///   0.0006 on a scale of 30 are 69 %, 50 % and 22 % long instead of one full
///   bar and two invisible ones. Magnitudes at or below the floor draw no bar.
///
/// For gradients the natural maximum is the largest possible value: |∂L/∂cos θ_j|
/// is at most s (s/B for a batch mean), named on the ruler by `name` ("s = 30").
/// Magnitudes above the maximum end in an overflow tip.
public struct BarScale: Hashable, Sendable {
    public var maximum: Double
    /// nil for a linear scale; else the smallest magnitude the track shows.
    public var floor: Double?
    /// How the maximum is written at the end of the ruler (empty: its value).
    public var name: String

    public static func linear(_ maximum: Double, name: String = "") -> BarScale {
        BarScale(maximum: maximum, floor: nil, name: name)
    }

    public static func logarithmic(_ maximum: Double, floorRatio: Double = 1e-6, name: String = "") -> BarScale {
        let ratio = floorRatio.isFinite && floorRatio > 0 && floorRatio < 1 ? floorRatio : 1e-6
        return BarScale(maximum: maximum, floor: maximum * ratio, name: name)
    }

    public var isLogarithmic: Bool { floor != nil }

    /// The share of the track a bar of `magnitude` takes (above 1: overflow), nil for no bar.
    public func fraction(of magnitude: Double) -> Double? {
        guard magnitude.isFinite, magnitude > 0, maximum.isFinite, maximum > 0 else { return nil }
        guard let floor else { return magnitude / maximum }
        guard floor.isFinite, floor > 0, floor < maximum, magnitude > floor else { return nil }
        return log10(magnitude / floor) / log10(maximum / floor)
    }

    /// The ruler's labels and where they sit (0 = the start of the track, 1 = its end):
    /// 0 and the maximum on a linear scale; the floor, every decade in between
    /// and the maximum on a logarithmic one.
    public func ticks(missing: String = "—") -> [(fraction: Double, label: String)] {
        let top = name.isEmpty ? formatNumber(maximum, significant: 3, missing: missing) : name
        guard let floor, floor > 0, floor < maximum, maximum.isFinite else { return [(0, "0"), (1, top)] }
        var result: [(fraction: Double, label: String)] = [(0, formatNumber(floor, significant: 2, missing: missing))]
        var k = Int((log10(floor)).rounded(.down)) + 1
        while pow(10, Double(k)) < maximum * (1 - 1e-9) {
            let v = pow(10, Double(k))
            if let f = fraction(of: v) { result.append((f, formatNumber(v, significant: 1, missing: missing))) }
            k += 1
        }
        result.append((1, top))
        return result
    }

    /// Draws the ruler into `track` (one row): labels at their fractions,
    /// measured rightward from the track's start, or leftward from its end
    /// when `mirrored` (the left half of a diverging chart, whose start label
    /// the axis already carries, so it is left out); the ends first, then the
    /// decades that do not touch a label already drawn.
    /// `taken` holds the column spans of labels already on the row (kept one column apart).
    func drawRuler(
        in track: Rect, mirrored: Bool = false, taken: inout [(Int, Int)], style: Style, glyphs: GlyphSet,
        on canvas: inout Canvas
    ) {
        guard !track.isEmpty else { return }
        let ticks = ticks(missing: glyphs.missing)
        let order = [ticks.count - 1] + (mirrored ? [] : [0]) + Array(ticks.indices.dropFirst().dropLast())
        for i in order {
            let (f, label) = ticks[i]
            let w = ColumnWidth.of(label)
            guard w <= track.width else { continue }
            let offset = Int((f * Double(track.width - 1)).rounded())
            let at = mirrored ? track.maxX - 1 - offset : track.x + offset
            // The start sits on its tick, the end ends on it, the decades are centred.
            var start = i == 0 ? (mirrored ? at - w + 1 : at) : i == ticks.count - 1 ? (mirrored ? at : at - w + 1) : at - w / 2
            start = min(max(track.x, start), track.maxX - w)
            guard !taken.contains(where: { $0.0 <= start + w && start <= $0.1 }) else { continue }
            taken.append((start, start + w))
            canvas.put(label, x: start, y: track.y, style: style, clip: track)
        }
    }
}
