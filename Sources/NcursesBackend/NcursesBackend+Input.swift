import CNcurses
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NcursesBackend {
    /// Blocks until a key, a mouse event, a paste or a resize arrives, and returns it.
    ///
    /// Returns `nil` when input has ended (the terminal hung up or standard
    /// input closed), so the application's loop ends; `terminalLost` then
    /// says so. ncurses hands over raw bytes (keypad off) and `InputParser`
    /// decodes them, so every escape sequence is consumed whole whatever
    /// `TERM` says. Some keys are handled here as well as reported:
    /// Ctrl-L makes the next `draw` repaint the whole screen, Ctrl-Z suspends
    /// the program (the terminal is given back until `fg`), and after a
    /// resume (SIGCONT) the size is read again and `.resize` reported, so the
    /// next frame is drawn whole.
    public func nextEvent() -> Event? {
        readEvent(blocking: true)
    }

    /// The next event if one has already arrived, without waiting for more input.
    public func pendingEvent() -> Event? {
        readEvent(blocking: false)
    }

    private func readEvent(blocking: Bool) -> Event? {
        var interruptions = 0
        while !stopped {
            if TerminalRestorer.takeResumed() { return resumed() }
            if !queue.isEmpty, let event = filtered(queue.removeFirst()) { return event }
            if !queue.isEmpty { continue }
            let delay: Int32
            switch parser.wait {
            case .escape?: delay = escapeDelay
            case .sequence?: delay = Self.sequenceDelay
            // Blocking reads wait in ncurses' poll, not read(2): ncurses restarts an
            // interrupted read (SA_RESTART), so a resize would wait for the next key.
            case nil: delay = blocking ? Self.idleDelay : 0
            }
            wtimeout(window, delay)
            errno = 0
            let result = wgetch(window)
            if result == ERR {
                let failure = errno
                // ncurses' own SIGWINCH handling misses a resize while keypad is off
                // and it waits in poll; the size is checked here after any wake-up.
                if followResize() { return .resize(width: size.width, height: size.height) }
                errno = failure
                if errno == EINTR {
                    // A signal (SIGCONT, SIGWINCH) is not the end of input; the
                    // bound keeps a terminal that keeps failing from spinning.
                    interruptions += 1
                    if interruptions < 100 { continue }
                } else if delay == Self.idleDelay && parser.wait == nil && errno == 0 && ms_input_hung_up(STDIN_FILENO) == 0 {
                    continue  // the wait ran out with nothing read; wait again
                } else if delay >= 0 && parser.wait != nil {
                    queue.append(contentsOf: parser.expire())
                    continue
                } else if delay == 0 {
                    return nil  // nothing pending, not waiting
                }
                terminalLost = true
                return nil
            }
            if result == KEY_RESIZE {
                invalidate()
                let (width, height) = size
                return .resize(width: width, height: height)
            }
            guard (0...255).contains(result) else { continue }  // no other key codes with keypad off
            parser.feed(UInt8(result), into: &queue)
        }
        return nil
    }

    /// `event`, after acting on the keys the backend handles itself; `nil` when it is used up here.
    private func filtered(_ event: Event) -> Event? {
        switch event {
        case .key(.control("l")):
            repaintAll()
            return event
        case .key(.control("z")):
            // Suspends through the SIGTSTP handler, which gives the terminal back;
            // the program continues here after `fg`, and the next read reports it.
            raise(SIGTSTP)
            return nil
        default:
            return event
        }
    }

    /// Makes the next `draw` clear the terminal and write every cell, whatever
    /// it shows now (another program may have written to it).
    func repaintAll() {
        clearok(ms_curscr(), true)
        invalidate()
    }

    /// Resizes ncurses' screen to the terminal's real size if they differ
    /// (true), so that the next `draw` writes everything at the new size.
    private func followResize() -> Bool {
        var rows: Int32 = 0, columns: Int32 = 0
        guard ms_terminal_size(STDOUT_FILENO, &rows, &columns) == 0,
              rows != getmaxy(window) || columns != getmaxx(window) else { return false }
        resizeterm(rows, columns)
        invalidate()
        return true
    }

    /// Takes the terminal back after SIGCONT: program modes, alternate screen,
    /// hidden cursor, mouse and paste reports, the size as it is now.
    private func resumed() -> Event {
        reset_prog_mode()
        ms_put_capability("smcup")
        // ncurses believes the cursor is still hidden; show, then hide, so it sends civis.
        curs_set(1)
        curs_set(0)
        // SIGWINCH only reaches the foreground job: a resize made while stopped is read here.
        _ = followResize()
        repaintAll()
        doupdate()
        enableReports()
        TerminalRestorer.rearm()
        let (width, height) = size
        return .resize(width: width, height: height)
    }

    /// How long, in milliseconds, one blocking wait for input lasts before it is renewed.
    static let idleDelay: Int32 = 60_000

    /// How long, in milliseconds, a byte of an escape sequence may lag behind the previous one.
    static let sequenceDelay: Int32 = 1000

    /// How long, in milliseconds, a lone Esc waits for the rest of a possible
    /// escape sequence: `ESCDELAY` from the environment (as in ncurses), else 150.
    static func escapeDelay(environment value: String?) -> Int32 {
        guard let value, let ms = Int32(value), ms >= 0 else { return 150 }
        return min(ms, 10_000)
    }
}
