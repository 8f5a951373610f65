import TerminalUI
import Testing

@Test func columnWidthsMatchTheTerminal() {
    #expect(ColumnWidth.of("θ" as Character) == 1)
    #expect(ColumnWidth.of("中" as Character) == 2)
    #expect(ColumnWidth.of("⠁" as Character) == 1)
    #expect(ColumnWidth.of("█" as Character) == 1)
    #expect(ColumnWidth.of(Character("\u{301}")) == 0)
    #expect(ColumnWidth.of("e\u{301}") == 1)
    #expect(ColumnWidth.of("cos θ 中文") == 10)
}
