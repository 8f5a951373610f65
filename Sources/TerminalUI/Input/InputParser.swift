/// Turns the bytes a terminal sends into keys, mouse events and pastes,
/// consuming every escape sequence whole.
///
/// Pure and terminal-independent: the backend feeds it every byte it reads
/// and calls `expire()` when no byte has arrived for `wait`'s delay. The
/// grammar is ECMA-48's (the one xterm, tmux, PuTTY, rxvt and the Linux
/// console follow), so a sequence the parser has no meaning for is still
/// recognised as one and dropped as a unit, never read as Esc plus loose
/// characters:
///
/// - CSI `ESC [` parameters (0x30–0x3F), intermediates (0x20–0x2F), one final
///   byte (0x40–0x7E); SS3 `ESC O` with optional modifier digits and a final;
///   OSC `ESC ]`, DCS `ESC P`, APC, PM and SOS up to BEL or ST (`ESC \`).
/// - Keys: arrows, Home/End, PgUp/PgDn, Insert/Delete and F1–F20 in the
///   xterm, VT220, PuTTY, rxvt and Linux-console spellings; Shift with the
///   arrows and F1–F12 (reported as F13–F24, as terminfo names them);
///   xterm's `modifyOtherKeys` (`CSI 27;m;c ~`) and the `CSI c;m u` form.
///   Other modifier combinations (Alt, Ctrl with arrows) are dropped rather
///   than read as a different key. rxvt ends its modified keys with `$`
///   (`ESC [ 7 $`), which ECMA-48 counts as an intermediate: after parameters
///   `$` ends the sequence here, since no key continues past it.
/// - Mouse: SGR (`CSI < b;x;y M/m`), urxvt (`CSI b;x;y M`) and X10 (`CSI M`
///   plus three bytes) reports.
/// - Bracketed paste (`CSI 200~` … `CSI 201~`) becomes one `.paste`.
/// - Focus reports, terminal replies and Alt plus a key are dropped.
///
/// A lone Esc is only known once the next byte is late: `wait` is `.escape`
/// then, and the caller should expire it after the escape delay. Inside a
/// sequence `wait` is `.sequence`, for which a longer delay is right (the
/// rest is on its way; an expired partial sequence is dropped). Input is
/// decoded as UTF-8; malformed bytes are dropped.
public struct InputParser: Sendable {
    /// Which delay applies to the bytes held back so far.
    public enum Wait: Hashable, Sendable {
        /// A lone Esc: a key if nothing follows soon.
        case escape
        /// Part of a sequence, a character or a paste.
        case sequence
    }

    /// The longest paste kept, in bytes; the rest of a longer paste is dropped.
    public static let pasteLimit = 65_536
    /// The longest parameter string kept for a control sequence.
    static let sequenceLimit = 256

    private enum Mode: Sendable {
        case ground
        case utf8(remaining: Int, value: UInt32, minimum: UInt32, alt: Bool)
        case escape
        case csi
        case linuxFunction
        case ss3
        case string
        case stringEscape
        case x10
        case paste
    }

    private var mode = Mode.ground
    private var buffer: [UInt8] = []
    private var overflow = false
    private var paste: [UInt8] = []
    private var pasteLength = 0
    private var pasteTail: [UInt8] = []
    /// X10 mouse releases do not say which button; this one was pressed last.
    private var heldButton: MouseButton?

    public init() {}

    /// The delay the held-back bytes wait for, or `nil` when nothing is held.
    public var wait: Wait? {
        switch mode {
        case .ground: return nil
        case .escape: return .escape
        default: return .sequence
        }
    }

