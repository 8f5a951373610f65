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
        Named keys: <Up> <Down> <Left> <Right> <S-Left> <S-Right> <Tab> <S-Tab> <Enter> <Esc> <Space>
        <Bksp> <PgUp> <PgDn> <Home> <End> <F1>…<F12> <C-x> <lt>.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Terminal size, columns x rows, e.g. 80x24 (1x1 to 1000x500).", valueName: "WxH"))
    var size: String = "80x24"

    @Option(name: .long, help: ArgumentHelp("Keys to press before printing the frame.", valueName: "keys"))
    var keys: String = ""

    @Flag(name: .customLong("ascii"), help: "ASCII only (no braille, blocks, box drawing or θ).")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp("Training screen: epochs both runs have trained before the keys, 0...\(TrainSettings.maximumEpoch).", valueName: "n"))
    var epochs: Int?

    @OptionGroup(title: "Starting state")
    var start: ExplorerOptions

    func validate() throws {
        _ = try Self.parseSize(size)
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
        let text = app.render().lines.joined(separator: "\n") + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func parseSize(_ text: String) throws -> (Int, Int) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...500).contains(h) else {
            throw ValidationError("--size: '\(text)' is not WxH with 1 ≤ W ≤ 1000 and 1 ≤ H ≤ 500, e.g. 80x24.")
        }
        return (w, h)
    }
}

/// Turning options into a starting state once `validate()` has passed: what is left are
/// the batch file's problems, data errors with exit code 65 (and k against the file's C, a usage error, 64).
enum Launch {
    static func resolve(_ options: ExplorerOptions) throws -> (ExplorerState, LossMath.CosineBatch?) {
        do {
            return try options.resolve()
        } catch let e as ValidationError {
            FileHandle.standardError.write(Data("marginscope: \(e.message)\n".utf8))
            throw ExitCode(InputError.Kind.usage.rawValue)
        } catch let e as InputError {
            FileHandle.standardError.write(Data("marginscope: \(e.message)\n".utf8))
            throw ExitCode(e.kind.rawValue)
        }
    }
}
