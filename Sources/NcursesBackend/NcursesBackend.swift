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
/// `nextEvent()` blocks until a key, a mouse event or a resize arrives (no
/// polling: an idle explorer uses no CPU). `draw(_:)` writes only the cells
/// that changed since the previous frame, and everything after a resize.
///
/// The terminal is put back on every way out: `stop()` (idempotent, also run
/// by `deinit`), and a signal handler for SIGTERM, SIGHUP, SIGINT, SIGQUIT and
/// the crash signals, which restores the screen and the terminal modes saved
/// before ncurses started and then lets the signal take its course (see
/// `TerminalRestorer`). Ctrl-C is not a signal here: the terminal is in raw
/// mode and it arrives as `.key(.control("c"))`.
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
    /// The button held down, so that motion reports become drags.
    var heldButton: MouseButton?
    /// Key codes ncurses assigned to xterm's shift-up/down (terminfo kUP/kDN).
    let extendedShiftUp: Int32
    let extendedShiftDown: Int32
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
        self.extendedShiftUp = ms_extended_key_code("kUP")
        self.extendedShiftDown = ms_extended_key_code("kDN")
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
    /// first, or braille and CJK text would print as garbage.
    public static func start(options: NcursesOptions) throws -> NcursesBackend {
        let term = getenv("TERM").map { String(cString: $0) }
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalUnavailable(.inputNotATerminal) }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalUnavailable(.outputNotATerminal) }
        guard let term, !term.isEmpty else { throw TerminalUnavailable(.termUnset) }
        guard term != "dumb" else { throw TerminalUnavailable(.termDumb) }

        setlocale(LC_ALL, "")
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
            note = "TERM=\"\(term)\" is not in the terminfo database, so the screen is drawn as "
                + "\(fallback); if it looks wrong, set TERM to your terminal's type."
        }

        // Save the terminal modes and install the handlers before ncurses
        // changes anything (and before it installs its own SIGINT/SIGTERM cleanup).
        TerminalRestorer.prepare(fd: STDOUT_FILENO)
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
        TerminalRestorer.arm(mouse: options.mouse)

        raw()  // Ctrl-C, Ctrl-Z, Ctrl-\ arrive as keys, not signals
        noecho()
        nonl()
        keypad(window, true)
        leaveok(window, true)  // the cursor is hidden: don't move it after each update
        set_escdelay(25)  // or Esc waits a whole second for a possible escape sequence
        curs_set(0)
        wtimeout(window, -1)  // block in get_wch: no polling, no idle CPU

        var color = options.color && has_colors()
        var defaultColors = false
        if color {
            color = start_color() == OK
            defaultColors = color && use_default_colors() == OK
        }
        if options.mouse {
            // Press and release separately, immediately (no click resolution),
            // plus motion, which ncurses reports while a button is held.
            var mask: mmask_t = ms_report_mouse_position()
            for button in 1...3 { mask |= ms_button_pressed(Int32(button)) | ms_button_released(Int32(button)) }
            mask |= ms_button_pressed(4) | ms_button_pressed(5)
            mousemask(mask, nil)
            mouseinterval(0)
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
        // ncurses turns on xterm's click-only reports (mode 1000), which never
        // report a drag; ask for motion while a button is held (mode 1002).
        // Written straight to the terminal after ncurses has flushed its own
        // request, since the later of the two wins.
        if options.mouse && xtermMouse { writeToTerminal("\u{1B}[?1002h") }
        return backend
    }

    /// Whether the terminal reports the mouse in xterm's way (kmous starts with CSI).
    static var xtermMouse: Bool {
        guard let kmous = tigetstr("kmous"), Int(bitPattern: kmous) != -1 else { return false }
        return String(cString: kmous).hasPrefix("\u{1B}[")
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
        if options.mouse {
            if Self.xtermMouse { Self.writeToTerminal("\u{1B}[?1002l") }
            mousemask(0, nil)
        }
        curs_set(1)
        endwin()
        TerminalRestorer.disarm()
        delscreen(screen)
        TerminalRestorer.uninstall()
    }
}
