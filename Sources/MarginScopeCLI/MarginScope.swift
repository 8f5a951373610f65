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
        abstract: "Explore softmax cross-entropy, LMCL (CosFace) and BD-LMCL in the terminal.",
        discussion: """
        With no subcommand, opens the full-screen explorer (`explore`) on the teaching example \
        (4 classes, CosFace, s = 30, m = 0.35). Press ? inside for the keys. \
        Without a terminal, use `frame` and `compute`.
        """,
        subcommands: [Explore.self, Compute.self, FrameCommand.self, Train.self, Bench.self],
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

    @Flag(name: .customLong("backend-demo"), help: .hidden)
    var backendDemo = false

    @Flag(name: .customLong("force-trap"), help: .hidden)
    var forceTrap = false

    func run() throws {
        let options = NcursesOptions(
            color: !display.noColor && NcursesOptions.colorAllowed(environment: ProcessInfo.processInfo.environment),
            ascii: display.ascii, mouse: !display.noMouse)
        if backendDemo {
            try runTerminal { try NcursesBackend.demo(options: options, forceTrap: forceTrap) }
            return
        }
        if start.batch == "-" {
            throw ValidationError("--batch -: the explorer reads its keys from standard input; give a file path (frame and compute accept -).")
        }
        let (state, batch) = try Launch.resolve(start)
        try runTerminal {
            let backend = try NcursesBackend.start(options: options)
            defer { backend.stop() }
            let glyphs: GlyphSet = backend.capabilities.unicode ? display.glyphs : .ascii
            let app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: BatchEngine(file: batch))
            if let note = backend.fallbackNote { app.show(message: note) }
            if forceTrap {
                // Hidden switch for the end-to-end test: a real Swift trap with the screen up.
                backend.draw(app.render())
                NcursesBackend.forceTrapForTesting()
            }
            app.run(on: backend)
            backend.stop()
            let line = "marginscope --state '\(StateString.encode(app.state))'\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// Runs `body`, turning "no terminal here" into a clear message and exit code 1.
    private func runTerminal(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as TerminalUnavailable {
            FileHandle.standardError.write(Data("\(e.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
