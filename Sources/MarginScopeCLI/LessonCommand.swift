import ArgumentParser
import Explorer
import Foundation

/// `marginscope lesson`: the guided lessons — list the built-in ones, check a lesson file.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "List the guided lessons, or check a lesson file.",
        discussion: """
        Lessons are plain-text files (format in Docs/Lessons.md). --list prints one line per \
        built-in lesson: id, number of steps, title. --check reads a lesson file and reports \
        every problem with its line number (exit 65), or prints "ok".
        """
    )

    @Flag(name: .long, help: "Print one line per built-in lesson: id, number of steps, title.")
    var list = false

    @Option(name: .long, help: ArgumentHelp("Check a lesson file and report each problem with its line number.", valueName: "path"))
    var check: String?

    @Option(name: .long, help: ArgumentHelp("Language of the titles: en or zh (default: from LC_ALL, LC_MESSAGES, LANG).", valueName: "en|zh"))
    var lang: String?

    func validate() throws {
        if list == (check != nil) {
            throw ValidationError("give one of --list or --check PATH")
        }
        if let lang, Language(code: lang) == nil {
            throw ValidationError("--lang: '\(lang)' is not a language; use en or zh")
        }
    }

    func run() throws {
        let language = lang.flatMap(Language.init(code:)) ?? Language.detect(environment: ProcessInfo.processInfo.environment)
        if let check {
            try runCheck(path: check)
        } else {
            try runList(language: language)
        }
    }

    private func runList(language: Language) throws {
        let lessons: [Lesson]
        do { lessons = try LessonLibrary.builtIn() } catch let e as LessonFileError {
            throw CommandFailure("marginscope: \(e.description)", status: InputError.Kind.data.rawValue)
        }
        let idWidth = lessons.map(\.id.count).max() ?? 0
        let strings = Strings(language)
        var out = ""
        for lesson in lessons {
            let id = lesson.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let steps = strings.format(.lessonStepCount, ["steps": "\(lesson.steps.count)"])
            out += "\(id)  \(steps)  \(lesson.title(language))\n"
        }
        let output = TextWriter.standardOutput()
        try output.write(out)
        try output.flush()
    }

    private func runCheck(path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure("marginscope: --check: cannot read '\(PrintableText.escaped(path))' as UTF-8 text", status: InputError.Kind.data.rawValue)
        }
        let (_, problems) = LessonFile.parse(text)
        let output = TextWriter.standardOutput()
        guard problems.isEmpty else {
            try output.write(problems.map { "\(PrintableText.escaped(path)): \($0)\n" }.joined())
            try output.flush()
            throw ExitCode(InputError.Kind.data.rawValue)
        }
        try output.write("ok\n")
        try output.flush()
    }
}
