import TerminalUI
import Testing

@Test func niceTicksUseOneTwoFiveSteps() {
    #expect(niceTicks(0, 1, count: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(niceTicks(0, 1, count: 5) == [0, 0.5, 1])
    #expect(niceTicks(0, 100, count: 5) == [0, 50, 100])
    #expect(niceTicks(-0.35, 1, count: 5) == [0, 0.5, 1])
    #expect(niceTicks(-30, 30, count: 7) == [-30, -20, -10, 0, 10, 20, 30])
}

@Test func niceTicksAreTheNearestDoubles() {
    let ticks = niceTicks(0.1, 0.3, count: 3)
    #expect(ticks == [0.1, 0.2, 0.3])
    #expect(ticks[2] != 0.1 + 0.2)
}

@Test func niceTicksNeverExceedTheCount() {
    for count in 2...12 {
        for (lo, hi) in [(0.0, 1.0), (-0.35, 0.45), (3.0, 1000.0), (-1e-6, 2e-6)] {
            let ticks = niceTicks(lo, hi, count: count)
            #expect(ticks.count <= count && ticks.count >= 1)
            #expect(ticks.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 })
        }
    }
}

@Test func niceTicksHandleDegenerateRanges() {
    #expect(niceTicks(5, 5, count: 4) == [5])
    #expect(niceTicks(.nan, 1, count: 4) == [])
    #expect(niceTicks(0, .infinity, count: 4) == [])
    #expect(niceTicks(1, 0, count: 3) == [0, 0.5, 1])
    #expect(niceTicks(0, 1, count: 0) == [0, 1])
}

@Test func tickLabelsShowJustEnoughDecimals() {
    #expect(tickLabels([0, 0.5, 1]) == ["0.0", "0.5", "1.0"])
    #expect(tickLabels([0, 50, 100]) == ["0", "50", "100"])
    #expect(tickLabels([0.1, 0.1 + 0.2]) == ["0.1", "0.3"])
    #expect(tickLabels([0, 0.05]) == ["0.00", "0.05"])
}
