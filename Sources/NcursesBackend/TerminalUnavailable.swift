/// The full-screen explorer cannot start on this terminal.
///
/// Its `description` is a one-paragraph message for the user, saying why and
/// pointing to the commands that work without a terminal (`frame`,
/// `compute`). The command line prints it to standard error and exits with
/// status 1.
public struct TerminalUnavailable: Error, CustomStringConvertible, Sendable {
    /// Why the terminal cannot be used.
    public enum Reason: Hashable, Sendable {
        /// Standard input is not a terminal (redirected from a file or a pipe).
        case inputNotATerminal
        /// Standard output is not a terminal (redirected to a file or a pipe).
        case outputNotATerminal
        /// `TERM` is unset or empty.
        case termUnset
        /// `TERM` is `dumb`: no cursor movement, no full-screen mode.
        case termDumb
        /// Neither `TERM` nor any fallback (`xterm-256color`, `xterm`, `vt100`) is known to terminfo.
        case termUnknown(String)
        /// ncurses refused to start for another reason.
        case startFailed(String)
    }

    public let reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    private static let alternatives =
        "To use MarginScope without a full-screen terminal, print a screen as text with "
        + "`marginscope frame --size 80x24` or compute the numbers with `marginscope compute` "
        + "(see `marginscope help`)."

    public var description: String {
        let why: String
        switch reason {
        case .inputNotATerminal:
            why =
                "marginscope's explorer needs an interactive terminal, but standard input is not one "
                + "(it is redirected from a file, a pipe or /dev/null)."
        case .outputNotATerminal:
            why =
                "marginscope's explorer needs an interactive terminal, but standard output is not one "
                + "(it is redirected to a file or a pipe)."
        case .termUnset:
            why =
                "marginscope's explorer needs to know the terminal type, but the TERM environment "
                + "variable is not set; set it (for example TERM=xterm-256color) and try again."
        case .termDumb:
            why =
                "marginscope's explorer needs a terminal that can move the cursor, but TERM is \"dumb\" "
                + "(as in some editor shells and CI logs), which cannot show a full-screen program."
        case .termUnknown(let name):
            why =
                "marginscope's explorer does not know the terminal type TERM=\"\(name)\" and none of "
                + "xterm-256color, xterm or vt100 is installed in the terminfo database either "
                + "(install ncurses-term, or set TERM to a known type)."
        case .startFailed(let detail):
            why = "marginscope's explorer could not start the terminal: \(detail)."
        }
        return why + " " + Self.alternatives
    }
}
