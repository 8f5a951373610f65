/// How many threads LossMath's batch computations may use.
///
/// By default a large batch is split over every core; a caller that is itself running
/// several batches at once, or a benchmark comparing with a single-threaded peer,
/// limits it here. The results are the same bits for any limit.
public enum LossMathThreads {
    /// Runs `body` with LossMath's batch work limited to `count` threads (at least 1) on this thread.
    public static func limited<T>(to count: Int, _ body: () throws -> T) rethrows -> T {
        try Parallel.$threadLimit.withValue(max(1, count), operation: body)
    }
}
