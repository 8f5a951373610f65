/// Text tables with aligned columns.
struct FormatTable {
    enum Alignment { case left, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []
    /// Text after the last column of a row (e.g. a target marker), not aligned.
    var suffixes: [String] = []

    init(_ columns: [(String, Alignment)]) {
        header = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func append(_ row: [String], suffix: String = "") {
        precondition(row.count == header.count, "row width must match the header")
        rows.append(row)
        suffixes.append(suffix)
    }

    /// The lines of the table: the header, then the rows, columns two spaces apart.
    func lines() -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String], suffix: String) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { text += "  " }
                text += alignments[column] == .right ? padding + cell : cell + padding
            }
            if !suffix.isEmpty { text += "  " + suffix }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header, suffix: "")] + zip(rows, suffixes).map { line($0, suffix: $1) }
    }
}
