import ArgumentParser
import Explorer
import Foundation

/// `marginscope lesson`: the guided lessons — open the picker, one lesson or a teacher's
/// file in the explorer; list the built-in ones; check a lesson file.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Follow a guided lesson in the explorer, list the lessons, or check a lesson file.",
        discussion: """
            With no argument, opens the explorer on the lesson picker; with a lesson id (see --list), \
            on that lesson; with --file PATH, on a lesson file of your own. In a lesson: Space or PgDn \
            next step, Backspace or PgUp previous, r back to the step's values, 1-4 answer a question, \
            Esc leaves the lesson; every other key works as usual. \
            Lessons are plain-text files (format in Docs/Lessons.md). --list prints one line per \
            built-in lesson: id, number of steps, title. --check reads a lesson file and reports \
            every problem with its line number (exit 65), or prints "ok".
            """
    )

    @Argument(help: ArgumentHelp("The lesson to open (an id from --list, e.g. cosface).", valueName: "id"))
    var id: String?

    @Option(name: .long, help: ArgumentHelp("Open a lesson file of your own (format in Docs/Lessons.md).", valueName: "path"))
    var file: String?

    @Flag(name: .long, help: "Print one line per built-in lesson: id, number of steps, title.")
    var list = false

    @Option(name: .long, help: ArgumentHelp("Check a lesson file and report each problem with its line number.", valueName: "path"))
    var check: String?

    @OptionGroup(title: "Language")
    var language: LanguageOption

    @OptionGroup(title: "Display")
    var display: DisplayOptions

    func validate() throws {
        let given = [id != nil ? "a lesson id" : nil, file != nil ? "--file" : nil, list ? "--list" : nil, check != nil ? "--check" : nil]
            .compactMap { $0 }
        if given.count > 1 {
            throw ValidationError(
                "give only one of a lesson id, --file PATH, --list or --check PATH (got \(given.joined(separator: " and ")))")
        }
    }

    func run() throws {
        if let check {
            try runCheck(path: check)
        } else if list {
            try runList(language: language.language)
        } else {
            var explore = try Explore.parse([])
            explore.display = display
            explore.language = language
            explore.lesson.id = id
            explore.lesson.file = file
            explore.lesson.picker = id == nil && file == nil
            try explore.run()
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
            throw CommandFailure(
                "marginscope: --check: cannot read '\(PrintableText.escaped(path))' as UTF-8 text", status: InputError.Kind.data.rawValue)
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
