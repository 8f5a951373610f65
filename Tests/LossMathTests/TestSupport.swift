import Foundation
import Testing

@testable import LossMath

/// A seeded generator, so every random test is reproducible.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
    mutating func integer(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func cosines(_ count: Int) -> [Double] { (0..<count).map { _ in uniform(-1...1) } }
}

/// A straightforward LMCL implementation with Foundation's `exp`, written from the
/// formulas in Docs/Math.md §2 and independent of the library's kernels.
func referenceCosineLoss(cosines: [Double], target: Int, scale: Double, margin: Double)
    -> (loss: Double, probabilities: [Double], gradient: [Double])
{
    var z = cosines.map { scale * $0 }
    z[target] = scale * (cosines[target] - margin)
    let m = z.max()!
    let e = z.map { Foundation.exp($0 - m) }
    let sum = e.reduce(0, +)
    let p = e.map { $0 / sum }
    let loss = Foundation.log(sum) + m - z[target]
    let gradient = p.indices.map { j in scale * (p[j] - (j == target ? 1 : 0)) }
    return (loss, p, gradient)
}

/// The target's rank among the margin-adjusted scores, by sorting (independent of the library).
func referenceRank(cosines: [Double], target: Int, margin: Double) -> Int {
    let scores = cosines.enumerated().map { $0.offset == target ? $0.element - margin : $0.element }
    // Ties count in the target's favour: sort rivals first among equals, then find the target.
    let order = scores.indices.sorted { a, b in
        scores[a] != scores[b] ? scores[a] > scores[b] : (a == target ? true : (b == target ? false : a < b))
    }
    return order.firstIndex(of: target)! + 1
}

/// A random batch: each sample's target cosine leans positive, the rivals spread over [−1, 1].
func randomBatch(samples: Int, classes: Int, using rng: inout SeededGenerator) -> CosineBatch {
    var labels: [Int] = []
    var cosines: [Double] = []
    for _ in 0..<samples {
        let y = rng.integer(0...(classes - 1))
        var row = (0..<classes).map { _ in rng.uniform(-0.6...0.6) }
        row[y] = rng.uniform(-0.2...0.9)
        labels.append(y)
        cosines += row
    }
    return CosineBatch(labels: labels, cosines: cosines, classCount: classes)
}

/// `|a − b| ≤ tolerance·max(1, |a|, |b|)`: relative for large values, absolute near 0.
func isClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Central finite differences `(f(x + h e_i) − f(x − h e_i)) / 2h` for every coordinate.
///
/// Error: truncation `h²·|f‴|/6` plus rounding `ε·|f|/h`. With h = 1e-6, losses of size
/// ≤ 10 and `|f‴| ≲ s³` for s ≤ 16, both terms are ≲ 1e-9; the checks use 1e-6 relative
/// to the largest gradient entry, three orders above that.
func centralDifferences(at x: [Double], step h: Double = 1e-6, _ f: ([Double]) -> Double) -> [Double] {
    x.indices.map { i in
        var plus = x
        var minus = x
        plus[i] += h
        minus[i] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }
}

/// The largest `|numeric − analytic|`, relative to the largest analytic entry.
func finiteDifferenceError(_ numeric: [Double], _ analytic: [Double]) -> Double {
    let reference = max(analytic.map(abs).max() ?? 0, 1e-12)
    return zip(numeric, analytic).map { abs($0 - $1) }.max().map { $0 / reference } ?? 0
}

/// Largest acceptable finite-difference error (see `centralDifferences`).
let finiteDifferenceTolerance = 1e-6
