import ArgumentParser

/// Parsing of command-line values into numbers, with messages a user can act on.
///
/// Options are declared as strings and converted here, so that every bad value
/// gets one sentence that names the option, shows what was given and says what
/// would be accepted (ArgumentParser's own message for a typed option does not
/// say what range is allowed). What was given is quoted escaped, so that the
/// message stays one line whatever it holds.
enum InputParsing {
    /// A finite number in `range`, or a `ValidationError` naming `option`.
    static func number(
        _ text: String, option: String, range: ClosedRange<Double>, accepted: String
    ) throws -> Double {
        let trimmed = text.trimmingSpaces
        guard let value = Double(trimmed) else {
            throw ValidationError("\(option): '\(PrintableText.escaped(text))' is not a number; expected \(accepted).")
        }
        guard value.isFinite else {
            throw ValidationError("\(option): '\(PrintableText.escaped(text))' is not a finite number; expected \(accepted).")
        }
        guard range.contains(value) else {
            throw ValidationError("\(option): \(trimmed) is out of range; expected \(accepted).")
        }
        return value
    }

    /// A positive number up to `upper`, or a `ValidationError` naming `option`.
    static func positive(_ text: String, option: String, upper: Double, accepted: String) throws -> Double {
        let value = try number(text, option: option, range: -Double.greatestFiniteMagnitude...upper, accepted: accepted)
        guard value > 0 else {
            throw ValidationError("\(option): \(text.trimmingSpaces) is out of range; expected \(accepted).")
        }
        return value
    }

    /// An integer in `range`, or a `ValidationError` naming `option`.
    static func integer(_ text: String, option: String, range: ClosedRange<Int>, accepted: String) throws -> Int {
        let trimmed = text.trimmingSpaces
        guard let value = Int(trimmed) else {
            throw ValidationError("\(option): '\(PrintableText.escaped(text))' is not an integer; expected \(accepted).")
        }
        guard range.contains(value) else {
            throw ValidationError("\(option): \(value) is out of range; expected \(accepted).")
        }
        return value
    }

    /// A comma-separated list of finite numbers, each in `range`.
    ///
    /// Counts are checked here too: at least 2 entries (one class is not a
    /// classification problem) and at most `maximumCount`.
    static func list(
        _ text: String, option: String, range: ClosedRange<Double>, accepted: String, maximumCount: Int
    ) throws -> [Double] {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 2 else {
            throw ValidationError(
                "\(option): got \(fields.count) value\(fields.count == 1 ? "" : "s"); expected at least 2 (one per class), comma-separated, e.g. \(option) 0.8,0.3,-0.1."
            )
        }
        guard fields.count <= maximumCount else {
            throw ValidationError("\(option): got \(fields.count) values; expected at most \(maximumCount) classes.")
        }
        var values: [Double] = []
        values.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            let item = String(field).trimmingSpaces
            let place = "\(option): value \(index + 1) of \(fields.count)"
            guard !item.isEmpty else {
                throw ValidationError("\(place) is empty; expected \(accepted), comma-separated.")
            }
            guard let value = Double(item) else {
                throw ValidationError("\(place) ('\(PrintableText.escaped(item))') is not a number; expected \(accepted).")
            }
            guard value.isFinite else {
                throw ValidationError("\(place) ('\(PrintableText.escaped(item))') is not a finite number; expected \(accepted).")
            }
            guard range.contains(value) else {
                throw ValidationError("\(place) (\(item)) is out of range; expected \(accepted).")
            }
            values.append(value)
        }
        return values
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
