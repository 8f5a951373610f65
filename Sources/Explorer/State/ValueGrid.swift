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
        guard abs(raw - nearest) <= 1e-9 * max(1, abs(raw)), abs(nearest) < 1e15 else { return nil }
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
        var s = String(format: "%.\(decimals)f", v)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return s
    }

    public func contains(_ steps: Int) -> Bool { steps >= minimumSteps && steps <= maximumSteps }
}

extension ValueGrid {
    /// Scale s: 0.01 to 1000 in hundredths; arrows move 1, coarse 10.
    public static let scale = ValueGrid(denominator: 100, minimum: 1, maximum: 100_000, fine: 100, coarse: 1_000, decimals: 2)
    /// Margin m: 0 to 2 in hundredths; arrows move 0.01, coarse 0.05. CosFace trains up to
    /// 0.45; the bound for d ≥ C−1 is C/(C−1) ≤ 2, the same limit `compute` accepts.
    public static let margin = ValueGrid(denominator: 100, minimum: 0, maximum: 200, fine: 1, coarse: 5, decimals: 2)
    /// A cosine: −1 to 1 in thousandths; arrows move 0.01, coarse 0.1.
    public static let cosine = ValueGrid(denominator: 1000, minimum: -1000, maximum: 1000, fine: 10, coarse: 100, decimals: 3)
    /// An angle θ in degrees: 0° to 180° in tenths; arrows move 1°, coarse 10°.
    public static let angle = ValueGrid(denominator: 10, minimum: 0, maximum: 1800, fine: 10, coarse: 100, decimals: 1)
    /// A direction in the plane (geometry screen): 0° to 359.9°, wrapping; arrows move 1°, coarse 15°.
    public static let direction = ValueGrid(denominator: 10, minimum: 0, maximum: 3599, fine: 10, coarse: 150, decimals: 1)
    /// A logit: ±1e6 in hundredths; arrows move 0.1, coarse 1.
    public static let logit = ValueGrid(denominator: 100, minimum: -100_000_000, maximum: 100_000_000, fine: 10, coarse: 100, decimals: 2)
    /// Spread of the synthetic batch: 0.01 to 1 in hundredths.
    public static let spread = ValueGrid(denominator: 100, minimum: 1, maximum: 100, fine: 1, coarse: 5, decimals: 2)
}
