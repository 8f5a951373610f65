import CNcurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts the terminal back from a signal handler when the program dies in
/// full-screen mode: killed by any signal whose default action ends the
/// process (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
/// SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS, SIGPIPE, SIGSTKFLT, SIGPWR,
/// SIGIO and the real-time signals) or crashed (SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE, SIGABRT, SIGTRAP; a Swift runtime trap is SIGILL on x86_64 and
/// SIGTRAP on arm64); and suspends it properly on SIGTSTP (Ctrl-Z).
///
/// The restore bytes (leave the alternate screen, show the cursor, stop mouse
/// reports, reset attributes, keypad off) and the terminal modes saved before
/// ncurses started are prepared in advance, so the handler only calls
/// async-signal-safe functions: `write`, `tcsetattr`, `sigaction`, `raise`.
/// While full-screen, standard error (when it is the terminal) goes to a
/// temporary file and is replayed after the screen is restored, so that the
/// runtime's "Fatal error: …" line is not lost with the alternate screen.
/// After restoring, the handler reinstates the previous disposition and
/// delivers the signal again with its default action, so that the program
/// ends at once and the shell sees which signal (status 128 + n). Only a
/// crash of the program itself with `SWIFT_BACKTRACE` set in the environment
/// goes to the Swift runtime's backtracer instead: by default it would hold
/// the terminal for 30 s with an interactive "Program crashed" prompt, and a
/// signal sent with `kill` is no crash to report. On SIGTSTP the terminal is
/// given back before stopping; after SIGCONT the input loop takes it again.
///
/// A signal handler has no context argument, so this state is necessarily
/// process-wide: one restore record, allocated once and never freed. It is
/// the only global state of the backend and only one full-screen session can
/// be active at a time.
enum TerminalRestorer {
    /// The single restore record shared with the signal handler.
    nonisolated(unsafe) static let state: UnsafeMutablePointer<ms_restore_state> = {
        let p = UnsafeMutablePointer<ms_restore_state>.allocate(capacity: 1)
        ms_restore_init(p, -1)
        return p
    }()

    /// Signals that end the program; left alone when already ignored (nohup).
    static let terminationSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    /// The other signals whose default action ends the process; handled only
    /// while at their default (another handler means someone expects them).
    static var otherFatalSignals: [Int32] {
        [
            SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS, SIGPIPE,
            SIGSTKFLT, SIGPWR, SIGIO,
        ] + Array(ms_sigrtmin()...ms_sigrtmax())
    }
    /// Job control (stop with Ctrl-Z or `kill -TSTP`, continue) and resizes:
    /// handled here rather than by ncurses, whose handlers cannot wake the input loop.
    static let jobControlSignals: [Int32] = [SIGTSTP, SIGCONT, SIGWINCH]
    /// Signals a crash raises.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Saves the modes of terminal `fd` and installs the handlers; call before
    /// ncurses starts, so ncurses sees non-default SIGINT/SIGTERM dispositions
    /// and does not install its own (non-async-signal-safe) cleanup.
    static func prepare(fd: Int32) {
        let s = state
        ms_restore_init(s, fd)
        s.pointee.backtrace = getenv("SWIFT_BACKTRACE") != nil ? 1 : 0
        ms_open_wake_pipe(s)
        ms_ensure_alternate_stack()
        let handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
            signal, info, _ in
            ms_handle_signal(TerminalRestorer.state, signal, info)
        }
        for sig in terminationSignals { _ = ms_install_handler(s, sig, handler, 1) }
        for sig in otherFatalSignals + jobControlSignals { _ = ms_install_handler(s, sig, handler, 2) }
        for sig in crashSignals { _ = ms_install_handler(s, sig, handler, 0) }
    }

    /// Records the bytes that undo full-screen mode, read from the terminfo
    /// entry ncurses is using (with xterm's sequences as fallbacks), and arms
    /// the handler.
    static func arm() {
        let s = state
        let capacity = Int32(MemoryLayout.size(ofValue: s.pointee.bytes))
        var length: Int32 = 0
        withUnsafeMutableBytes(of: &s.pointee.bytes) { raw in
            let buffer = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            // Order matters a little: attributes and mouse first, while still on
            // the alternate screen, then the cursor, then leave the screen.
            ms_append_capability(buffer, capacity, &length, "sgr0", "\u{1B}[0m")
            // Mouse and paste reports off whether or not they were asked for: harmless if never on.
            ms_append_capability(
                buffer, capacity, &length, nil,
                "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?2004l")
            ms_append_capability(buffer, capacity, &length, "rmkx", nil)
            ms_append_capability(buffer, capacity, &length, "cnorm", "\u{1B}[?25h")
            ms_append_capability(buffer, capacity, &length, "rmcup", "\u{1B}[?1049l")
        }
        s.pointee.length = length
        s.pointee.active = 1
        ms_capture_stderr(s)
    }

    /// Arms the handler again after a resume (the stop handler disarmed it
    /// when it gave the terminal back).
    static func rearm() {
        state.pointee.active = 1
    }

    /// Whether the terminal has been resized (SIGWINCH) since the last call.
    static func takeResized() -> Bool {
        ms_take_resized(state) != 0
    }

    /// Waits up to `milliseconds` (-1: without limit) for input on `fd` or a
    /// signal: 1 input is ready, 2 a signal arrived, 0 the time ran out, -1 hang-up.
    static func waitForInput(fd: Int32, milliseconds: Int32) -> Int32 {
        ms_wait_for_input(state, fd, milliseconds)
    }

    /// Whether the program has continued after a stop since the last call.
    static func takeResumed() -> Bool {
        ms_take_resumed(state) != 0
    }

    /// Disarms the handler after a normal `endwin`, and writes out what was
    /// sent to standard error meanwhile.
    static func disarm() {
        state.pointee.active = 0
        ms_release_stderr(state)
    }

    /// Puts back the dispositions that were in place before `prepare`.
    static func uninstall() {
        ms_uninstall_handlers(state)
    }
}
