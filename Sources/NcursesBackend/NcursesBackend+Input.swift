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
        readEvent(until: nil)
    }

    /// The next event if one has already arrived, without waiting for more input.
    public func pendingEvent() -> Event? {
        readEvent(until: .now)
    }

    /// Waits for an event at most `timeout` in the same `poll` (signals still wake it at once).
    public func nextEvent(waitingAtMost timeout: Duration) -> TimedEvent {
        if let event = readEvent(until: ContinuousClock.now.advanced(by: timeout)) { return .event(event) }
        return stopped || terminalLost ? .ended : .timedOut
    }

    /// Reads the next event, waiting until `deadline` at most (nil: without limit).
    private func readEvent(until deadline: ContinuousClock.Instant?) -> Event? {
        while !stopped {
            if TerminalRestorer.takeResumed() { return resumed() }
            if TerminalRestorer.takeResized(), followResize() { return .resize(width: size.width, height: size.height) }
            if !queue.isEmpty {
                if let event = filtered(queue.removeFirst()) { return event }
                continue
            }
            // The wait is ours, not ncurses': a poll on the terminal and on a pipe
            // the signal handlers write to, so SIGWINCH and SIGCONT wake it at once
            // (ncurses restarts its own wait after a signal). No timeout when idle.
            let delay: Int32
            switch parser.wait {
            case .escape?: delay = escapeDelay
            case .sequence?: delay = Self.sequenceDelay
            case nil: delay = deadline.map(Self.milliseconds(until:)) ?? -1
            }
            switch TerminalRestorer.waitForInput(fd: STDIN_FILENO, milliseconds: delay) {
            case 1:
                break
            case 2:
                continue  // a signal: its flag is read at the top
            case 0:
                if parser.wait == nil { return nil }  // not blocking, and nothing has arrived
                queue.append(contentsOf: parser.expire())
                continue
            default:
                terminalLost = true
                return nil
            }
            wtimeout(window, 0)
            errno = 0
            let result = wgetch(window)
            if result == ERR {
                // Input was ready but nothing could be read: end of file or EIO, the terminal is gone.
                if errno == EINTR { continue }
                terminalLost = true
                return nil
            }
            guard (0...255).contains(result) else { continue }  // no key codes with keypad off
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
        case .mouse where !mouseReports:
            return nil  // --no-mouse: reports the terminal sends anyway are dropped, never keys
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
    /// The backend handles SIGWINCH itself (ncurses leaves it alone then).
    private func followResize() -> Bool {
        var rows: Int32 = 0, columns: Int32 = 0
        guard ms_terminal_size(STDOUT_FILENO, &rows, &columns) == 0,
            rows != getmaxy(window) || columns != getmaxx(window)
        else { return false }
        resizeterm(rows, columns)
        invalidate()
        return true
    }

    /// Takes the terminal back after SIGCONT: program modes, alternate screen,
    /// hidden cursor, mouse and paste reports, the size as it is now.
    private func resumed() -> Event {
        reset_prog_mode()
        ms_write_capability(STDOUT_FILENO, "smcup")
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

    /// Whole milliseconds from now to `deadline`, rounded up (0 once it has passed), for `poll`.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let ms = Double(left.components.seconds) * 1000 + Double(left.components.attoseconds) * 1e-15
        return Int32(min(ms.rounded(.up), Double(Int32.max)))
    }

    /// How long, in milliseconds, a byte of an escape sequence may lag behind the previous one.
    static let sequenceDelay: Int32 = 1000

    /// How long, in milliseconds, a lone Esc waits for the rest of a possible
    /// escape sequence: `ESCDELAY` from the environment (as in ncurses), else 150.
    static func escapeDelay(environment value: String?) -> Int32 {
        guard let value, let ms = Int32(value), ms >= 0 else { return 150 }
        return min(ms, 10_000)
    }
}
