import Foundation

/// The hidden layer's nonlinearity.
public enum Activation: String, CaseIterable, Hashable, Sendable {
    /// `tanh(h)`; derivative `1 − a²` from the output a.
    case tanh
    /// `max(0, h)`; derivative 1 where the output is positive, else 0 (0 at h = 0).
    case relu

    @inline(__always)
    func apply(_ h: Double) -> Double {
        switch self {
        case .tanh: Foundation.tanh(h)
        case .relu: h > 0 ? h : 0
        }
    }

    /// The derivative, computed from the activation's output `a`.
    @inline(__always)
    func derivative(output a: Double) -> Double {
        switch self {
        case .tanh: 1 - a * a
        case .relu: a > 0 ? 1 : 0
        }
    }
}
