import TerminalUI
import Testing

/// Byte streams as terminals send them (xterm's ctlseqs, PuTTY, rxvt, the
/// Linux console, tmux), and what each must become.
@Suite("Input parser")
struct InputParserTests {
    /// Everything `text` produces, with a final `expire()` (as after the escape delay).
    func events(_ text: String) -> [Event] {
        var parser = InputParser()
        return parser.feed(Array(text.utf8)) + parser.expire()
    }

    func keys(_ text: String) -> [Key] {
        events(text).compactMap { if case .key(let key) = $0 { return key } else { return nil } }
    }

    @Test func homeAndEndInEverySpellingAreHomeAndEnd() {
        // xterm normal and application mode, VT220/PuTTY/Linux/tmux, rxvt.
        for home in ["\u{1B}[H", "\u{1B}OH", "\u{1B}[1~", "\u{1B}[7~"] { #expect(events(home) == [.key(.home)], "\(Array(home.utf8))") }
        for end in ["\u{1B}[F", "\u{1B}OF", "\u{1B}[4~", "\u{1B}[8~"] { #expect(events(end) == [.key(.end)], "\(Array(end.utf8))") }
        #expect(keys("\u{1B}[5~\u{1B}[6~\u{1B}[2~\u{1B}[3~") == [.pageUp, .pageDown, .insert, .delete])
    }

    @Test func arrowsInBothCursorModesAndShiftedArrows() {
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}[1;2A\u{1B}[1;2B\u{1B}[1;2C\u{1B}[1;2D") == [.shiftUp, .shiftDown, .shiftRight, .shiftLeft])
        #expect(keys("\u{1B}[a\u{1B}[b\u{1B}[c\u{1B}[d") == [.shiftUp, .shiftDown, .shiftRight, .shiftLeft])  // rxvt
    }

    @Test func modifiedArrowsOtherThanShiftAreDroppedNotMisread() {
        // Ctrl (5), Alt (3), Ctrl-Alt (7): no key of ours, and nothing left over.
        #expect(events("\u{1B}[1;5C\u{1B}[1;3A\u{1B}[1;7D\u{1B}[5;5~").isEmpty)
    }

    @Test func functionKeysInEverySpelling() {
        #expect(keys("\u{1B}OP\u{1B}OQ\u{1B}OR\u{1B}OS") == [.function(1), .function(2), .function(3), .function(4)])
        // PuTTY, rxvt
        #expect(keys("\u{1B}[11~\u{1B}[12~\u{1B}[13~\u{1B}[14~") == [.function(1), .function(2), .function(3), .function(4)])
        #expect(keys("\u{1B}[[A\u{1B}[[E") == [.function(1), .function(5)])  // Linux console
        #expect(
            keys("\u{1B}[15~\u{1B}[17~\u{1B}[21~\u{1B}[23~\u{1B}[24~") == [
                .function(5), .function(6), .function(10), .function(11), .function(12),
            ])
        // F13: xterm's Shift-F1 and rxvt's 25~; Shift-F5 is F17.
        #expect(keys("\u{1B}[1;2P\u{1B}O2P\u{1B}[25~\u{1B}[15;2~") == [.function(13), .function(13), .function(13), .function(17)])
    }

    @Test func focusReportsRepliesAndStringsAreDroppedWhole() {
        let dropped = [
            "\u{1B}[I", "\u{1B}[O",  // focus in, out
            "\u{1B}[12;40R",  // cursor position report
            "\u{1B}[?62;22c", "\u{1B}[>0;276;0c",  // device attributes
            "\u{1B}]11;rgb:0000/0000/0000\u{07}", "\u{1B}]0;title\u{1B}\\",  // OSC, ended by BEL and by ST
            "\u{1B}P1$r0m\u{1B}\\", "\u{1B}_apc\u{1B}\\", "\u{1B}^pm\u{1B}\\",  // DCS, APC, PM
            "\u{1B}[2 q", "\u{1B}[38;2;1;2;3m",  // intermediates, long parameters
        ]
        for text in dropped { #expect(events(text).isEmpty, "\(Array(text.utf8))") }
        // And the input after them is intact.
        #expect(keys("\u{1B}]0;x q y\u{07}a\u{1B}[Ib") == [.character("a"), .character("b")])
    }

    @Test func altWithAKeyIsNeverEscFollowedByTheKey() {
        #expect(events("\u{1B}1").isEmpty)
        #expect(events("\u{1B}q").isEmpty)
        #expect(events("\u{1B}é").isEmpty)
        #expect(keys("\u{1B}xq") == [.character("q")])
    }

    @Test func aLoneEscIsHeldUntilTheDelayEnds() {
        var parser = InputParser()
        #expect(parser.feed([0x1B]).isEmpty)
        #expect(parser.wait == .escape)
        #expect(parser.expire() == [.key(.escape)])
        #expect(parser.wait == nil)
        // Esc Esc: the first is a key at once, the second waits.
        #expect(parser.feed([0x1B, 0x1B]) == [.key(.escape)])
        #expect(parser.expire() == [.key(.escape)])
    }

    @Test func aSequenceSplitAcrossReadsIsOneKey() {
        var parser = InputParser()
        #expect(parser.feed([0x1B]).isEmpty)
        #expect(parser.feed(Array("[".utf8)).isEmpty)
        #expect(parser.wait == .sequence)
        #expect(parser.feed(Array("C".utf8)) == [.key(.right)])
    }

    @Test func anUnfinishedSequenceExpiresAsNothing() {
        var parser = InputParser()
        #expect(parser.feed(Array("\u{1B}[1;".utf8)).isEmpty)
        #expect(parser.expire().isEmpty)
        #expect(parser.feed(Array("q".utf8)) == [.key(.character("q"))])
    }

    @Test func aControlCharacterInsideASequenceStillCounts() {
        // Ctrl-C must quit even when it interrupts a garbled sequence.
        #expect(keys("\u{1B}[12\u{03}") == [.control("c")])
    }

    @Test func sgrMouseReportsBecomePressesDragsReleasesAndWheel() {
        // xterm SGR (1006): button;column;row, 1-based; M press, m release; +32 motion; 64/65 wheel.
        #expect(events("\u{1B}[<0;10;5M") == [.mouse(MouseEvent(.press, .left, x: 9, y: 4))])
        #expect(events("\u{1B}[<32;11;5M") == [.mouse(MouseEvent(.drag, .left, x: 10, y: 4))])
        #expect(events("\u{1B}[<0;12;5m") == [.mouse(MouseEvent(.release, .left, x: 11, y: 4))])
        #expect(events("\u{1B}[<2;1;1M") == [.mouse(MouseEvent(.press, .right, x: 0, y: 0))])
        #expect(
            events("\u{1B}[<64;3;4M\u{1B}[<65;3;4M") == [
                .mouse(MouseEvent(.press, .wheelUp, x: 2, y: 3)),
                .mouse(MouseEvent(.press, .wheelDown, x: 2, y: 3)),
            ])
        #expect(events("\u{1B}[<35;3;4M").isEmpty)  // motion with no button held
    }

    @Test func x10AndUrxvtMouseReportsAreDecoded() {
        // X10: CSI M, then button+32, column+32, row+32 (1-based); release is button 3.
        #expect(
            events("\u{1B}[M !!\u{1B}[M#\"\"") == [
                .mouse(MouseEvent(.press, .left, x: 0, y: 0)),
                .mouse(MouseEvent(.release, .left, x: 1, y: 1)),
            ])
        // urxvt (1015): CSI button+32;column;row M.
        #expect(events("\u{1B}[32;7;8M") == [.mouse(MouseEvent(.press, .left, x: 6, y: 7))])
    }

    @Test func aBracketedPasteIsTextNeverKeys() {
        #expect(events("\u{1B}[200~q0.5\u{1B}[A\r\n1\u{1B}[201~x") == [.paste("q0.5[A\n1"), .key(.character("x"))])
        // An unterminated paste ends with what arrived when the delay runs out.
        #expect(events("\u{1B}[200~abc") == [.paste("abc")])
    }

    @Test func aHugePasteIsCutAtTheLimit() {
        var parser = InputParser()
        let body = [UInt8](repeating: 0x61, count: InputParser.pasteLimit + 1000)
        let result = parser.feed(Array("\u{1B}[200~".utf8) + body + Array("\u{1B}[201~".utf8))
        #expect(result == [.paste(String(repeating: "a", count: InputParser.pasteLimit))])
    }

    @Test func modifyOtherKeysAndCsiUBecomeTheKeysTheyName() {
        // xterm modifyOtherKeys=2: CSI 27;mod;code ~ ; kitty/fixterms: CSI code;mod u.
        #expect(keys("\u{1B}[27;5;108~\u{1B}[114;5u") == [.control("l"), .control("r")])
        #expect(
            keys("\u{1B}[13u\u{1B}[27u\u{1B}[9;2u\u{1B}[97;2u\u{1B}[113u") == [.enter, .escape, .backTab, .character("A"), .character("q")])
        #expect(events("\u{1B}[113;3u\u{1B}[27;3;49~").isEmpty)  // Alt-q, Alt-1
    }

    @Test func utf8IsDecodedAndMalformedBytesDropped() {
        #expect(keys("θ角") == [.character("θ"), .character("角")])
        var parser = InputParser()
        // A stray continuation byte, an overlong "/", a surrogate, then "a".
        #expect(parser.feed([0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x61]) == [.key(.character("a"))])
    }

    @Test func controlBytesAreControlKeys() {
        #expect(keys("\u{03}\u{0C}\u{12}\t\r\u{7F}") == [.control("c"), .control("l"), .control("r"), .tab, .enter, .backspace])
    }
}
