import Foundation
import LossMath

extension SplitMix64 {
    /// Uniform in (0, 1]: 53 random bits, shifted by one ulp so that a logarithm of it is finite.
    mutating func unitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal draw by Box–Muller (one of the pair; simplicity over speed).
    mutating func gaussian() -> Double {
        let u1 = unitInterval()
        let u2 = unitInterval()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Uniform in `0..<bound` by the multiply-high method (bias below 2⁻⁴⁰ for bound ≤ 10⁶).
    mutating func index(below bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// `0..<count` in a uniformly random order (Fisher–Yates).
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, index(below: i + 1))
            i -= 1
        }
        return order
    }
}
