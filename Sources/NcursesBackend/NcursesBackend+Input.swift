import CNcurses
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NcursesBackend {
    /// Blocks until a key, a mouse event or a resize arrives, and returns it.
    ///
    /// Returns `nil` when input has ended (the terminal hung up or standard
    /// input closed), so the application's loop ends and it exits cleanly.
    /// Keys the application has no name for (and mouse motion with no button
    /// held) are skipped. After `.resize` the next `draw` writes the whole
    /// frame.
    public func nextEvent() -> Event? {
        var failures = 0
        while !stopped {
            var character: wint_t = 0
            errno = 0
            let result = wget_wch(window, &character)
            if result == ERR {
                // A signal that interrupts the read is not the end of input;
                // anything else (EOF, EIO after a hang-up) is. The bound keeps
                // a terminal that keeps failing from spinning.
                failures += 1
                if errno == EINTR && failures < 100 { continue }
                return nil
            }
            failures = 0
            if result == KEY_CODE_YES {
                if let event = event(forKeyCode: Int32(bitPattern: character)) { return event }
            } else if let key = Self.key(forCharacter: UInt32(character)) {
                return .key(key)
            }
        }
        return nil
    }

    /// The key for a character `get_wch` returned (not a key code).
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .control(" ")
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))  // Ctrl-A … Ctrl-Z
        case 28...31: return .control(Character(Unicode.Scalar(value + 64)!))  // Ctrl-\ ] ^ _
        case 0x80..<0xA0: return nil  // C1 controls
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    /// The event for a key code `get_wch` returned (`KEY_CODE_YES`).
    private func event(forKeyCode code: Int32) -> Event? {
        switch code {
        case KEY_RESIZE:
            invalidate()
            let (width, height) = size
            return .resize(width: width, height: height)
        case KEY_MOUSE:
            return mouseEvent().map { .mouse($0) }
        default:
            if code != 0 && code == extendedShiftUp { return .key(.shiftUp) }
            if code != 0 && code == extendedShiftDown { return .key(.shiftDown) }
            return Self.key(forKeyCode: code).map { .key($0) }
        }
    }

    /// The key for an ncurses key code such as `KEY_UP` or `KEY_F(5)`.
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SR: return .shiftUp  // "scroll reverse": shift-up on many terminals
        case KEY_SF: return .shiftDown  // "scroll forward": shift-down
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_FIND: return .home  // vt220-style keypads send Find/Select
        case KEY_END, KEY_SELECT: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        default:
            let n = code - ms_key_f0()
            if (1...63).contains(n) { return .function(Int(n)) }
            return nil
        }
    }

    /// The mouse event behind a `KEY_MOUSE`, or `nil` for motion without a
    /// held button and for reports the application has no use for.
    private func mouseEvent() -> MouseEvent? {
        var report = MEVENT()
        guard getmouse(&report) == OK else { return nil }
        let state = report.bstate
        let x = Int(report.x)
        let y = Int(report.y)
        let buttons: [(Int32, MouseButton)] = [(1, .left), (2, .middle), (3, .right)]
        for (number, button) in buttons {
            if state & ms_button_pressed(number) != 0 {
                heldButton = button
                return MouseEvent(.press, button, x: x, y: y)
            }
            if state & ms_button_released(number) != 0 {
                if heldButton == button { heldButton = nil }
                return MouseEvent(.release, button, x: x, y: y)
            }
        }
        if state & ms_button_pressed(4) != 0 { return MouseEvent(.press, .wheelUp, x: x, y: y) }
        if state & ms_button_pressed(5) != 0 { return MouseEvent(.press, .wheelDown, x: x, y: y) }
        if state & ms_report_mouse_position() != 0, let held = heldButton {
            return MouseEvent(.drag, held, x: x, y: y)
        }
        return nil
    }
}
