import ArgumentParser
import Explorer
import Foundation
import LossMath
import NcursesBackend
import TerminalUI

/// The `marginscope` command: the explorer by default, and its subcommands.
public struct MarginScope: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marginscope",
        abstract:
            "Explore softmax cross-entropy and the large-margin cosine losses (NormFace, CosFace, ArcFace, SphereFace, BD-LMCL) in the terminal.",
        discussion: """
            With no subcommand, opens the full-screen explorer (`explore`) on the teaching example \
            (4 classes, CosFace, s = 30, m = 0.35). Press ? inside for the keys, G for the guided lessons \
            (`marginscope lesson`, in English or Chinese). Without a terminal, use `frame` and `compute`.
            """,
        subcommands: [Explore.self, Compute.self, FrameCommand.self, LessonCommand.self, Train.self, Bench.self],
        defaultSubcommand: Explore.self
    )

    public init() {}
}

/// `marginscope explore` (the default): the full-screen explorer.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the full-screen explorer (the default when no subcommand is given)."
    )

    @OptionGroup(title: "Display")
    var display: DisplayOptions

    @OptionGroup(title: "Starting state")
    var start: ExplorerOptions

    @OptionGroup(title: "Language")
    var language: LanguageOption

    @OptionGroup
    var lesson: LessonOpeningOptions

    @Flag(name: .customLong("backend-demo"), help: .hidden)
    var backendDemo = false

    @Flag(name: .customLong("force-trap"), help: .hidden)
    var forceTrap = false

    func validate() throws {
        if start.batch == "-" {
            throw ValidationError(
                "--batch -: the explorer reads its keys from standard input; give a file path (frame and compute accept -).")
        }
    }

    func run() throws {
        let options = NcursesOptions(
            color: !display.noColor && NcursesOptions.colorAllowed(environment: ProcessInfo.processInfo.environment),
            ascii: display.ascii, mouse: !display.noMouse)
        if backendDemo {
            try runTerminal { try NcursesBackend.demo(options: options, forceTrap: forceTrap) }
            return
        }
        var (state, batch) = try Launch.resolve(start)
        try LessonLaunch(language: language.language, opening: lesson.opening).apply(to: &state)
        state.display.theme = display.theme
        try runTerminal {
            let backend = try NcursesBackend.start(options: options)
            defer { backend.stop() }
            let glyphs: GlyphSet = backend.capabilities.unicode ? display.glyphs : .ascii
            let app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: BatchEngine(file: batch))
            if let note = backend.fallbackNote { app.show(message: note) }
            app.computeBatchInBackground()
            if forceTrap {
                // Hidden switch for the end-to-end test: a real Swift trap with the screen up.
                backend.draw(app.render())
                NcursesBackend.forceTrapForTesting()
            }
            app.run(on: backend)
            backend.stop()
            // A terminal that is gone (window closed, ssh dropped, pane killed)
            // ends the program as a hang-up would, quietly.
            if backend.terminalLost { throw ExitCode(Self.hangUpStatus) }
            let output = TextWriter.standardOutput()
            do throws(WriteFailure) {
                try output.write("marginscope --state \(Self.shellQuoted(StateString.encode(app.state)))\n")
                try output.flush()
            } catch {
                throw ExitCode(Self.hangUpStatus)
            }
        }
    }

    /// The status a shell reports for a program ended by SIGHUP (128 + 1).
    static let hangUpStatus: Int32 = 129

    /// `text` quoted for a POSIX shell, in single quotes; when it holds control
    /// characters (a file name with an escape sequence in it), in `$'…'` with
    /// those written as `\xHH`, so that nothing reaches the terminal raw and
    /// the line still reads back in bash and zsh.
    static func shellQuoted(_ text: String) -> String {
        let control = PrintableText.isControl
        guard text.unicodeScalars.contains(where: control) else {
            return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        var quoted = "$'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": quoted += "\\'"
            case "\\": quoted += "\\\\"
            case _ where control(scalar):
                // Byte by byte (C1 controls are two UTF-8 bytes): no dependence on the shell's locale.
                for byte in String(scalar).utf8 { quoted += String(format: "\\x%02X", byte) }
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
    }

    /// Runs `body`, turning "no terminal here" into a clear message and exit code 1.
    private func runTerminal(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as TerminalUnavailable {
            throw CommandFailure(e.description, status: 1)
        }
    }
}
