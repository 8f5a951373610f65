import Foundation

/// The built-in lessons, read from the package's resources (`Lessons/BuiltIn/*.lesson`).
///
/// Files are taken in name order (`1-softmax.lesson`, `2-normface.lesson`, …), which
/// is the order of the picker and of `marginscope lesson --list`. They are found
/// through `Bundle.module`, next to the executable, so the program finds them from
/// any working directory.
public enum LessonLibrary {
    /// The text of every built-in lesson file, with its file name, in order.
    public static func builtInFiles() throws -> [(name: String, text: String)] {
        guard let directory = Bundle.module.url(forResource: "BuiltIn", withExtension: nil) else {
            throw LessonFileError(
                source: "built-in lessons",
                problems: [LessonProblem(line: 0, "the BuiltIn resource folder is missing from the installation")])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".lesson") }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        return try names.map { name in
            (name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// Every built-in lesson, in order. Throws when one of them fails its checks.
    public static func builtIn() throws -> [Lesson] {
        try builtInFiles().map { try LessonFile.load($0.text, source: $0.name) }
    }
}
