import Foundation
import LossMath

/// Reading a batch of cosines from a CSV file or standard input.
///
/// Format: one row per sample, the label (0-based class index) and then the
/// C cosines, comma-separated. A first row whose first field is not a number
/// is a header and is skipped (it must have as many fields as the data rows).
/// Blank lines and lines starting with `#` are ignored; `\r\n` line ends are
/// accepted. Rows and columns in messages are 1-based, as an editor shows them.
enum BatchFile {
    /// Reads `path` (`-` for standard input) and parses it.
    ///
    /// - Throws: `InputError` of kind `.data` naming the file (and the row and
    ///   column when the contents are at fault).
    static func read(path: String) throws -> CosineBatch {
        let (bytes, name) = try contents(of: path, option: "--batch", expected: "a CSV file of rows 'label,cos_1,...,cos_C'")
        return try parse(bytes, name: name)
    }

    /// The bytes of `path` (`-` for standard input) and how messages name it.
    ///
    /// - Throws: `InputError` of kind `.data` naming `option` and what it `expected` when
    ///   the file is missing, a directory or unreadable.
    static func contents(of path: String, option: String, expected: String) throws -> (bytes: [UInt8], name: String) {
        let name = path == "-" ? "standard input" : "'\(path)'"
        if path == "-" { return ([UInt8](FileHandle.standardInput.readDataToEndOfFile()), name) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(.data, "\(option): cannot read \(name): no such file; expected \(expected) (or - for standard input).")
        }
        guard !isDirectory.boolValue else {
            throw InputError(.data, "\(option): \(name) is a directory; expected \(expected).")
        }
        guard FileManager.default.isReadableFile(atPath: path),
              let data = FileManager.default.contents(atPath: path)
        else {
            throw InputError(.data, "\(option): cannot read \(name): permission denied or not a regular file.")
        }
        return ([UInt8](data), name)
    }

    /// `bytes` without a UTF-8 byte-order mark, after checking that they are text.
    ///
    /// - Throws: `InputError` of kind `.data` for a control byte (row named) or invalid UTF-8,
    ///   saying that `expected` was wanted.
    static func text(_ bytes: [UInt8], name: String, expected: String) throws -> [UInt8] {
        // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first field:
        // left in, it would make a first data row look like a header and drop it.
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let position = bytes.firstIndex(where: { $0 == 0 || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) }) {
            let row = 1 + bytes[..<position].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InputError(.data, "\(name) row \(row): binary data (control byte 0x\(String(bytes[position], radix: 16))); expected \(expected).")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw InputError(.data, "\(name) is not UTF-8 text; expected \(expected).")
        }
        return bytes
    }

    /// Parses CSV bytes; `name` is how messages refer to the source.
    static func parse(_ bytes: [UInt8], name: String) throws -> CosineBatch {
        let bytes = try text(bytes, name: name, expected: "CSV text 'label,cos_1,...,cos_C'")

        var labels: [Int] = []
        var cosines: [Double] = []
        var classCount = 0
        var firstDataRow = 0
        var headerRow: (row: Int, fields: Int)? = nil
        var sawRow = false

        var row = 0
        var lineStart = 0
        while lineStart < bytes.count {
            row += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            let fields = splitFields(bytes, lineStart, lineEnd)
            if fields.count == 1 && fields[0].isEmpty { continue }
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
                    throw InputError(.data, "\(name) row \(row): \(fields.count) field\(fields.count == 1 ? "" : "s"); expected a label and at least 2 cosines (2 or more classes).")
                }
                if let header = headerRow, header.fields != fields.count {
                    throw InputError(.data, "\(name) row \(header.row): the header has \(header.fields) fields but row \(row) has \(fields.count); expected the same number in every row.")
                }
                classCount = fields.count - 1
                firstDataRow = row
            } else if fields.count != classCount + 1 {
                throw InputError(.data, "\(name) row \(row): \(fields.count) field\(fields.count == 1 ? "" : "s"); expected \(classCount + 1) (a label and \(classCount) cosines, as in row \(firstDataRow)).")
            }

            guard let label = Int(fields[0]) else {
                throw InputError(.data, "\(name) row \(row), column 1: label '\(shown(fields[0]))' is not a class index; expected an integer in 0...\(classCount - 1).")
            }
            guard (0..<classCount).contains(label) else {
                throw InputError(.data, "\(name) row \(row), column 1: label \(label) is out of range; expected a class index in 0...\(classCount - 1).")
            }
            labels.append(label)
            for column in 1...classCount {
                let text = fields[column]
                guard let value = Double(text) else {
                    let quoted = text.isEmpty ? "an empty field" : "'\(shown(text))'"
                    throw InputError(.data, "\(name) row \(row), column \(column + 1): \(quoted) is not a number; expected a cosine in [-1, 1].")
                }
                guard value.isFinite else {
                    throw InputError(.data, "\(name) row \(row), column \(column + 1): '\(shown(text))' is not a finite number; expected a cosine in [-1, 1].")
                }
                guard value >= -1 && value <= 1 else {
                    throw InputError(.data, "\(name) row \(row), column \(column + 1): cosine \(shown(text)) is outside [-1, 1].")
                }
                cosines.append(value)
            }
        }

        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw InputError(.data, "\(name) is empty; expected CSV rows 'label,cos_1,...,cos_C', one per sample.")
        }
        if labels.isEmpty {
            if let header = headerRow {
                throw InputError(.data, "\(name) has a header (row \(header.row)) but no samples; expected rows 'label,cos_1,...,cos_C' after it.")
            }
            throw InputError(.data, "\(name) has no samples (only comments); expected rows 'label,cos_1,...,cos_C'.")
        }
        return CosineBatch(labels: labels, cosines: cosines, classCount: classCount)
    }

    /// A field as a message quotes it: control characters escaped (a stray `\r`
    /// would send the terminal's cursor back over the message) and at most 40
    /// characters (a field can be megabytes long).
    static func shown(_ field: String) -> String {
        var out = ""
        for (i, scalar) in field.unicodeScalars.enumerated() {
            if i == 40 { return out + "…" }
            out += scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return out
    }

    /// The fields of one line, trimmed of spaces, tabs and a trailing `\r`.
    static func splitFields(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [String] {
        var fields: [String] = []
        var fieldStart = start
        var index = start
        while true {
            if index == end || bytes[index] == 0x2C {
                var a = fieldStart
                var b = index
                while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
                while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0D) { b -= 1 }
                fields.append(String(decoding: bytes[a..<b], as: UTF8.self))
                if index == end { break }
                fieldStart = index + 1
            }
            index += 1
        }
        return fields
    }
}
