import Dispatch

/// Wall-clock medians of repeated runs, after a warm-up.
///
/// The median, not the mean: on a shared machine a run now and then loses its core
/// for a few milliseconds, and the median ignores those without hiding a slow path
/// that every run takes.
struct BenchTiming {
    /// Runs not timed before the timed ones (caches, page faults, lazy initialisation).
    var warmup: Int
    /// Timed runs, at least.
    var runs: Int
    /// Stop adding timed runs once this many seconds have gone by (after three runs at least).
    var budget: Double
    /// Keep adding timed runs (beyond `runs`, up to `maximumRuns`) until this many seconds have
    /// gone by: fifteen runs of a 0.07 ms loss are a millisecond of sampling, which one stall of
    /// this shared machine's host can shift; a tenth of a second of runs gives a median that holds
    /// from one bench run to the next. Long runs are unaffected (fifteen of them take longer).
    var minimumSeconds: Double = 0
    var maximumRuns = 5000

    /// The median wall time of `body` in milliseconds; `preparing` runs before each run, untimed.
    func median(preparing: () -> Void = {}, _ body: () -> Void) -> Double {
        withoutActuallyEscaping(body) { interleavedMedians([$0], preparing: preparing)[0] }
    }

    /// The median wall times of `bodies` in milliseconds, timed in interleaved rounds: each round
    /// runs every body once, in order. A stall of the host then falls on every body alike instead
    /// of on whichever was being timed, so the ratios between them (a loss to its floor, a fresh
    /// output to a kept one) hold from run to run. Each body is warmed up first; the rounds stop
    /// after `runs` rounds and `minimumSeconds`, or `budget` (seconds counted per body), or
    /// `maximumRuns` rounds. `preparing` runs before each body, untimed.
    func interleavedMedians(_ bodies: [() -> Void], preparing: () -> Void = {}) -> [Double] {
        guard !bodies.isEmpty else { return [] }
        for _ in 0..<warmup {
            for body in bodies {
                preparing()
                body()
            }
        }
        var times = [[Double]](repeating: [], count: bodies.count)
        let start = Self.now()
        var rounds = 0
        while rounds < maximumRuns {
            for (index, body) in bodies.enumerated() {
                preparing()
                let t0 = Self.now()
                body()
                times[index].append(Double(Self.now() - t0) / 1e6)
            }
            rounds += 1
            let elapsed = Double(Self.now() - start) / 1e9 / Double(bodies.count)
            if rounds >= 3 && elapsed > budget { break }
            if rounds >= runs && elapsed >= minimumSeconds { break }
        }
        return times.map(Self.median(of:))
    }

    /// How the runs were chosen, for the report's footer.
    var summary: String {
        let seconds = { (value: Double) in value == value.rounded() ? "\(Int(value)) s" : "\(value) s" }
        guard minimumSeconds > 0 else { return "Medians of up to \(runs) runs (\(seconds(budget)) at most)" }
        return "Medians of \(runs) runs or more (\(seconds(minimumSeconds)) of runs at least, \(seconds(budget)) at most)"
    }

    static func median(of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Monotonic nanoseconds.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that made it.
@inline(never)
func benchConsume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
