import ArgumentParser
import Foundation
import Training

/// Reading labelled training samples from a CSV file (`train --data`).
///
/// Format: one sample per row, numeric features and one integer class label, comma
/// separated; the label is the last column unless `--label-column` says otherwise.
/// A first row with no number in it is a header and is skipped. Blank lines and lines
/// starting with `#` are ignored; `\r\n` line ends and a byte-order mark are accepted
/// (the text checks and the field splitting are `BatchFile`'s). Labels may be any
/// integers: the distinct values, sorted, become classes 0, 1, … . Rows and columns in
/// messages are 1-based, as an editor shows them.
enum TrainDataFile {
    /// Which column holds the label.
    enum LabelColumn: Equatable, ExpressibleByArgument {
        case first
        case last
        /// 1-based.
        case number(Int)

        init?(argument: String) {
            switch argument {
            case "first": self = .first
            case "last": self = .last
            default:
                guard let n = Int(argument), n >= 1 else { return nil }
                self = .number(n)
            }
        }

        /// The 0-based index in a row of `count` fields, or nil when the row is too short.
        func index(in count: Int) -> Int? {
            switch self {
            case .first: 0
            case .last: count - 1
            case .number(let n): n <= count ? n - 1 : nil
            }
        }
    }

    static let expected = "CSV rows of numeric features and one integer class label"

    /// The most features (samples × features per sample) a data file may hold, as for batch files.
    static let featureLimit = BatchFile.cosineLimit

    /// The limits, as the help states them.
    static let limitsHelp = "at most 1 MiB per row and 50,000,000 features (samples × features per sample) in all"

    /// Reads and parses `path` (`-` for standard input), as a stream (`LineReader`).
    ///
    /// - Throws: `InputError` of kind `.data` naming the file, and the row and column when
    ///   the contents are at fault; `MemoryShortage` when the data outgrow the memory there is.
    static func read(path: String, labelColumn: LabelColumn) throws -> Dataset {
        let lines = try LineReader(path: path, option: "--data", expected: expected, fileDescription: "a CSV file of " + expected)
        return try parse(lines, labelColumn: labelColumn)
    }

    /// Parses the rows of `lines`.
    static func parse(_ lines: LineReader, labelColumn: LabelColumn) throws -> Dataset {
        let name = lines.name
        var rawLabels: [Int] = []
        var features: [Double] = []
        var fieldCount = 0
        var firstDataRow = 0
        var labelIndex = 0
        var headerRow: (row: Int, fields: Int)? = nil
        var sawRow = false
        var sawText = false

        while let line = try lines.nextLine() {
            let row = lines.row
            let fields = BatchFile.splitFields(line)
            if fields.count == 1 && fields[0].isEmpty { continue }
            sawText = true
            if fields[0].hasPrefix("#") { continue }

            if !sawRow {
                sawRow = true
                if fields.allSatisfy({ Double($0) == nil }) {
                    headerRow = (row, fields.count)
                    continue
                }
            }
            if fieldCount == 0 {
                guard fields.count >= 2 else {
                    throw InputError(.data, "\(name) row \(row): 1 field; expected at least one feature and a label.")
                }
                if let header = headerRow, header.fields != fields.count {
                    throw InputError(
                        .data,
                        "\(name) row \(header.row): the header has \(header.fields) fields but row \(row) has \(fields.count); expected the same number in every row."
                    )
                }
                guard let index = labelColumn.index(in: fields.count) else {
                    throw InputError(
                        .data,
                        "\(name) row \(row): \(fields.count) columns, so there is no label column \(labelColumn.description); expected --label-column first, last or 1...\(fields.count)."
                    )
                }
                fieldCount = fields.count
                firstDataRow = row
                labelIndex = index
            } else if fields.count != fieldCount {
                throw InputError(
                    .data,
                    "\(name) row \(row): \(fields.count) field\(fields.count == 1 ? "" : "s"); expected \(fieldCount) (\(fieldCount - 1) features and a label, as in row \(firstDataRow))."
                )
            }
            guard features.count + fieldCount - 1 <= featureLimit else {
                throw InputError(
                    .data,
                    "\(name) row \(row): more than \(featureLimit) features in all (\(rawLabels.count) samples × \(fieldCount - 1) features so far); expected data of \(limitsHelp)."
                )
            }
            try features.reserveChecked(
                extra: fieldCount - 1, for: "the data's features (\(rawLabels.count + 1) samples × \(fieldCount - 1) features so far)",
                advice: "use a smaller data file")

            for (column, text) in fields.enumerated() {
                if column == labelIndex {
                    guard let label = Int(text) else {
                        let quoted = text.isEmpty ? "an empty field" : "'\(BatchFile.shown(text))'"
                        throw InputError(
                            .data,
                            "\(name) row \(row), column \(column + 1): label \(quoted) is not an integer; expected an integer class label.")
                    }
                    rawLabels.append(label)
                    continue
                }
                guard let value = Double(text) else {
                    let quoted = text.isEmpty ? "an empty field" : "'\(BatchFile.shown(text))'"
                    throw InputError(
                        .data, "\(name) row \(row), column \(column + 1): \(quoted) is not a number; expected a numeric feature.")
                }
                guard value.isFinite else {
                    throw InputError(
                        .data,
                        "\(name) row \(row), column \(column + 1): '\(BatchFile.shown(text))' is not a finite number; expected a numeric feature."
                    )
                }
                features.append(value)
            }
        }

        if !sawText {
            throw InputError(.data, "\(name) is empty; expected \(expected), one sample per row.")
        }
        if rawLabels.isEmpty {
            if let header = headerRow {
                throw InputError(.data, "\(name) has a header (row \(header.row)) but no samples; expected \(expected) after it.")
            }
            throw InputError(.data, "\(name) has no samples (only comments); expected \(expected).")
        }
        let classes = Array(Set(rawLabels)).sorted()
        guard classes.count >= 2 else {
            throw InputError(.data, "\(name): every sample has label \(classes[0]); expected at least two classes.")
        }
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        return Dataset(
            features: features, labels: rawLabels.map { index[$0]! }, dimension: fieldCount - 1,
            classCount: classes.count)
    }
}

extension TrainDataFile.LabelColumn: CustomStringConvertible {
    var description: String {
        switch self {
        case .first: "first"
        case .last: "last"
        case .number(let n): "\(n)"
        }
    }
}
