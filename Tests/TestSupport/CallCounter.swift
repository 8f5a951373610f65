import Foundation

/// Counts calls from any thread (a stop closure is asked from every thread of a parallel pass).
public final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    public init() {}

    /// The calls so far.
    public var value: Int { lock.withLock { count } }

    /// Counts one call; the count after it.
    public func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
