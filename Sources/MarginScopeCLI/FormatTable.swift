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
        for row in rows { widen(&widths, row) }
        return [line(header, suffix: "", widths: widths)] + zip(rows, suffixes).map { line($0, suffix: $1, widths: widths) }
    }

    /// Writes the header and `count` rows made by `row` (cells and suffix), as `lines()` would
    /// lay them out, without holding them: a first pass finds the column widths, the second
    /// formats each row again and writes it (a batch table with `--all` can have millions of rows).
    func write(
        count: Int, row: (Int) -> (cells: [String], suffix: String), to output: TextWriter
    ) throws(WriteFailure) {
        var widths = header.map(\.count)
        for i in 0..<count { widen(&widths, row(i).cells) }
        try output.write(line(header, suffix: "", widths: widths) + "\n")
        for i in 0..<count {
            let (cells, suffix) = row(i)
            precondition(cells.count == header.count, "row width must match the header")
            try output.write(line(cells, suffix: suffix, widths: widths) + "\n")
        }
    }

    private func widen(_ widths: inout [Int], _ cells: [String]) {
        for (column, cell) in cells.enumerated() { widths[column] = max(widths[column], cell.count) }
    }

    private func line(_ cells: [String], suffix: String, widths: [Int]) -> String {
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
}
