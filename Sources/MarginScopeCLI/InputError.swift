/// A problem with what the user gave, with the exit code it deserves.
///
/// Usage errors (a bad or missing option) exit with 64 (`EX_USAGE`); bad data
/// (the contents of a batch file, or a file that cannot be read) exit with 65
/// (`EX_DATAERR`). The message is one sentence naming the option or the place
/// (file, row, column) and what would be accepted.
public struct InputError: Error, Equatable, CustomStringConvertible {
    /// Which exit code the error maps to.
    public enum Kind: Int32, Sendable {
        case usage = 64
        case data = 65
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
