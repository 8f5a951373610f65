#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Text written to a file descriptor through a buffer, every write checked.
///
/// The one way the commands print. `FileHandle.write` traps on a failed write (a full disk,
/// a closed standard output, a pipe whose reader has gone while SIGPIPE is ignored), ending
/// in a backtrace; here the failure is a `WriteFailure`, which the entry point turns into one
/// line on standard error and exit status 74 (`EX_IOERR`). With SIGPIPE at its default a
/// vanished reader still ends the program silently, as `… | head` users expect: the kernel
/// sends the signal before `write` returns.
///
/// Text is gathered into blocks of `blockSize` bytes, so output can be produced row by row
/// without a system call per row and without ever existing whole in memory; `flush()` sends
/// what is left and must end every command. Control characters other than `\n` and `\t` are
/// escaped (`PrintableText`) on the way out: nothing the program prints can reach the
/// terminal as a command.
final class TextWriter {
    /// How many bytes are gathered before they are written.
    static let blockSize = 1 << 16

    let descriptor: Int32
    /// How messages name the stream, e.g. "standard output".
    let name: String
    private var buffer: [UInt8] = []

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(Self.blockSize)
    }

    /// A writer for standard output.
    static func standardOutput() -> TextWriter { TextWriter(descriptor: STDOUT_FILENO, name: "standard output") }

    /// A writer for standard error.
    static func standardError() -> TextWriter { TextWriter(descriptor: STDERR_FILENO, name: "standard error") }

    /// Adds `text`, writing out every full block.
    ///
    /// - Throws: `WriteFailure` when the descriptor refuses the bytes.
    func write(_ text: String) throws(WriteFailure) {
        var text = text
        let clean = text.withUTF8 { bytes in !bytes.contains(where: Self.mayStartControl) }
        if !clean { text = PrintableText.escaped(text, keeping: ["\n", "\t"]) }
        var failure: WriteFailure?
        text.withUTF8 { bytes in
            var rest = bytes[...]
            while !rest.isEmpty {
                let room = Self.blockSize - buffer.count
                buffer.append(contentsOf: rest.prefix(room))
                rest = rest.dropFirst(room)
                if buffer.count >= Self.blockSize {
                    do throws(WriteFailure) { try flush() } catch { failure = error; return }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Writes everything gathered so far.
    ///
    /// - Throws: `WriteFailure` when the descriptor refuses the bytes.
    func flush() throws(WriteFailure) {
        defer { buffer.removeAll(keepingCapacity: true) }
        let failure = buffer.withUnsafeBytes { bytes -> WriteFailure? in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return WriteFailure(stream: name, code: written < 0 ? errno : EIO) }
                offset += written
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Writes `line` and a line end, ignoring failure: for standard error, where there is
    /// nowhere left to report that a report failed.
    func report(_ line: String) {
        try? write(line + "\n")
        try? flush()
    }

    /// A byte that is, or may begin, a control character in UTF-8: C0 except `\t` and `\n`,
    /// DEL, and 0xC2, the lead byte of C1 (`U+0080…U+009F`) and of other Latin-1 characters
    /// (text with one of those takes the slower, exact path).
    private static func mayStartControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2
    }
}

/// A write that failed: which stream and the system's error number.
struct WriteFailure: Error, Equatable {
    var stream: String
    var code: Int32

    /// "cannot write to standard output: No space left on device".
    var message: String {
        "cannot write to \(stream): \(String(cString: strerror(code)))."
    }
}
