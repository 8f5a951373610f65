import CNcurses
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal, driven by ncursesw: the only code that calls ncurses.
///
/// Start it, draw whole frames, read events until `nextEvent()` returns `nil`
/// or the application decides to quit, and stop it on the way out:
///
/// ```swift
/// let backend = try NcursesBackend.start(options: options)
/// defer { backend.stop() }
/// backend.draw(render(state, size: backend.size))
/// while let event = backend.nextEvent() {
///     if shouldQuit(event) { break }
///     state.apply(event)
///     backend.draw(render(state, size: backend.size))
/// }
/// ```
///
/// `nextEvent()` blocks until a key, a mouse event, a paste or a resize
/// arrives (no polling: an idle explorer uses no CPU); `pendingEvent()` returns
/// one only if it has already arrived. Input is read as raw bytes and decoded
/// by `InputParser`, the same under every `TERM`. `draw(_:)` writes only the
/// cells that changed since the previous frame, and everything after a
/// resize, a resume or Ctrl-L.
///
/// The terminal is put back on every way out: `stop()` (idempotent, also run
/// by `deinit`), and a signal handler for every signal that would end the
/// program and for the crash signals, which restores the screen and the
/// terminal modes saved before ncurses started and then lets the signal take
/// its course (see `TerminalRestorer`). Ctrl-C is not a signal here: the
/// terminal is in raw mode and it arrives as `.key(.control("c"))`; Ctrl-Z
/// suspends the program properly, as SIGTSTP does.
///
/// Only one instance can be active at a time (ncurses and the signal handler
/// are process-wide). Not thread-safe: use it from one thread.
public final class NcursesBackend: TerminalBackend {
    /// What the terminal shows: colour only if allowed and supported, Unicode
    /// only without `--ascii` and in a UTF-8 locale.
    public private(set) var capabilities: TerminalCapabilities
    /// A sentence for the user when `TERM` was unknown and a fallback type is
    /// used instead; `nil` otherwise.
    public let fallbackNote: String?
    /// The terminfo entry in use (`TERM`, or the fallback).
    public let terminalName: String

    let options: NcursesOptions
    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    /// The last frame written, for diffing; `nil` forces a full redraw.
    var previous: Canvas?
    var colorPairs: ColorPairs
    /// Decodes the bytes read into events.
    var parser = InputParser()
    /// Events decoded but not yet returned.
    var queue: [Event] = []
    /// Milliseconds a lone Esc waits for the rest of a sequence (`ESCDELAY`, else 150).
    let escapeDelay: Int32
    /// Whether mouse reports are on (asked for, and the terminal reports in xterm's way).
    let mouseReports: Bool
    /// Input ended because the terminal is gone (hang-up, EOF, EIO), not because the user quit.
    public internal(set) var terminalLost = false
    private(set) var stopped = false

    private init(
        options: NcursesOptions, screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>,
        capabilities: TerminalCapabilities, colorPairs: ColorPairs, terminalName: String, fallbackNote: String?
    ) {
        self.options = options
        self.screen = screen
        self.window = window
        self.capabilities = capabilities
        self.colorPairs = colorPairs
        self.terminalName = terminalName
        self.fallbackNote = fallbackNote
        self.escapeDelay = Self.escapeDelay(environment: getenv("ESCDELAY").map { String(cString: $0) })
        self.mouseReports = options.mouse && Self.xtermMouse
    }

    deinit { stop() }

    /// Terminal types tried, in order, when `TERM` is not in terminfo.
    static let fallbackTerminals = ["xterm-256color", "xterm", "vt100"]

