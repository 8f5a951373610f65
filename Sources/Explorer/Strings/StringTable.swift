/// Every user-visible string of the explorer, in English and Simplified Chinese.
///
/// One table, many readers: views ask `Strings(language)[key]`, the lesson view
/// and the help overlay fill placeholders with `Strings.format(_:_:)`, and a test
/// runs `problems(in:)` over `entries` so a key without a translation, or with
/// placeholders that differ between the languages, fails the build's tests.
public enum StringTable {
    /// One string in both languages.
    public struct Translation: Hashable, Sendable {
        public var en: String
        public var zh: String

        public init(en: String, zh: String) {
            self.en = en
            self.zh = zh
        }

        public subscript(language: Language) -> String {
            switch language {
            case .en: return en
            case .zh: return zh
            }
        }
    }

    /// Every string: the lessons' and help's, the interface's and the screens'.
    public static let entries: [StringKey: Translation] =
        lessonAndHelpEntries
        .merging(interfaceEntries) { first, _ in first }
        .merging(screenEntries) { first, _ in first }

    /// The string for `key` in `language`.
    ///
    /// Every key has an entry (a test checks it); a missing one shows its key, so a
    /// slip is visible on screen rather than a crash.
    public static func text(_ key: StringKey, _ language: Language) -> String {
        entries[key]?[language] ?? key.rawValue
    }

    /// What is wrong with a table: keys without an entry, empty strings, Chinese
    /// entries with no Chinese in them, and placeholders that differ between the languages.
    public static func problems(in table: [StringKey: Translation], keys: [StringKey] = StringKey.allCases) -> [String] {
        var found: [String] = []
        for key in keys {
            guard let t = table[key] else {
                found.append("\(key.rawValue): no entry")
                continue
            }
            if t.en.isEmpty { found.append("\(key.rawValue): no English") }
            if t.zh.isEmpty {
                found.append("\(key.rawValue): no Chinese")
            } else if !t.zh.unicodeScalars.contains(where: isHan) {
                found.append("\(key.rawValue): the Chinese entry has no Chinese characters (copied from English?)")
            }
            let en = Template.placeholders(in: t.en).sorted(), zh = Template.placeholders(in: t.zh).sorted()
            if Set(en) != Set(zh) {
                found.append(
                    "\(key.rawValue): placeholders differ: en {\(en.joined(separator: "} {"))}, zh {\(zh.joined(separator: "} {"))}")
            }
        }
        return found
    }

    /// A CJK unified ideograph (the basic block and extension A).
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }
}

/// The strings of one language: what a view holds to ask for its text.
public struct Strings: Hashable, Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    public subscript(key: StringKey) -> String { StringTable.text(key, language) }

    /// The string with its placeholders filled, e.g. `format(.lessonStep, ["step": "2", "steps": "7"])`.
    public func format(_ key: StringKey, _ values: [String: String]) -> String {
        Template.fill(self[key]) { values[$0] }
    }
}
