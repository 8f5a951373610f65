import Foundation

/// A value that moves on an exact grid: an integer number of steps of `1/denominator`.
///
/// Values are stored as integers and divided once when read, so 0.35 + 0.05
/// shows as 0.40, never 0.39999999999999997, and every value a key can reach
/// is reproducible from the state string.
public struct ValueGrid: Hashable, Sendable {
    /// Steps per unit: the value is `steps / denominator`.
    public let denominator: Int
    public let minimumSteps: Int
    public let maximumSteps: Int
    /// Steps moved by an arrow key.
    public let fineSteps: Int
    /// Steps moved by a coarse key (Shift-arrow, H/L, PgUp/PgDn).
    public let coarseSteps: Int
    /// Decimals shown; enough to show every grid value exactly.
    public let decimals: Int

    public init(denominator: Int, minimum: Int, maximum: Int, fine: Int, coarse: Int, decimals: Int) {
        self.denominator = denominator
        self.minimumSteps = minimum
        self.maximumSteps = maximum
        self.fineSteps = fine
        self.coarseSteps = coarse
        self.decimals = decimals
    }

    public func value(_ steps: Int) -> Double { Double(steps) / Double(denominator) }
    public var minimum: Double { value(minimumSteps) }
    public var maximum: Double { value(maximumSteps) }

    public func clamp(_ steps: Int) -> Int { min(max(steps, minimumSteps), maximumSteps) }

    /// The grid point nearest to `value`, within bounds; nil for NaN or infinity.
    public func steps(nearest value: Double) -> Int? {
        guard value.isFinite else { return nil }
        let raw = (value * Double(denominator)).rounded()
        if raw <= Double(minimumSteps) { return minimumSteps }
        if raw >= Double(maximumSteps) { return maximumSteps }
        return Int(raw)
    }

    /// The grid point `value` names, when it names one: `value · denominator` is a whole
    /// number up to the rounding of decimal text (a few parts in 10⁹). Nil for any other
    /// value, so a typed 0.123 on a grid of hundredths is refused, never rounded.
    public func exactSteps(_ value: Double) -> Int? {
        guard value.isFinite else { return nil }
        let raw = value * Double(denominator)
        let nearest = raw.rounded()
        // Any whole number an Int holds has its steps (the seed's maximum, 10¹⁵, among them); the range check refuses what is too large.
        guard abs(raw - nearest) <= 1e-9 * max(1, abs(raw)), abs(nearest) < 0x1p63 else { return nil }
        return Int(nearest)
    }

    /// The spacing of the grid as text, e.g. "0.01".
    public var spacing: String { format(value: value(1)) }

    /// `steps` moved by `delta` steps and clamped.
    public func moved(_ steps: Int, by delta: Int) -> Int {
        let (sum, overflow) = steps.addingReportingOverflow(delta)
        return overflow ? (delta > 0 ? maximumSteps : minimumSteps) : clamp(sum)
    }

    /// `steps` moved by `delta` and then back onto the multiples of `fineSteps`, without clamping.
    ///
    /// A value off those multiples (a clamp at 0.01, a typed 0.625) moves to the
    /// next multiple in the direction of travel, so after one key press the arrows
    /// walk the grid again (0.01 → 1 → 2, never 1.01 → 2.01). A value on them moves by `delta`.
    public func stepped(_ steps: Int, by delta: Int) -> Int {
        let (sum, overflow) = steps.addingReportingOverflow(delta)
        guard !overflow else { return delta > 0 ? Int.max : Int.min }
        let r = ((sum % fineSteps) + fineSteps) % fineSteps
        guard r != 0 else { return sum }
        // Snap back towards where the move started: at most one step is taken.
        return delta > 0 ? sum - r : sum - r + fineSteps
    }

    /// The value as text with the grid's decimals (no "-0.00").
    public func format(_ steps: Int) -> String {
        format(value: value(steps))
    }

    public func format(value v: Double) -> String {
        var s = FixedPoint.format(v, decimals: decimals)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return s
    }

    public func contains(_ steps: Int) -> Bool { steps >= minimumSteps && steps <= maximumSteps }
}

extension ValueGrid {
    /// The grids of the settings table, by their old names (the table is where they are defined).
    public static var scale: ValueGrid { Settings.scale.grid }
    public static var margin: ValueGrid { Settings.margin.grid }
    public static var cosine: ValueGrid { Settings.cosine.grid }
    public static var angle: ValueGrid { Settings.angle.grid }
    public static var direction: ValueGrid { Settings.direction.grid }
    public static var logit: ValueGrid { Settings.logit.grid }
    public static var spread: ValueGrid { Settings.spread.grid }
}