    /// Takes over the terminal: alternate screen, raw mode, hidden cursor.
    ///
    /// Checks first that a full-screen program can run at all: standard input
    /// and output must be terminals and `TERM` must be set and not `dumb`;
    /// otherwise throws `TerminalUnavailable`, whose description tells the
    /// user to use `frame` or `compute` instead. A `TERM` that terminfo does
    /// not know is replaced by the first known of `xterm-256color`, `xterm`,
    /// `vt100` (see `fallbackNote`). The locale is set from the environment
    /// first, or braille and CJK text would print as garbage; a UTF-8 locale
    /// that is not installed (`LANG=en_US.UTF-8` where only C.UTF-8 exists)
    /// falls back to C.UTF-8. The size is the terminal's own (`use_env(FALSE)`):
    /// exported `COLUMNS` and `LINES` are stale after the first resize.
    public static func start(options: NcursesOptions) throws -> NcursesBackend {
        let term = getenv("TERM").map { String(cString: $0) }
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalUnavailable(.inputNotATerminal) }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalUnavailable(.outputNotATerminal) }
        guard let term, !term.isEmpty else { throw TerminalUnavailable(.termUnset) }
        guard term != "dumb" else { throw TerminalUnavailable(.termDumb) }

        if setlocale(LC_ALL, "") == nil, Self.environmentAsksForUTF8 {
            setlocale(LC_ALL, "C.UTF-8")
        }
        let utf8 = ms_locale_is_utf8() != 0

        // initscr and newterm exit the process on an unknown TERM, so probe
        // terminfo first; setupterm with an error out-parameter only reports.
        var chosen = term
        var note: String?
        if ms_terminfo_knows(term, STDOUT_FILENO) == 0 {
            guard let fallback = fallbackTerminals.first(where: { ms_terminfo_knows($0, STDOUT_FILENO) != 0 }) else {
                throw TerminalUnavailable(.termUnknown(term))
            }
            chosen = fallback
            note =
                "TERM=\"\(term)\" is not in the terminfo database, so the screen is drawn as "
                + "\(fallback); if it looks wrong, set TERM to your terminal's type."
        }

        // Save the terminal modes and install the handlers before ncurses
        // changes anything (and before it installs its own SIGINT/SIGTERM cleanup).
        TerminalRestorer.prepare(fd: STDOUT_FILENO)
        use_env(false)  // the window size from the terminal (ioctl), not stale COLUMNS and LINES
        use_tioctl(true)
        guard let screen = newterm(chosen, ms_stdout(), ms_stdin()) else {
            TerminalRestorer.uninstall()
            throw TerminalUnavailable(.startFailed("newterm refused the terminal type \"\(chosen)\""))
        }
        set_term(screen)
        guard let window = ms_stdscr() else {
            endwin()
            delscreen(screen)
            TerminalRestorer.uninstall()
            throw TerminalUnavailable(.startFailed("ncurses created no screen window"))
        }
        TerminalRestorer.arm()

        raw()  // Ctrl-C, Ctrl-Z, Ctrl-\ arrive as keys, not signals
        noecho()
        nonl()
        // Raw bytes: InputParser reads every escape sequence whole. ncurses'
        // keypad only knows the sequences terminfo lists for TERM and hands any
        // other over as Esc plus loose characters (Docs/Decisions.md).
        keypad(window, false)
        meta(window, true)
        leaveok(window, true)  // the cursor is hidden: don't move it after each update
        curs_set(0)
        wtimeout(window, -1)  // block in get_wch: no polling, no idle CPU

        var color = options.color && has_colors()
        var defaultColors = false
        if color {
            color = start_color() == OK
            defaultColors = color && use_default_colors() == OK
        }
        let backend = NcursesBackend(
            options: options, screen: screen, window: window,
            capabilities: TerminalCapabilities(color: color, unicode: !options.ascii && utf8),
            colorPairs: ColorPairs(enabled: color, defaultColors: defaultColors, limit: Int(ms_color_pairs())),
            terminalName: chosen, fallbackNote: note
        )
        // Enter the alternate screen now, not at the first frame.
        wnoutrefresh(window)
        doupdate()
        backend.enableReports()
        return backend
    }

    /// Whether the terminal reports the mouse in xterm's way (kmous starts with CSI).
    static var xtermMouse: Bool {
        guard let kmous = tigetstr("kmous"), Int(bitPattern: kmous) != -1 else { return false }
        return String(cString: kmous).hasPrefix("\u{1B}[")
    }

    /// Whether the locale the environment names (`LC_ALL`, else `LC_CTYPE`,
    /// else `LANG`) has the UTF-8 character set.
    static var environmentAsksForUTF8: Bool {
        let names: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
        let name =
            names.compactMap { (variable: String) -> String? in getenv(variable).map { String(cString: $0) } }
            .first { !$0.isEmpty } ?? ""
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// Turns on bracketed paste and, when wanted, mouse reports: presses,
    /// releases, motion while a button is held (mode 1002) in SGR's encoding
    /// (1006, no limit at column 223); `stop` and the signal handler turn them off.
    func enableReports() {
        Self.writeToTerminal("\u{1B}[?2004h")
        if mouseReports { Self.writeToTerminal("\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h") }
    }

    /// Writes `sequence` to the terminal at once, bypassing ncurses' buffer.
    static func writeToTerminal(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
    }

    /// The current size of the terminal in columns and rows.
    public var size: (width: Int, height: Int) {
        guard !stopped else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Gives the terminal back: leaves the alternate screen, shows the cursor,
    /// turns mouse reports off and restores the modes the shell had.
    ///
    /// Safe to call more than once; `deinit` calls it too.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if mouseReports { Self.writeToTerminal("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l") }
        Self.writeToTerminal("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        TerminalRestorer.disarm()
        delscreen(screen)
        TerminalRestorer.uninstall()
    }
}
