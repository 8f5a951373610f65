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

    /// The median wall time of `body` in milliseconds.
    func median(_ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        let start = Self.now()
        while times.count < runs {
            let t0 = Self.now()
            body()
            times.append(Double(Self.now() - t0) / 1e6)
            if times.count >= 3 && Double(Self.now() - start) / 1e9 > budget { break }
        }
        return Self.median(of: times)
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
