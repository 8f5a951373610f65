import LossMath

/// Reading a batch of cosines from a CSV file or standard input.
///
/// Format: one row per sample, the label (0-based class index) and then the
/// C cosines, comma-separated. A first row whose first field is not a number
/// is a header and is skipped (it must have as many fields as the data rows).
/// Blank lines and lines starting with `#` are ignored; `\r\n` line ends are
/// accepted. Rows and columns in messages are 1-based, as an editor shows them.
///
/// The source is read as a stream (`LineReader`): memory holds the batch being built
/// (8 bytes per cosine, briefly twice that while the array grows) and one row, whatever
/// the file's size. Limits: `LineReader.lineLimit` per row and `cosineLimit` in all.
enum BatchFile {
    /// The most cosines (B×C) a batch file may hold: 400 MB as doubles, more than the
    /// largest batch benchmarked (4096 × 10000).
    static let cosineLimit = 50_000_000

    /// The limits, as the help states them.
    static let limitsHelp = "at most 1 MiB per row and 50,000,000 cosines (samples × classes) in all"

    static let expected = "CSV text 'label,cos_1,...,cos_C'"

    /// Reads `path` (`-` for standard input) and parses it.
    ///
    /// - Throws: `InputError` of kind `.data` naming the file (and the row and
    ///   column when the contents are at fault); `MemoryShortage` when the batch
    ///   outgrows the memory there is.
    static func read(path: String) throws -> CosineBatch {
        let lines = try LineReader(
            path: path, option: "--batch", expected: expected,
            fileDescription: "a CSV file of rows 'label,cos_1,...,cos_C'")
        return try parse(lines)
    }

    /// Parses the rows of `lines` into a batch.
    static func parse(_ lines: LineReader) throws -> CosineBatch {
        let name = lines.name
        var labels: [Int] = []
        var cosines: [Double] = []
        var classCount = 0
        var firstDataRow = 0
        var headerRow: (row: Int, fields: Int)? = nil
        var sawRow = false
        var sawText = false

        while let line = try lines.nextLine() {
            let row = lines.row
            let fields = splitFields(line)
            if fields.count == 1 && fields[0].isEmpty { continue }
            sawText = true
            if fields[0].hasPrefix("#") { continue }

            if !sawRow {
                sawRow = true
                if Double(fields[0]) == nil && Int(fields[0]) == nil {
                    headerRow = (row, fields.count)
                    continue
                }
            }
            if classCount == 0 {
                guard fields.count >= 3 else {
                    throw InputError(
                        .data,
                        "\(name) row \(row): \(fields.count) field\(fields.count == 1 ? "" : "s"); expected a label and at least 2 cosines (2 or more classes)."
                    )
                }
                if let header = headerRow, header.fields != fields.count {
                    throw InputError(
                        .data,
                        "\(name) row \(header.row): the header has \(header.fields) fields but row \(row) has \(fields.count); expected the same number in every row."
                    )
                }
                classCount = fields.count - 1
                firstDataRow = row
            } else if fields.count != classCount + 1 {
                throw InputError(
                    .data,
                    "\(name) row \(row): \(fields.count) field\(fields.count == 1 ? "" : "s"); expected \(classCount + 1) (a label and \(classCount) cosines, as in row \(firstDataRow))."
                )
            }
            guard cosines.count + classCount <= cosineLimit else {
                throw InputError(
                    .data,
                    "\(name) row \(row): more than \(cosineLimit) cosines in all (\(labels.count) samples × \(classCount) classes so far); expected a batch of \(limitsHelp)."
                )
            }

            guard let label = Int(fields[0]) else {
                throw InputError(
                    .data,
                    "\(name) row \(row), column 1: label '\(shown(fields[0]))' is not a class index; expected an integer in 0...\(classCount - 1)."
                )
            }
            guard (0..<classCount).contains(label) else {
                throw InputError(
                    .data, "\(name) row \(row), column 1: label \(label) is out of range; expected a class index in 0...\(classCount - 1).")
            }
            try cosines.reserveChecked(
                extra: classCount, for: "the batch's cosines (\(labels.count + 1) samples × \(classCount) classes so far)",
                advice: "use a smaller batch file")
            labels.append(label)
            for column in 1...classCount {
                let text = fields[column]
                guard let value = Double(text) else {
                    let quoted = text.isEmpty ? "an empty field" : "'\(shown(text))'"
                    throw InputError(
                        .data, "\(name) row \(row), column \(column + 1): \(quoted) is not a number; expected a cosine in [-1, 1].")
                }
                guard value.isFinite else {
                    throw InputError(
                        .data,
                        "\(name) row \(row), column \(column + 1): '\(shown(text))' is not a finite number; expected a cosine in [-1, 1].")
                }
                guard value >= -1 && value <= 1 else {
                    throw InputError(.data, "\(name) row \(row), column \(column + 1): cosine \(shown(text)) is outside [-1, 1].")
                }
                cosines.append(value)
            }
        }

        if !sawText {
            throw InputError(.data, "\(name) is empty; expected CSV rows 'label,cos_1,...,cos_C', one per sample.")
        }
        if labels.isEmpty {
            if let header = headerRow {
                throw InputError(
                    .data, "\(name) has a header (row \(header.row)) but no samples; expected rows 'label,cos_1,...,cos_C' after it.")
            }
            throw InputError(.data, "\(name) has no samples (only comments); expected rows 'label,cos_1,...,cos_C'.")
        }
        return CosineBatch(labels: labels, cosines: cosines, classCount: classCount)
    }

    /// A field as a message quotes it: control characters escaped (a stray `\r`
    /// would send the terminal's cursor back over the message) and at most 40
    /// characters (a field can be megabytes long).
    static func shown(_ field: String) -> String {
        let scalars = field.unicodeScalars
        guard scalars.count > 40 else { return PrintableText.escaped(field) }
        return PrintableText.escaped(String(String.UnicodeScalarView(scalars.prefix(40)))) + "…"
    }

    /// The fields of one line, trimmed of spaces, tabs and a trailing `\r`.
    static func splitFields(_ line: ArraySlice<UInt8>) -> [String] {
        line.withUnsafeBufferPointer { bytes in
            var fields: [String] = []
            var fieldStart = 0
            var index = 0
            while true {
                if index == bytes.count || bytes[index] == 0x2C {
                    var a = fieldStart
                    var b = index
                    while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
                    while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0D) { b -= 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self))
                    if index == bytes.count { break }
                    fieldStart = index + 1
                }
                index += 1
            }
            return fields
        }
    }
}
