import ArgumentParser
import Explorer
import Foundation
import LossMath
import TerminalUI

/// `marginscope frame`: the screen the explorer would show, as plain text.
struct FrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frame",
        abstract: "Print the screen the explorer would show, as plain text (for slides, tests and screen readers).",
        discussion: """
            Keys are typed as text: characters stand for themselves, named keys go in angle brackets, e.g.
              marginscope frame --size 80x24 --keys 'jj<Right><Right>t'
            z shows the focused plot alone (v first to choose it), P presenter mode, T the next theme, g log bars:
              marginscope frame --screen cosine --keys z
            Named keys: <Up> <Down> <Left> <Right> <S-Left> <S-Right> <Tab> <S-Tab> <Enter> <Esc> <Space>
            <Bksp> <PgUp> <PgDn> <Home> <End> <F1>…<F12> <C-x> <lt>.
            A lesson step, for slides: marginscope frame --lesson cosface --step 2 --answer 2 --lang zh
            --batch - reads the batch file from standard input.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Terminal size, columns x rows, e.g. 80x24 (1x1 to 1000x500).", valueName: "WxH"))
    var size: String = "80x24"

    @Option(name: .long, help: ArgumentHelp("Keys to press before printing the frame.", valueName: "keys"))
    var keys: String = ""

    @Flag(name: .customLong("ascii"), help: "ASCII only (no braille, blocks, box drawing or θ).")
    var ascii = false

    @Option(name: .long, help: DisplayOptions.themeHelp)
    var theme: Palette.Name = .dark

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Training screen: epochs both runs have trained before the keys, 0...\(TrainSettings.maximumEpoch).", valueName: "n"))
    var epochs: Int?

    @OptionGroup(title: "Starting state")
    var start: ExplorerOptions

    @Option(name: .long, help: ArgumentHelp("Show a step of this lesson (an id from lesson --list).", valueName: "id"))
    var lesson: String?

    @Option(name: .long, help: ArgumentHelp("With --lesson: the step to show, from 1.", valueName: "N"))
    var step: Int?

    @Option(
        name: .long, help: ArgumentHelp("With --lesson: answer the step's question with choice K (1 to 4), revealing it.", valueName: "K"))
    var answer: Int?

    @OptionGroup(title: "Language")
    var language: LanguageOption

    func validate() throws {
        _ = try Self.parseSize(size)
        if lesson == nil, step != nil || answer != nil {
            throw ValidationError("--step and --answer show a lesson step: give --lesson ID too (ids: marginscope lesson --list)")
        }
        if let step, step < 1 {
            throw ValidationError("--step: \(step) is not a step; steps count from 1")
        }
        if let answer, !(1...4).contains(answer) {
            throw ValidationError("--answer: \(answer) is not a choice; give 1 to 4")
        }
        do { _ = try KeySequence.parse(keys) } catch let e as KeySequence.ParseError {
            throw ValidationError(e.description)
        }
        if let epochs, !(0...TrainSettings.maximumEpoch).contains(epochs) {
            throw ValidationError("--epochs \(epochs) is out of range; expected 0...\(TrainSettings.maximumEpoch).")
        }
    }

    func run() throws {
        let (width, height) = try Self.parseSize(size)
        let keyList = try KeySequence.parse(keys)
        var (state, batch) = try Launch.resolve(start)
        try LessonLaunch(language: language.language, opening: lesson.map { .builtIn(id: $0) } ?? .none).apply(to: &state)
        try goToStep(&state)
        state.display.theme = theme
        if let epochs {
            state.train.epoch = epochs
            if start.screen == nil && start.state == nil { state.screen = .train }
        }
        let app = ExplorerApp(state: state, glyphs: ascii ? .ascii : .unicode, batchEngine: BatchEngine(file: batch))
        app.handle(.resize(width: width, height: height))
        for key in keyList {
            app.handle(.key(key))
            if app.wantsQuit { break }
        }
        let output = TextWriter.standardOutput()
        try output.write(app.render().lines.joined(separator: "\n") + "\n")
        try output.flush()
    }

    /// Walks the open lesson to `--step` and gives `--answer`, with a message naming the
    /// lesson's steps or the step's choices when either is out of range (exit 64).
    private func goToStep(_ state: inout ExplorerState) throws {
        guard let session = state.lesson else { return }
        let steps = session.lesson.steps.count
        let n = step ?? 1
        guard n <= steps else {
            throw Self.usage("--step: lesson \(session.lesson.id) has \(steps) steps; give 1 to \(steps)")
        }
        for _ in 1..<n { state.apply(.lessonNext) }
        guard let answer else { return }
        guard let question = state.lesson?.step.question else {
            throw Self.usage("--answer: step \(n) of \(session.lesson.id) asks no question")
        }
        let count = question.choices[session.lesson.languages.first ?? .en]?.count ?? 0
        guard answer <= count else {
            throw Self.usage("--answer: step \(n) of \(session.lesson.id) has \(count) choices; give 1 to \(count)")
        }
        state.apply(.lessonAnswer(answer - 1))
    }

    private static func usage(_ message: String) -> ValidationError { ValidationError(message) }

    static func parseSize(_ text: String) throws -> (Int, Int) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...500).contains(h) else {
            throw ValidationError("--size: '\(text)' is not WxH with 1 ≤ W ≤ 1000 and 1 ≤ H ≤ 500, e.g. 80x24.")
        }
        return (w, h)
    }
}

/// Turning options into a starting state once `validate()` has passed: what is left are
/// the batch file's problems, data errors with exit code 65 (and k against the file's C, a
/// usage error, 64); the entry point prints both, the usage error with the command's usage line.
enum Launch {
    static func resolve(_ options: ExplorerOptions) throws -> (ExplorerState, LossMath.CosineBatch?) {
        try options.resolve()
    }
}
