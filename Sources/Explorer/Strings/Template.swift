import Foundation

/// Text with named placeholders in braces, `{loss}`, filled from a table of values.
///
/// The same syntax serves the string table and the lessons. A brace that does not
/// open a well-formed name (`{`, `{}` or `{a b}`) is kept as it is written.
public enum Template {
    /// The placeholder names in `text`, in order of appearance, repeats kept.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        scan(text) { piece in
            if case .placeholder(let name) = piece { names.append(name) }
        }
        return names
    }

    /// `text` with each `{name}` replaced by `value(name)`; names without a value are kept as written.
    public static func fill(_ text: String, _ value: (String) -> String?) -> String {
        var out = ""
        for piece in pieces(text) {
            switch piece {
            case .text(let t): out += t
            case .placeholder(let name): out += value(name) ?? "{\(name)}"
            }
        }
        return out
    }

    /// `scan`'s pieces of `text`, kept: a frame fills the same few dozen strings every time, and
    /// scanning them character by character (grapheme breaking) costs more than the filling.
    static func pieces(_ text: String) -> [Piece] {
        if let kept = PieceCache.shared.pieces(of: text) { return kept }
        var pieces: [Piece] = []
        scan(text) { pieces.append($0) }
        PieceCache.shared.keep(pieces, of: text)
        return pieces
    }

    /// A name is letters, digits and `_`, starting with a letter.
    static func isName(_ s: Substring) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    enum Piece: Sendable { case text(String), placeholder(String) }

    /// The pieces of the texts filled so far (at most `limit` texts: lessons bring texts of their own).
    final class PieceCache: @unchecked Sendable {
        static let shared = PieceCache()
        static let limit = 4096
        private let lock = NSLock()
        private var table: [String: [Piece]] = [:]

        func pieces(of text: String) -> [Piece]? {
            lock.lock()
            defer { lock.unlock() }
            return table[text]
        }

        func keep(_ pieces: [Piece], of text: String) {
            lock.lock()
            defer { lock.unlock() }
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[text] = pieces
        }
    }

    static func scan(_ text: String, _ emit: (Piece) -> Void) {
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if isName(name) {
                if open > rest.startIndex { emit(.text(String(rest[..<open]))) }
                emit(.placeholder(String(name)))
            } else {
                emit(.text(String(rest[...close])))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { emit(.text(String(rest))) }
    }
}
