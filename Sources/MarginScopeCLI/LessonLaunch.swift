import ArgumentParser
import Explorer
import Foundation

/// What the explorer opens on besides the state: the language, the lesson library,
/// and a lesson (built in or from a file) or the lesson picker.
///
/// `lesson` and `frame --lesson` fill it in; `explore` uses it with no lesson, so `g`
/// still finds the built-in lessons.
struct LessonLaunch {
    enum Opening {
        case none
        case picker
        case builtIn(id: String)
        case file(path: String)
    }

    var language: Language
    var opening: Opening = .none

    /// `state` with the language and the library set, and the lesson or the picker opened.
    /// Throws `InputError` naming the problem: an unknown id (usage, 64),
    /// an unreadable or invalid lesson file (65, each problem with its line).
    func apply(to state: inout ExplorerState) throws {
        state.language = language
        let library: [Lesson]
        do { library = try LessonLibrary.builtIn() } catch let e as LessonFileError {
            // A broken installation: free exploration still works, and the picker says no lessons are loaded.
            guard case .none = opening else { throw Self.fail(e.description, .data) }
            library = []
        }
        state.lessonLibrary = library
        switch opening {
        case .none:
            break
        case .picker:
            state.apply(.openLessons)
        case .builtIn(let id):
            guard let i = library.firstIndex(where: { $0.id == id }) else {
                let ids = library.map(\.id).joined(separator: ", ")
                throw Self.fail(Strings(language).format(.lessonNotFound, ["id": id, "ids": ids]), .usage)
            }
            state.startLesson(LessonSession(lesson: library[i]), number: i + 1)
        case .file(let path):
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw Self.fail("--file: cannot read '\(path)' as UTF-8 text", .data)
            }
            do {
                state.startLesson(LessonSession(lesson: try LessonFile.load(text, source: path)), number: nil)
            } catch let e as LessonFileError {
                throw Self.fail(e.description, .data)
            }
        }
    }

    /// The entry point prints it: a usage error with the command's usage line, a data error as one line.
    private static func fail(_ message: String, _ kind: InputError.Kind) -> InputError {
        InputError(kind, message)
    }
}

/// The lesson `explore` opens on, set by `marginscope lesson` (hidden on `explore` itself:
/// `lesson` is the documented way in).
struct LessonOpeningOptions: ParsableArguments {
    @Option(name: .customLong("lesson"), help: .hidden)
    var id: String?

    @Option(name: .customLong("lesson-file"), help: .hidden)
    var file: String?

    @Flag(name: .customLong("lesson-picker"), help: .hidden)
    var picker = false

    var opening: LessonLaunch.Opening {
        if let file { return .file(path: file) }
        if let id { return .builtIn(id: id) }
        return picker ? .picker : .none
    }
}
