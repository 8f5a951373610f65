#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Readable axis ticks: multiples of a 1-2-5 step inside `min…max`.
///
///     niceTicks(0, 1, count: 6)      // [0, 0.2, 0.4, 0.6, 0.8, 1]
///     niceTicks(-0.35, 1, count: 5)  // [0, 0.5, 1]
///
/// - The step is the smallest of …, 0.1, 0.2, 0.5, 1, 2, 5, 10, … that gives
///   at most `count` ticks (`count` below 2 is taken as 2), so the ticks fit
///   the room the caller measured.
/// - Each tick is an integer times the step, computed as `k·m / 10ⁿ` so that
///   0.3 is the double nearest 0.3, not `0.1 + 0.2`.
/// - The bounds may come in either order; a zero-width range gives the one
///   value; NaN or infinite bounds give no ticks.
public func niceTicks(_ min: Double, _ max: Double, count: Int) -> [Double] {
    guard min.isFinite, max.isFinite else { return [] }
    let lo = Swift.min(min, max), hi = Swift.max(min, max)
    if lo == hi { return [lo] }
    let n = Swift.max(2, count)
    let span = hi - lo
    guard span.isFinite else { return [lo, hi] }
    // Start one decade below the rough step and walk up the 1-2-5 ladder.
    var exponent = Int(floor(log10(span / Double(n - 1)))) - 1
    while true {
        for m in [1.0, 2.0, 5.0] {
            let step = m * pow(10, Double(exponent))
            let first = (lo / step - 1e-9).rounded(.up)
            let last = (hi / step + 1e-9).rounded(.down)
            if last - first + 1 <= Double(n) {
                guard first.magnitude < 1e15, last.magnitude < 1e15 else { return [lo, hi] }
                return stride(from: first, through: last, by: 1).map { k in
                    exponent < 0 ? k * m / pow(10, Double(-exponent)) : k * m * pow(10, Double(exponent))
                }
            }
        }
        exponent += 1
    }
}

/// Labels for evenly spaced ticks, with just enough decimals for the step,
/// so that 0.30000000000000004 reads "0.3" and 0.5, 1, 1.5 read "0.5", "1.0", "1.5".
public func tickLabels(_ ticks: [Double], missing: String = "—") -> [String] {
    guard ticks.count >= 2 else { return ticks.map { formatNumber($0, significant: 6, missing: missing) } }
    let step = (ticks[1] - ticks[0]).magnitude
    guard step > 0, step.isFinite else { return ticks.map { formatNumber($0, significant: 6, missing: missing) } }
    let decimals = Swift.max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    let labels = ticks.map { formatNumber($0, decimals: decimals, missing: missing) }
    // From 1e6 up the compact notation keeps three significant digits, which can
    // give two ticks one label (1000000 and 1000005 both "1e6"): use as many
    // digits as it takes for every label to read back as its tick.
    guard Set(labels).count < labels.count else { return labels }
    for digits in 4...15 {
        let longer = ticks.map { formatNumber($0, significant: digits, missing: missing) }
        let exact = zip(longer, ticks).allSatisfy { label, tick in
            Double(label).map { ($0 - tick).magnitude <= step * 1e-6 } ?? false
        }
        if exact { return longer }
    }
    return labels
}