    /// Feeds bytes and returns the events they complete.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [Event] {
        var events: [Event] = []
        for byte in bytes { feed(byte, into: &events) }
        return events
    }

    /// Feeds one byte, appending the events it completes to `events`.
    public mutating func feed(_ byte: UInt8, into events: inout [Event]) {
        switch mode {
        case .ground: ground(byte, &events)
        case .utf8(let remaining, let value, let minimum, let alt):
            guard byte & 0xC0 == 0x80 else {
                // A truncated character is dropped; the byte starts afresh.
                mode = .ground
                ground(byte, &events)
                return
            }
            let next = value << 6 | UInt32(byte & 0x3F)
            if remaining > 1 {
                mode = .utf8(remaining: remaining - 1, value: next, minimum: minimum, alt: alt)
                return
            }
            mode = .ground
            // Overlong forms and surrogates are malformed; Alt plus a character is no command.
            if !alt, next >= minimum, let scalar = Unicode.Scalar(next) {
                events.append(.key(.character(Character(scalar))))
            }
        case .escape: afterEscape(byte, &events)
        case .csi: controlSequence(byte, &events)
        case .linuxFunction:
            mode = .ground
            // The Linux console's F1–F5: ESC [ [ A … E.
            if (0x41...0x45).contains(byte) { events.append(.key(.function(Int(byte) - 0x40))) }
        case .ss3: singleShift(byte, &events)
        case .string:
            if byte == 0x07 || byte == 0x18 || byte == 0x1A { mode = .ground } else if byte == 0x1B { mode = .stringEscape }
        case .stringEscape:
            // ESC \ ends the string; ESC and anything else ends it and starts a new sequence.
            mode = .ground
            if byte != 0x5C { afterEscape(byte, &events) }
        case .x10:
            buffer.append(byte)
            if buffer.count == 3 {
                mode = .ground
                if let mouse = mouse(code: Int(buffer[0]) - 32, x: Int(buffer[1]) - 32, y: Int(buffer[2]) - 32, release: nil) {
                    events.append(.mouse(mouse))
                }
            }
        case .paste: pasted(byte, &events)
        }
    }

    /// Gives up waiting: a held-back Esc becomes the Esc key, a paste ends
    /// with what has arrived, and a partial sequence or character is dropped.
    public mutating func expire() -> [Event] {
        defer { mode = .ground }
        switch mode {
        case .escape: return [.key(.escape)]
        case .paste: return [finishPaste(terminated: false)]
        default: return []
        }
    }

    // MARK: - States

    private mutating func ground(_ byte: UInt8, _ events: inout [Event]) {
        switch byte {
        case 0x1B: mode = .escape
        case 0x00..<0x20, 0x7F:
            if let key = Self.key(forControl: byte) { events.append(.key(key)) }
        case 0x20..<0x7F: events.append(.key(.character(Character(Unicode.Scalar(byte)))))
        default: startCharacter(byte, alt: false)
        }
    }

    /// A UTF-8 lead byte (C2–F4); anything else above 0x7F is malformed and dropped.
    private mutating func startCharacter(_ byte: UInt8, alt: Bool) {
        switch byte {
        case 0xC2...0xDF: mode = .utf8(remaining: 1, value: UInt32(byte & 0x1F), minimum: 0x80, alt: alt)
        case 0xE0...0xEF: mode = .utf8(remaining: 2, value: UInt32(byte & 0x0F), minimum: 0x800, alt: alt)
        case 0xF0...0xF4: mode = .utf8(remaining: 3, value: UInt32(byte & 0x07), minimum: 0x10000, alt: alt)
        default: mode = .ground
        }
    }

    private mutating func afterEscape(_ byte: UInt8, _ events: inout [Event]) {
        buffer.removeAll(keepingCapacity: true)
        overflow = false
        switch byte {
        case 0x5B: mode = .csi  // [
        case 0x4F: mode = .ss3  // O
        case 0x5D, 0x50, 0x5F, 0x5E, 0x58: mode = .string  // ] P _ ^ X: OSC, DCS, APC, PM, SOS
        case 0x1B:
            // Esc Esc: the first was a key of its own; the second may start a sequence.
            events.append(.key(.escape))
            mode = .escape
        case 0x80...: startCharacter(byte, alt: true)
        default: mode = .ground  // Alt plus a key: no command
        }
    }

    private mutating func controlSequence(_ byte: UInt8, _ events: inout [Event]) {
        switch byte {
        case 0x20...0x3F:
            if byte == 0x24, !buffer.isEmpty, buffer.allSatisfy({ (0x30...0x3B).contains($0) }) {
                // rxvt ends Shift-Home and the like with "$", which ECMA-48 calls an intermediate.
                mode = .ground
                return
            }
            if buffer.count < Self.sequenceLimit { buffer.append(byte) } else { overflow = true }
        case 0x40...0x7E:
            mode = .ground
            if buffer.isEmpty && byte == 0x4D {  // ESC [ M: X10 mouse, three raw bytes follow
                mode = .x10
                return
            }
            if buffer.isEmpty && byte == 0x5B {
                mode = .linuxFunction
                return
            }
            if !overflow, let event = dispatch(final: byte) { events.append(event) }
        default:
            // A control character cuts the sequence short and counts on its own
            // (Ctrl-C inside a garbled sequence still quits).
            mode = .ground
            ground(byte, &events)
        }
    }

    private mutating func singleShift(_ byte: UInt8, _ events: inout [Event]) {
        if (0x30...0x39).contains(byte) || byte == 0x3B {
            if buffer.count < 8 { buffer.append(byte) } else { mode = .ground }
            return
        }
        mode = .ground
        guard (0x40...0x7E).contains(byte) else {
            ground(byte, &events)
            return
        }
        let modifier = buffer.isEmpty ? 1 : Self.parameters(buffer).last.flatMap { $0 } ?? 1
        let key: Key?
        switch byte {
        case 0x41...0x44: key = Self.arrow(byte, modifier: modifier)
        case 0x48: key = modifier == 1 ? .home : nil
        case 0x46: key = modifier == 1 ? .end : nil
        case 0x50...0x53: key = Self.function(Int(byte) - 0x4F, modifier: modifier)
        case 0x4D: key = modifier == 1 ? .enter : nil  // keypad Enter
        // The application keypad: 0–9, * + , - . / and =.
        case 0x70...0x79: key = .character(Character(Unicode.Scalar(byte - 0x70 + 0x30)))
        case 0x6A...0x6F: key = .character(Character(Unicode.Scalar(byte - 0x6A + 0x2A)))
        case 0x58: key = .character("=")
        default: key = nil
        }
        if let key { events.append(.key(key)) }
    }

    private mutating func pasted(_ byte: UInt8, _ events: inout [Event]) {
        if paste.count < Self.pasteLimit { paste.append(byte) }
        pasteLength += 1
        pasteTail.append(byte)
        if pasteTail.count > Self.pasteEnd.count { pasteTail.removeFirst() }
        if pasteTail == Self.pasteEnd {
            mode = .ground
            events.append(finishPaste(terminated: true))
        }
    }

    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    private mutating func finishPaste(terminated: Bool) -> Event {
        let length = min(Self.pasteLimit, terminated ? pasteLength - Self.pasteEnd.count : pasteLength)
        let text = String(decoding: paste.prefix(length), as: UTF8.self)
        paste.removeAll()
        pasteTail.removeAll()
        pasteLength = 0
        // Terminals paste line ends as CR; the text keeps them as LF. Other controls go.
        var kept = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n" && previous == "\r" { continue }
            if scalar == "\r" || scalar == "\n" { kept.append("\n"); continue }
            if scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value) || scalar == "\t" { kept.append(scalar) }
        }
        return .paste(String(kept))
    }

    // MARK: - Meanings

    /// The event a complete control sequence stands for, or `nil` to drop it.
    private mutating func dispatch(final: UInt8) -> Event? {
        if buffer.first == 0x3C {  // "<": SGR mouse
            let p = Self.parameters(buffer.dropFirst())
            guard final == 0x4D || final == 0x6D, p.count == 3, let b = p[0], let x = p[1], let y = p[2] else { return nil }
            return mouse(code: b, x: x, y: y, release: final == 0x6D).map { .mouse($0) }
        }
        // Other private forms (?, >, =) and intermediates are replies and modes, not keys.
        guard buffer.allSatisfy({ (0x30...0x3B).contains($0) }) else { return nil }
        let p = Self.parameters(buffer)
        let first = p.first.flatMap { $0 } ?? 1
        let modifier = p.count > 1 ? p[1] ?? 1 : 1
        // Keys carry at most a key number and a modifier; "1;2R" is Shift-F3, any other "r;cR" a cursor report.
        let key: Key?
        switch final {
        case 0x41...0x44: key = first == 1 && p.count <= 2 ? Self.arrow(final, modifier: modifier) : nil
        case 0x48: key = first == 1 && modifier == 1 && p.count <= 2 ? .home : nil
        case 0x46: key = first == 1 && modifier == 1 && p.count <= 2 ? .end : nil
        case 0x50...0x53: key = first == 1 && p.count <= 2 ? Self.function(Int(final) - 0x4F, modifier: modifier) : nil
        case 0x5A: key = p.isEmpty ? .backTab : nil
        case 0x61...0x64 where p.isEmpty:  // rxvt: Shift with the arrows, lower case
            key = [.shiftUp, .shiftDown, .shiftRight, .shiftLeft][Int(final - 0x61)]
        case 0x7E:
            if first == 200 && p.count == 1 {
                mode = .paste
                return nil
            }
            if first == 27 && p.count == 3, let m = p[1], let c = p[2] {
                key = Self.otherKey(code: c, modifier: m)
            } else {
                key = Self.tilde(first, modifier: modifier, count: p.count)
            }
        case 0x75: key = p.count <= 2 && !p.isEmpty ? Self.otherKey(code: first, modifier: modifier) : nil  // CSI u
        case 0x4D where p.count == 3:  // urxvt mouse
            guard let b = p[0], let x = p[1], let y = p[2] else { return nil }
            return mouse(code: b - 32, x: x, y: y, release: nil).map { .mouse($0) }
        default: key = nil
        }
        return key.map { .key($0) }
    }

    /// A mouse report: button code `code` (xterm's bits: 0–2 a button, 3 a
    /// release, +32 motion, +64 wheel; 4, 8, 16 are modifiers and ignored),
    /// 1-based cell `x`, `y`; `release` is SGR's m/M, `nil` for X10 and urxvt.
    private mutating func mouse(code: Int, x: Int, y: Int, release: Bool?) -> MouseEvent? {
        guard code >= 0 else { return nil }
        let column = max(0, x - 1), row = max(0, y - 1)
        let low = code & 3
        if code & 64 != 0 {
            guard code & 32 == 0, release != true, low < 2 else { return nil }
            return MouseEvent(.press, low == 0 ? .wheelUp : .wheelDown, x: column, y: row)
        }
        if code & 128 != 0 { return nil }  // extra buttons 8–11
        let buttons: [MouseButton] = [.left, .middle, .right]
        if code & 32 != 0 {
            // Motion: a drag of the button it names, or (X10, button 3) of the one held.
            guard let button = low < 3 ? buttons[low] : heldButton else { return nil }
            return MouseEvent(.drag, button, x: column, y: row)
        }
        if release == true || low == 3 {
            guard let button = low < 3 ? buttons[low] : heldButton else { return nil }
            heldButton = nil
            return MouseEvent(.release, button, x: column, y: row)
        }
        heldButton = buttons[low]
        return MouseEvent(.press, buttons[low], x: column, y: row)
    }

    /// The semicolon-separated numbers of a parameter string (`nil` where
    /// empty); kitty's colon sub-parameters are cut off.
    static func parameters<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [Int?] {
        guard !bytes.isEmpty else { return [] }
        return bytes.split(separator: 0x3B, omittingEmptySubsequences: false).map { field in
            let digits = field.prefix { $0 != 0x3A }
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
    }

    /// xterm's modifier parameter: 1 + (1 Shift, 2 Alt, 4 Ctrl, 8 Meta …).
    private static func arrow(_ final: UInt8, modifier: Int) -> Key? {
        let index = Int(final - 0x41)
        switch modifier {
        case 1: return [Key.up, .down, .right, .left][index]
        case 2: return [Key.shiftUp, .shiftDown, .shiftRight, .shiftLeft][index]
        default: return nil
        }
    }

    /// F`n`, or F`n+12` with Shift (terminfo's kf13–kf24); other modifiers are dropped.
    private static func function(_ n: Int, modifier: Int) -> Key? {
        switch modifier {
        case 1: return .function(n)
        case 2 where n <= 12: return .function(n + 12)
        default: return nil
        }
    }

    /// The VT220-style `CSI n ~` keys, with PuTTY's, rxvt's and the Linux console's numbers.
    private static func tilde(_ number: Int, modifier: Int, count: Int) -> Key? {
        guard count <= 2 else { return nil }
        let functionKeys: [Int: Int] = [
            11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10,
            23: 11, 24: 12, 25: 13, 26: 14, 28: 15, 29: 16, 31: 17, 32: 18, 33: 19, 34: 20,
        ]
        if let n = functionKeys[number] { return function(n, modifier: modifier) }
        guard modifier == 1 else { return nil }
        switch number {
        case 1, 7: return .home  // 1: PuTTY, Linux console, tmux, screen; 7: rxvt
        case 4, 8: return .end
        case 2: return .insert
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        default: return nil
        }
    }

    /// A key reported by code point and modifier (`modifyOtherKeys`, `CSI u`):
    /// plain and shifted characters, Ctrl with a letter; Alt and the rest are dropped.
    private static func otherKey(code: Int?, modifier: Int) -> Key? {
        guard let code, let scalar = Unicode.Scalar(UInt32(clamping: code)), modifier >= 1 else { return nil }
        let bits = modifier - 1
        let shift = bits & 1 != 0, control = bits & 4 != 0
        guard bits & ~5 == 0 else { return nil }
        if control {
            guard !shift, ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) else { return nil }
            return .control(Character(String(scalar).lowercased()))
        }
        switch code {
        case 9: return shift ? .backTab : .tab
        case 13: return shift ? nil : .enter
        case 27: return shift ? nil : .escape
        case 8, 127: return shift ? nil : .backspace
        case 0..<0x20, 0x7F..<0xA0: return nil
        default: return .character(Character(shift ? String(scalar).uppercased() : String(scalar)))
        }
    }

    /// The key a C0 control byte (or DEL) stands for.
    public static func key(forControl byte: UInt8) -> Key? {
        switch byte {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 0: return .control(" ")
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(byte + 96)))  // Ctrl-A … Ctrl-Z
        case 28...31: return .control(Character(Unicode.Scalar(byte + 64)))  // Ctrl-\ ] ^ _
        default: return nil
        }
    }
}
