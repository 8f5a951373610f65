/// Where text sits in a row wider than the text.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// A run of text in one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Display columns of `text` (wide characters count 2).
    public var width: Int { ColumnWidth.of(text) }
}

/// One row of styled text: a sequence of spans.
///
/// Lines can be built from a string literal (`"Loss"`), from one string and
/// a style, or from spans. `truncated(to:ellipsis:)` and `wrapped(to:)` work
/// in display columns, so wide characters are never split.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, style: Style = .plain) { self.spans = [Span(text, style)] }
    public init(stringLiteral value: String) { self.spans = [Span(value)] }

    /// Display columns of the whole line.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    /// The text without styles.
    public var text: String { spans.map(\.text).joined() }

    /// The line cut to at most `width` columns; when text is cut, the end is
    /// replaced by `ellipsis` (styled like the last character kept).
    ///
    /// When even the ellipsis does not fit, the text is cut without one.
    public func truncated(to width: Int, ellipsis: String = "…") -> Line {
        let limit = max(0, width)
        if self.width <= limit { return self }
        let chars = styledCharacters
        let ellipsisWidth = ColumnWidth.of(ellipsis)
        guard ellipsisWidth <= limit, ellipsisWidth > 0 else { return Line(characters: prefix(chars, columns: limit)) }
        var kept = prefix(chars, columns: limit - ellipsisWidth)
        let style = kept.last?.style ?? chars.first?.style ?? .plain
        for ch in ellipsis { kept.append(StyledCharacter(character: ch, style: style, width: ColumnWidth.of(ch))) }
        return Line(characters: kept)
    }

    /// The line broken into rows of at most `width` columns, at spaces and between CJK characters.
    ///
    /// Chinese is written without spaces, so a row may also end between two
    /// wide characters, or between a wide and a narrow one (UAX #14 in its
    /// simplest form). Closing punctuation (`，。、；：？！）」》` …) never starts a
    /// row and opening punctuation (`（「《` …) never ends one: each sticks to its
    /// neighbour. Words longer than a row are broken between characters; runs of
    /// spaces at a break are dropped. An empty line gives one empty row; a width
    /// below 1 gives no rows. Widths are display columns, so a wide character is
    /// never split.
    public func wrapped(to width: Int) -> [Line] {
        guard width > 0 else { return [] }
        let chars = styledCharacters
        if chars.isEmpty { return [Line([])] }
        var rows: [[StyledCharacter]] = []
        var row: [StyledCharacter] = []
        var rowWidth = 0
        var spaceStyle = Style.plain
        for unit in Self.breakUnits(chars) {
            var word = unit.characters
            var wordWidth = word.reduce(0) { $0 + $1.width }
            let gap = unit.spaceBefore ? 1 : 0
            if !row.isEmpty && rowWidth + gap + wordWidth <= width {
                if unit.spaceBefore { row.append(StyledCharacter(character: " ", style: spaceStyle, width: 1)) }
                row += word
                rowWidth += gap + wordWidth
                spaceStyle = word.last!.style
                continue
            }
            if !row.isEmpty { rows.append(row); row = []; rowWidth = 0 }
            while wordWidth > width {
                let head = prefix(word, columns: width)
                if head.isEmpty { word.removeFirst(); wordWidth = word.reduce(0) { $0 + $1.width }; continue }
                rows.append(head)
                word.removeFirst(head.count)
                wordWidth = word.reduce(0) { $0 + $1.width }
            }
            row = word
            rowWidth = wordWidth
            spaceStyle = word.last?.style ?? .plain
        }
        if !row.isEmpty || rows.isEmpty { rows.append(row) }
        return rows.map { Line(characters: $0) }
    }

    /// A piece of a line that is never broken inside (unless longer than a row).
    struct BreakUnit {
        var characters: [StyledCharacter]
        /// Whether a space separated it from the unit before (a row that joins them shows one).
        var spaceBefore: Bool
    }

    /// Punctuation that may not start a row (it closes what comes before).
    static let closingPunctuation: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "】", "〕",
        ",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "…",
    ]
    /// Punctuation that may not end a row (it opens what comes after).
    static let openingPunctuation: Set<Character> = ["（", "「", "『", "《", "〈", "【", "〔", "(", "[", "{"]

    /// Splits characters into units: words between spaces, and single wide
    /// characters, with closing punctuation glued to the unit before and
    /// opening punctuation glued to the unit after.
    static func breakUnits(_ chars: [StyledCharacter]) -> [BreakUnit] {
        var units: [BreakUnit] = []
        var current: [StyledCharacter] = []
        var currentSpaceBefore = false
        var sawSpace = false
        // True when a row may end after `current` even without a space (it ends in a wide character).
        var breakAfterCurrent = false
        func flush() {
            if !current.isEmpty { units.append(BreakUnit(characters: current, spaceBefore: currentSpaceBefore)) }
            current = []
        }
        for c in chars {
            if c.character == " " {
                flush()
                sawSpace = true
                breakAfterCurrent = false
                continue
            }
            let closing = closingPunctuation.contains(c.character)
            let opensBefore = current.last.map { openingPunctuation.contains($0.character) } ?? false
            if !current.isEmpty && !closing && !opensBefore && (breakAfterCurrent || c.width == 2) { flush() }
            if current.isEmpty { currentSpaceBefore = sawSpace && !units.isEmpty }
            current.append(c)
            sawSpace = false
            breakAfterCurrent = c.width == 2 && !openingPunctuation.contains(c.character) || (closing && breakAfterCurrent)
        }
        flush()
        return units
    }

    // MARK: Styled characters

    struct StyledCharacter {
        var character: Character
        var style: Style
        var width: Int
    }

    /// Every character with its style and width; zero-width characters are dropped,
    /// as `Canvas.put` drops them.
    var styledCharacters: [StyledCharacter] {
        var result: [StyledCharacter] = []
        for span in spans {
            for ch in span.text {
                let w = ColumnWidth.of(ch)
                if w > 0 { result.append(StyledCharacter(character: ch, style: span.style, width: w)) }
            }
        }
        return result
    }

    init(characters: [StyledCharacter]) {
        var spans: [Span] = []
        for c in characters {
            if let last = spans.last, last.style == c.style {
                spans[spans.count - 1].text.append(c.character)
            } else {
                spans.append(Span(String(c.character), c.style))
            }
        }
        self.spans = spans
    }
}

/// The longest prefix of `chars` that fits in `columns`.
private func prefix(_ chars: [Line.StyledCharacter], columns: Int) -> [Line.StyledCharacter] {
    var used = 0
    var result: [Line.StyledCharacter] = []
    for c in chars {
        if used + c.width > columns { break }
        used += c.width
        result.append(c)
    }
    return result
}

extension Canvas {
    /// Draws `line` on the first row of `area`, aligned, truncated with
    /// `ellipsis` when it is wider than the area. Nothing is drawn outside `area`.
    public mutating func draw(_ line: Line, in area: Rect, alignment: Alignment = .left, ellipsis: String = "…") {
        guard !area.isEmpty else { return }
        // `truncated` keeps a line that fits as it is; its width is then measured once.
        let width = line.width
        let fitted = width <= max(0, area.width) ? line : line.truncated(to: area.width, ellipsis: ellipsis)
        let free = area.width - (width <= max(0, area.width) ? width : fitted.width)
        var x = area.x
        switch alignment {
        case .left: break
        case .center: x += free / 2
        case .right: x += free
        }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        for span in fitted.spans {
            x = put(span.text, x: x, y: area.y, style: span.style, clip: row)
        }
    }
}
