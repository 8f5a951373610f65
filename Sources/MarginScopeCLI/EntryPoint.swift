import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension MarginScope {
    /// Parses the command line, runs the command and returns the exit status, with every
    /// message printed through `TextWriter` (checked, control characters escaped).
    ///
    /// This replaces ArgumentParser's `main()`, which prints its own messages raw (an
    /// option's value holding an escape sequence would reach the terminal) and lets a
    /// failed write trap. The statuses: 0; 1 for a failure the command reports itself;
    /// 64 (`EX_USAGE`) for a bad command line; 65 (`EX_DATAERR`) for bad data; 71
    /// (`EX_OSERR`) when memory for a large buffer cannot be had; 74 (`EX_IOERR`) when
    /// the output cannot be written. Help (`--help`, `help`) goes to standard output.
    ///
    /// - Parameter arguments: the arguments without the program's name; nil for the process's own.
    public static func exitStatus(arguments: [String]? = nil) -> Int32 {
        holdClosedStandardDescriptors()
        var prefix = "marginscope"
        var commandType: ParsableCommand.Type = MarginScope.self
        do {
            var command = try parseAsRoot(arguments)
            commandType = type(of: command)
            if let name = commandType.configuration.commandName, name != prefix {
                prefix += " " + name
            }
            try command.run()
            return 0
        } catch let failure as CommandFailure {
            TextWriter.standardError().report(failure.message)
            return failure.status
        } catch let refusal as ValidationError {
            // A usage error found once the command runs (k against a file's C, a lesson's steps):
            // the same lines as one found while parsing.
            TextWriter.standardError().report(usageFailure(refusal.message, command: commandType, names: prefix))
            return ExitCode.validationFailure.rawValue
        } catch let error as InputError {
            guard error.kind == .data else {
                TextWriter.standardError().report(usageFailure(error.message, command: commandType, names: prefix))
                return error.kind.rawValue
            }
            TextWriter.standardError().report("\(prefix): \(error.message)")
            return error.kind.rawValue
        } catch let failure as WriteFailure {
            TextWriter.standardError().report("\(prefix): \(failure.message)")
            return Self.ioErrorStatus
        } catch let shortage as MemoryShortage {
            TextWriter.standardError().report("\(prefix): \(shortage.message)")
            return Self.memoryErrorStatus
        } catch {
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            guard !message.isEmpty else { return status.rawValue }
            guard status == .success else {
                TextWriter.standardError().report(quotingLineBreaks(in: message, arguments: arguments))
                return status.rawValue
            }
            do throws(WriteFailure) {
                let output = TextWriter.standardOutput()
                try output.write(message + "\n")
                try output.flush()
            } catch {
                TextWriter.standardError().report("\(prefix): \(error.message)")
                return Self.ioErrorStatus
            }
            return status.rawValue
        }
    }

    /// A usage error in ArgumentParser's form: the message, the usage line of `command`
    /// and where its help is, as a failed `validate()` prints them.
    static func usageFailure(_ message: String, command: ParsableCommand.Type, names: String) -> String {
        let usage = command == MarginScope.self ? usageString() : usageString(for: command)
        var lines = usage.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if lines.count == 2 {
            lines[1] = lines[1].split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : String(repeating: " ", count: 7) + $0 }.joined(separator: "\n")
        }
        return "Error: \(message)\nUsage: \(lines.joined(separator: "\n"))\n  See '\(names) --help' for more information."
    }

    /// `message` with every argument that holds a line break, where ArgumentParser quotes it raw,
    /// written with the break escaped (`\n`): the line naming the refused value stays one line.
    static func quotingLineBreaks(in message: String, arguments: [String]?) -> String {
        var message = message
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        for argument in given where argument.contains("\n") || argument.contains("\r") {
            message = message.replacingOccurrences(of: argument, with: PrintableText.escaped(argument))
        }
        return message
    }

    /// Opens `/dev/null` read-only on standard input, output or error where they are closed
    /// (`>&-`), so that no file opened later takes their number.
    ///
    /// Otherwise the first descriptor the program opens (a batch file, an event descriptor
    /// of the thread pool) becomes "standard output", and the output goes into it. Read-only,
    /// a closed output still refuses every write (EBADF), and the user is told.
    private static func holdClosedStandardDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            // The lowest free number is the one just found closed (those below it are open).
            _ = open("/dev/null", O_RDONLY)
        }
    }

    /// `EX_IOERR` from sysexits.h: the output could not be written.
    static let ioErrorStatus: Int32 = 74

    /// `EX_OSERR` from sysexits.h: memory could not be had.
    static let memoryErrorStatus: Int32 = 71
}
