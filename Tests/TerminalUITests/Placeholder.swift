import Testing

@Test func placeholderTerminalUI() { #expect(Bool(true)) }
