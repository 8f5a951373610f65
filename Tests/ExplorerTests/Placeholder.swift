import Testing

@Test func placeholderExplorer() { #expect(Bool(true)) }
