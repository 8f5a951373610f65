import Testing

@testable import MarginScopeCLI

/// The note `bench` adds when a fixed target lies below the machine's own exponential floor.
@Suite("Bench: targets below the floor")
struct BenchFloorNoteTests {
    static func rows(floor: Double, keypress: Double, floorSize: String = "1024x5994") -> [BenchRow] {
        [
            BenchRow(name: "floor: exponentials", size: floorSize, medianMilliseconds: floor),
            BenchRow(
                name: "keypress batch s+", size: "1024x5994", medianMilliseconds: keypress,
                target: BenchTarget(maximumMilliseconds: 3)),
        ]
    }

    @Test func aFloorAboveTheTargetIsNamedWithBothFigures() {
        let notes = BenchCases.targetsBelowTheFloor(Self.rows(floor: 3.78, keypress: 4.6))
        #expect(notes.count == 1)
        #expect(notes.first?.contains("keypress batch s+ 1024x5994") == true)
        #expect(notes.first?.contains("3.00 ms") == true)
        #expect(notes.first?.contains("3.78 ms") == true)
    }

    @Test func aFloorBelowTheTargetOrOfAnotherSizeSaysNothing() {
        #expect(BenchCases.targetsBelowTheFloor(Self.rows(floor: 1.0, keypress: 1.8)).isEmpty)
        #expect(BenchCases.targetsBelowTheFloor(Self.rows(floor: 3.78, keypress: 4.6, floorSize: "256x1000")).isEmpty)
        #expect(BenchCases.targetsBelowTheFloor(Array(Self.rows(floor: 3.78, keypress: 4.6).dropFirst())).isEmpty)
    }
}
