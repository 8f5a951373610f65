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

    /// The line broken at spaces into rows of at most `width` columns.
    ///
    /// Words longer than a row are broken between characters; runs of spaces
    /// at a break are dropped. An empty line gives one empty row; a width
    /// below 1 gives no rows.
    public func wrapped(to width: Int) -> [Line] {
        guard width > 0 else { return [] }
        let chars = styledCharacters
        if chars.isEmpty { return [Line([])] }
        // Words: maximal runs of non-space characters.
        var words: [[StyledCharacter]] = []
        var current: [StyledCharacter] = []
        for c in chars {
            if c.character == " " {
                if !current.isEmpty { words.append(current); current = [] }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        var rows: [[StyledCharacter]] = []
        var row: [StyledCharacter] = []
        var rowWidth = 0
        var spaceStyle = Style.plain
        for var word in words {
            var wordWidth = word.reduce(0) { $0 + $1.width }
            if !row.isEmpty && rowWidth + 1 + wordWidth <= width {
                row.append(StyledCharacter(character: " ", style: spaceStyle, width: 1))
                row += word
                rowWidth += 1 + wordWidth
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
        let fitted = line.truncated(to: area.width, ellipsis: ellipsis)
        let free = area.width - fitted.width
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
