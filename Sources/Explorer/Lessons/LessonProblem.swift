/// Something wrong in a lesson file, at a line (1-based; 0 for the file as a whole).
public struct LessonProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// A lesson file that cannot be used, with every problem found in it.
public struct LessonFileError: Error, CustomStringConvertible, Sendable {
    /// Where the text came from (a path or a built-in lesson's id).
    public var source: String
    public var problems: [LessonProblem]

    public var description: String {
        problems.map { "\(source): \($0)" }.joined(separator: "\n")
    }
}
