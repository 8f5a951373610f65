#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// The lines of a text file or of standard input, read as a stream, block by block.
///
/// What is held at any moment is one block and the line being assembled, so memory does
/// not grow with the size of the source. Two limits keep hostile input cheap to refuse:
/// - every block is checked for control bytes (C0 except tab, line feed and carriage
///   return) as it arrives, so binary data is refused within its first kilobytes, with the
///   row it sits in, before any line of that block is parsed;
/// - a line longer than `lineLimit` bytes is refused (a row of 10,000 cosines written to 17
///   digits is about 250 kB; a source without line ends, such as `/dev/zero` piped in,
///   would otherwise be gathered without end).
///
/// Lines end at `\n`; a `\r` before it is left for the field splitter to trim. A UTF-8
/// byte-order mark (spreadsheets write one) is dropped from the first line. A line that is
/// not valid UTF-8 is refused. Rows are counted from 1, blank lines included, as an editor
/// numbers them.
final class LineReader {
    /// Bytes read per system call.
    static let blockSize = 1 << 16
    /// The longest line accepted, in bytes (1 MiB).
    static let lineLimit = 1 << 20

    /// How messages name the source: `'path'` or `standard input`.
    let name: String
    /// What the source should hold, for messages ("CSV text 'label,cos_1,...,cos_C'").
    let expected: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes read and not yet handed out as lines: `buffer[start...]`.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where `read` puts each block before it joins `buffer`.
    private var block = [UInt8](repeating: 0, count: LineReader.blockSize)
    /// The number of the last line handed out.
    private(set) var row = 0
    private var atEnd = false

    /// Opens `path` (`-` for standard input).
    ///
    /// A path must name a regular file or a pipe: a directory, a device (`/dev/zero`
    /// never ends) or a file that cannot be opened is refused.
    ///
    /// - Throws: `InputError` of kind `.data` naming `option`, the path, and what was `expected`.
    init(path: String, option: String, expected: String, fileDescription: String) throws {
        self.expected = expected
        if path == "-" {
            name = "standard input"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        name = "'\(PrintableText.escaped(path))'"
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                throw InputError(
                    .data, "\(option): cannot read \(name): no such file; expected \(fileDescription) (or - for standard input).")
            }
            throw InputError(.data, "\(option): cannot read \(name): \(String(cString: strerror(errno))).")
        }
        let kind = status.st_mode & S_IFMT
        guard kind != S_IFDIR else {
            throw InputError(.data, "\(option): \(name) is a directory; expected \(fileDescription).")
        }
        let opened = kind == S_IFREG || kind == S_IFIFO ? open(path, O_RDONLY) : -1
        guard opened >= 0 else {
            throw InputError(.data, "\(option): cannot read \(name): permission denied or not a regular file.")
        }
        descriptor = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next line without its `\n`, or nil at the end of the source.
    ///
    /// The slice is valid until the next call.
    ///
    /// - Throws: `InputError` of kind `.data` for binary data, a line past `lineLimit`,
    ///   text that is not UTF-8, or a read that fails.
    func nextLine() throws -> ArraySlice<UInt8>? {
        var scanned = start
        while true {
            if let end = Self.firstLineEnd(in: buffer, from: scanned) {
                return try hand(start..<end, next: end + 1)
            }
            scanned = buffer.count
            guard buffer.count - start <= Self.lineLimit else {
                throw InputError(
                    .data,
                    "\(name) row \(row + 1): longer than \(Self.lineLimit) bytes (1 MiB) without a line end; expected \(expected), at most 1 MiB per row."
                )
            }
            if atEnd {
                return start < buffer.count ? try hand(start..<buffer.count, next: buffer.count) : nil
            }
            // Drop the lines already handed out before reading more, so that the buffer
            // holds at most one line and one block.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            try readBlock()
        }
    }

    /// Hands out `range` as line `row + 1`, after the checks that need the whole line.
    private func hand(_ range: Range<Int>, next: Int) throws -> ArraySlice<UInt8> {
        row += 1
        start = next
        guard range.count <= Self.lineLimit else {
            throw InputError(
                .data, "\(name) row \(row): longer than \(Self.lineLimit) bytes (1 MiB); expected \(expected), at most 1 MiB per row.")
        }
        var line = buffer[range]
        if row == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        let ascii = line.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count && bytes[index] < 0x80 { index += 1 }
            return index == bytes.count
        }
        if !ascii && String(validating: line, as: UTF8.self) == nil {
            throw InputError(.data, "\(name) is not UTF-8 text (row \(row)); expected \(expected).")
        }
        return line
    }

    /// Appends one block from the source, refusing it if it holds a control byte.
    private func readBlock() throws {
        var count = 0
        repeat {
            count = block.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else {
            throw InputError(.data, "\(name): cannot read: \(String(cString: strerror(errno))).")
        }
        if count == 0 { atEnd = true }
        let old = buffer.count
        block.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        let control = buffer.withUnsafeBufferPointer { bytes -> Int? in
            var index = old
            while index < bytes.count {
                let byte = bytes[index]
                // C0 except tab, line feed and carriage return: bytes text never holds.
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return index }
                index += 1
            }
            return nil
        }
        if let control {
            let lineEnds = buffer[start..<control].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InputError(
                .data,
                "\(name) row \(row + 1 + lineEnds): binary data (control byte 0x\(String(buffer[control], radix: 16))); expected \(expected)."
            )
        }
    }

    /// The index of the first `\n` in `bytes` at or after `offset` (`memchr`: this runs
    /// over every byte of the source, and a debug build's generic loops are slow).
    private static func firstLineEnd(in bytes: [UInt8], from offset: Int) -> Int? {
        bytes.withUnsafeBufferPointer { pointer in
            guard offset < pointer.count, let found = memchr(pointer.baseAddress! + offset, 0x0A, pointer.count - offset) else {
                return nil
            }
            return pointer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
