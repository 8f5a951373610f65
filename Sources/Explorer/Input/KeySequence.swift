import TerminalUI

/// Key sequences written as text, for `marginscope frame --keys` and tests.
///
/// Plain characters stand for themselves; named keys go in angle brackets:
/// `<Up> <Down> <Left> <Right> <S-Left> <S-Right> <S-Up> <S-Down> <Tab> <S-Tab>
/// <Enter> <Esc> <Space> <Bksp> <Del> <PgUp> <PgDn> <Home> <End> <F1>…<F12> <C-x> <lt>`.
/// So `"jj<Right><Right>t"` selects the second class below, raises it twice and makes it the target.
public enum KeySequence {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    static let named: [String: Key] = [
        "up": .up, "down": .down, "left": .left, "right": .right,
        "s-up": .shiftUp, "s-down": .shiftDown, "s-left": .shiftLeft, "s-right": .shiftRight,
        "tab": .tab, "s-tab": .backTab, "btab": .backTab, "enter": .enter, "cr": .enter, "return": .enter,
        "esc": .escape, "space": .character(" "), "bksp": .backspace, "bs": .backspace, "del": .delete,
        "pgup": .pageUp, "pgdn": .pageDown, "home": .home, "end": .end, "lt": .character("<"), "gt": .character(">"),
    ]

    public static func parse(_ text: String) throws -> [Key] {
        var keys: [Key] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "<", let close = text[i...].firstIndex(of: ">"), close > text.index(after: i) {
                let name = text[text.index(after: i)..<close].lowercased()
                if let k = named[name] {
                    keys.append(k)
                } else if name.hasPrefix("c-"), name.count == 3, let ch = name.last, ch.isLetter {
                    keys.append(.control(ch))
                } else if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) {
                    keys.append(.function(n))
                } else {
                    throw ParseError(
                        description:
                            "--keys: unknown key name <\(name)>; use a character or one of <Up> <Down> <Left> <Right> <S-Left> <S-Right> <Tab> <S-Tab> <Enter> <Esc> <Space> <Bksp> <PgUp> <PgDn> <Home> <End> <F1>…<F12> <C-x> <lt>"
                    )
                }
                i = text.index(after: close)
            } else {
                keys.append(.character(c))
                i = text.index(after: i)
            }
        }
        return keys
    }
}
