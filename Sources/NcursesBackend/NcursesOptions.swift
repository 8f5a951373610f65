/// How the full-screen terminal is set up: colour, character set, mouse.
///
/// The command line builds these from its flags (`--no-color`, `--ascii`,
/// `--no-mouse`) and the environment; the backend may still turn colour or
/// Unicode off when the terminal cannot show them (see
/// `NcursesBackend.capabilities`).
public struct NcursesOptions: Hashable, Sendable {
    /// Colours may be used: false with `--no-color` or a non-empty `NO_COLOR`.
    public var color: Bool
    /// Only ASCII is drawn (no braille, blocks, box drawing or `θ`).
    public var ascii: Bool
    /// Mouse presses, releases, drags and the wheel are reported.
    public var mouse: Bool

    public init(color: Bool = true, ascii: Bool = false, mouse: Bool = true) {
        self.color = color
        self.ascii = ascii
        self.mouse = mouse
    }

    /// Whether the environment allows colour.
    ///
    /// Follows <https://no-color.org>: colour is off when `NO_COLOR` is set to
    /// a non-empty value, whatever the value; an empty `NO_COLOR` is ignored.
    /// `--no-color` is applied by the caller on top of this.
    public static func colorAllowed(environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return true }
        return value.isEmpty
    }
}
