import Testing

@testable import MarginScopeCLI

/// The bench's interleaved rounds: every body once a round, in order, after the warm-up.
@Suite("Bench: interleaved timing")
struct BenchTimingTests {
    @Test func eachRoundRunsEveryBodyOnceInOrder() {
        let timing = BenchTiming(warmup: 2, runs: 5, budget: 60)
        var calls: [Int] = []
        let medians = timing.interleavedMedians((0..<3).map { index in { calls.append(index) } })
        #expect(medians.count == 3)
        #expect(medians.allSatisfy { $0 >= 0 && $0.isFinite })
        // Two warm-up rounds and five timed ones, each 0, 1, 2.
        #expect(calls == Array(repeating: [0, 1, 2], count: 7).flatMap { $0 })
    }

    @Test func aSlowBodyIsTimedAsSlowAndTheOthersAreNot() {
        let timing = BenchTiming(warmup: 1, runs: 5, budget: 60)
        let medians = timing.interleavedMedians([{}, { spin(milliseconds: 4) }, {}])
        #expect(medians[1] >= 4)
        #expect(medians[0] < medians[1] && medians[2] < medians[1])
    }

    @Test func noBodiesNoRounds() {
        #expect(BenchTiming(warmup: 1, runs: 3, budget: 1).interleavedMedians([]).isEmpty)
    }
}

/// Busy-waits `milliseconds` on the bench's own clock.
private func spin(milliseconds: Double) {
    let end = BenchTiming.now() + UInt64(milliseconds * 1e6)
    while BenchTiming.now() < end {}
}
