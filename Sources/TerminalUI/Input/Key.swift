/// A key as the application sees it, independent of the terminal.
///
/// Backends translate their key codes into these; the application's key
/// table maps them to actions. Control characters arrive as `.control("c")`,
/// never as raw bytes, and Ctrl-C is a key like any other (the terminal runs
/// in raw mode).
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)

    /// A short human name, as the help overlay and hint bar print it.
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftUp: return "S-↑"
        case .shiftDown: return "S-↓"
        case .shiftLeft: return "S-←"
        case .shiftRight: return "S-→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        }
    }

    /// The name with arrows spelled in ASCII, for `--ascii` terminals.
    public var asciiName: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .shiftUp: return "S-Up"
        case .shiftDown: return "S-Down"
        case .shiftLeft: return "S-Left"
        case .shiftRight: return "S-Right"
        default: return name
        }
    }
}
