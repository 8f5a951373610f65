/// One class's input on the cosine screen, kept in the form the user gave it.
///
/// A cosine is stored in thousandths, an angle in tenths of a degree. The other
/// form is derived when shown (cos θ of an angle; arccos of a cosine, rounded to
/// the angle grid), never written back, so switching the view with `c` cannot
/// change a number: two presses give back exactly the state you started from,
/// and one press keeps every cosine, loss and gradient as it was.
public enum ClassInput: Hashable, Sendable {
    /// cos θ_j in `ValueGrid.cosine` steps.
    case cosine(Int)
    /// θ_j in `ValueGrid.angle` steps.
    case angle(Int)

    /// The input entered in `mode`, from steps of that mode's grid.
    public init(steps: Int, mode: CosineInputMode) {
        self = mode == .cosine ? .cosine(steps) : .angle(steps)
    }

    /// cos θ_j, exact for a cosine and `cos` of the angle (exact at multiples of 90°) otherwise.
    public var cosine: Double {
        switch self {
        case .cosine(let steps): return ValueGrid.cosine.value(steps)
        case .angle(let steps): return ExplorerState.cosineOfDegrees(ValueGrid.angle.value(steps))
        }
    }

    /// θ_j in degrees, exact for an angle and arccos of the cosine otherwise.
    public var degrees: Double {
        switch self {
        case .cosine(let steps): return ExplorerState.degrees(acosOf: ValueGrid.cosine.value(steps))
        case .angle(let steps): return ValueGrid.angle.value(steps)
        }
    }

    /// The steps shown in `mode`: the stored steps when the form matches, else the nearest grid point.
    public func steps(in mode: CosineInputMode) -> Int {
        switch (self, mode) {
        case (.cosine(let steps), .cosine), (.angle(let steps), .angle): return steps
        case (.cosine, .angle): return ValueGrid.angle.steps(nearest: degrees)!
        case (.angle, .cosine): return ValueGrid.cosine.steps(nearest: cosine)!
        }
    }

    /// Whether the value is held in the form `mode` shows (then what is shown is exact).
    public func isExact(in mode: CosineInputMode) -> Bool {
        switch (self, mode) {
        case (.cosine, .cosine), (.angle, .angle): return true
        default: return false
        }
    }
}
