import Testing

@Test func placeholderLossMath() { #expect(Bool(true)) }
