import ArgumentParser
import Explorer
import LossMath

/// Why a command-line value could not be read: what is wrong and what would be accepted.
///
/// Thrown from an option's `transform`; ArgumentParser puts it after its own
/// "The value 'x' is invalid for '--option <v>'", so the whole message names the
/// option, quotes the value and says what is accepted.
struct ArgumentRefusal: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A value the command line reads as one of a fixed set of names (case and surrounding spaces ignored).
protocol NamedChoice: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {
    /// What the value is, for messages ("loss", "format").
    static var choiceName: String { get }
}

extension NamedChoice {
    public init?(argument: String) { self.init(rawValue: argument.trimmingSpaces.lowercased()) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// "a, b or c".
    static var choices: String {
        let names = allValueStrings
        return names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The transform of an `@Option`: the value, or a refusal listing the accepted names.
    @Sendable static func parse(_ text: String) throws -> Self {
        guard let value = Self(argument: text) else {
            throw ArgumentRefusal("unknown \(choiceName); expected \(choices).")
        }
        return value
    }
}

extension LossKind: NamedChoice { static var choiceName: String { "loss" } }
extension ArcFaceFallback: NamedChoice { static var choiceName: String { "fallback" } }
extension UnselectedTreatment: NamedChoice { static var choiceName: String { "treatment" } }

/// `compute --format`.
enum OutputFormat: String, NamedChoice, Sendable {
    case table, json, csv
    static var choiceName: String { "format" }
}

/// `--scale`: a number, or `adacos` for AdaCos's fixed scale √2·ln(C − 1).
enum ScaleValue: ExpressibleByArgument, Equatable, Sendable {
    case number(Double)
    case adacos

    init?(argument: String) {
        let text = argument.trimmingSpaces
        if text.lowercased() == "adacos" {
            self = .adacos
        } else if let value = Double(text), value.isFinite {
            self = .number(value)
        } else {
            return nil
        }
    }

    @Sendable static func parse(_ text: String) throws -> ScaleValue {
        guard let value = ScaleValue(argument: text) else {
            throw ArgumentRefusal("not a finite number; expected a scale s in (0, 1000] or adacos.")
        }
        return value
    }
}

/// A comma-separated list of finite numbers (`--cosines`, `--angles`, `--logits`): at least 2
/// (one class is not a classification problem) and at most `SampleOptions.maximumClasses`.
struct NumberList: ExpressibleByArgument, Equatable, Sendable {
    var values: [Double]

    init(_ values: [Double]) { self.values = values }

    init?(argument: String) {
        guard let values = try? Self.read(argument, range: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, accepted: "")
        else { return nil }
        self.values = values
    }

    /// The transform of an `@Option`: each value in `range`, or a refusal naming the value's place.
    static func parser(range: ClosedRange<Double>, accepted: String, example: String) -> @Sendable (String) throws -> NumberList {
        { text in NumberList(try read(text, range: range, accepted: accepted, example: example)) }
    }

    private static func read(_ text: String, range: ClosedRange<Double>, accepted: String, example: String = "") throws -> [Double] {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 2 else {
            throw ArgumentRefusal(
                "got \(fields.count) value\(fields.count == 1 ? "" : "s"); expected at least 2 (one per class), comma-separated, e.g. \(example)."
            )
        }
        guard fields.count <= SampleOptions.maximumClasses else {
            throw ArgumentRefusal("got \(fields.count) values; expected at most \(SampleOptions.maximumClasses) classes.")
        }
        var values: [Double] = []
        values.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            let item = String(field).trimmingSpaces
            let place = "value \(index + 1) of \(fields.count)"
            guard !item.isEmpty else { throw ArgumentRefusal("\(place) is empty; expected \(accepted), comma-separated.") }
            guard let value = Double(item) else {
                throw ArgumentRefusal("\(place) ('\(PrintableText.escaped(item))') is not a number; expected \(accepted).")
            }
            guard value.isFinite else {
                throw ArgumentRefusal("\(place) ('\(PrintableText.escaped(item))') is not a finite number; expected \(accepted).")
            }
            guard range.contains(value) else { throw ArgumentRefusal("\(place) (\(item)) is out of range; expected \(accepted).") }
            values.append(value)
        }
        return values
    }
}

/// Transforms for plain numbers: syntax here, ranges and grids in `validate()`.
enum NumberArgument {
    /// A finite number; `accepted` says what the option takes.
    static func real(accepted: String) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = Double(text.trimmingSpaces) else { throw ArgumentRefusal("not a number; expected \(accepted).") }
            guard value.isFinite else { throw ArgumentRefusal("not a finite number; expected \(accepted).") }
            return value
        }
    }

    /// A whole number; `accepted` says what the option takes.
    static func whole(accepted: String) -> @Sendable (String) throws -> Int {
        { text in
            guard let value = Int(text.trimmingSpaces) else { throw ArgumentRefusal("not a whole number; expected \(accepted).") }
            return value
        }
    }

    /// A whole number on `setting`'s grid (k, N, C, seed): what the row accepts, for the message.
    static func whole(_ setting: Setting) -> @Sendable (String) throws -> Int {
        whole(accepted: "a whole number from \(setting.rangeText)")
    }

    /// A number of `setting`'s (spread): what the row accepts, for the message.
    static func real(_ setting: Setting) -> @Sendable (String) throws -> Double {
        real(accepted: "a value from \(setting.rangeText)")
    }

    /// `value` as typed: whole numbers without ".0".
    static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// Refuses `value` unless it lies on `setting`'s grid and in its range, naming `option` and the grid.
    static func steps(_ value: Double, _ setting: Setting, option: String, text: String? = nil) throws -> Int {
        switch setting.steps(typed: value, text: text ?? shown(value), as: option) {
        case .success(let steps): return steps
        case .failure(let refusal): throw ValidationError(refusal.description)
        }
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
