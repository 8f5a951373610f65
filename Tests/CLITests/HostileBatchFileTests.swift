import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--batch` files built to break things, given to both `compute` and the
/// explorer's `frame`: each gets exit status 65, one line on standard error
/// naming the file (and the row and column where there is one), and nothing at
/// all on standard output.
@Suite(.tags(.subprocess), TestRun.slow) struct HostileBatchFileTests {
    /// The two commands that read `--batch`, with the prefix of their error line.
    enum Command: String, CaseIterable, Sendable {
        case compute, frame
        var prefix: String { "marginscope \(rawValue): " }
        func run(_ path: String) throws -> RunResult {
            switch self {
            case .compute: return try CLI.run(["--batch", path])
            case .frame: return try CLI.run(["--batch", path, "--size", "80x24"], subcommand: "frame")
            }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var contents: [UInt8]
        /// Fragments the message must contain besides the file name.
        var mentions: [String]
        var testDescription: String { name }
    }

    /// Seeded bytes with a control byte somewhere after the first line, and where that byte's row is (counted here).
    static let garbage: (bytes: [UInt8], row: Int) = {
        var random = SeededGenerator(seed: 66)
        var bytes = Array("0,0.5,0.5\n1,0.25,0.75\n".utf8)
        bytes += (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        let first = bytes.firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }!
        return (bytes, 1 + bytes[..<first].filter { $0 == 0x0A }.count)
    }()

    static let cases: [Case] = [
        Case(name: "empty", contents: [], mentions: ["empty"]),
        Case(name: "whitespace only", contents: Array(" \t\r\n\n".utf8), mentions: ["empty"]),
        Case(name: "comments only", contents: Array("# cosines\n# none yet\n".utf8), mentions: ["no samples"]),
        Case(name: "header only", contents: Array("label,cos0,cos1\n".utf8), mentions: ["header (row 1)", "no samples"]),
        Case(
            name: "ragged, short row", contents: Array("0,0.1,0.2\n1,0.3,0.4\n1,0.3\n".utf8), mentions: ["row 3", "2 fields", "expected 3"]),
        Case(name: "ragged, long row", contents: Array("0,0.1,0.2\n1,0.3,0.4,0.5\n".utf8), mentions: ["row 2", "4 fields", "expected 3"]),
        Case(name: "ragged header", contents: Array("y,a\n0,0.1,0.2\n".utf8), mentions: ["row 1", "2 fields", "row 2 has 3"]),
        Case(name: "one column", contents: Array("0\n1\n".utf8), mentions: ["row 1", "1 field", "at least 2 cosines"]),
        Case(
            name: "non-number", contents: Array("y,a,b\n0,0.1,0.2\n1,0.3,abc\n".utf8),
            mentions: ["row 3, column 3", "'abc'", "not a number"]),
        Case(name: "number with a unit", contents: Array("0,0.1,0.2°\n".utf8), mentions: ["row 1, column 3", "'0.2°'"]),
        Case(name: "empty field", contents: Array("0,,0.2\n".utf8), mentions: ["row 1, column 2", "empty field"]),
        Case(name: "NaN", contents: Array("0,0.1,0.2\n1,NaN,0.3\n".utf8), mentions: ["row 2, column 2", "'NaN'", "finite"]),
        Case(name: "nan", contents: Array("0,nan,0.3\n".utf8), mentions: ["row 1, column 2", "finite"]),
        Case(name: "infinity", contents: Array("0,0.1,-inf\n".utf8), mentions: ["row 1, column 3", "'-inf'", "finite"]),
        Case(name: "overflow", contents: Array("0,1e999,0.3\n".utf8), mentions: ["row 1, column 2", "finite"]),
        Case(name: "cosine past 1", contents: Array("0,0.1,0.2\n0,1.0000001,0.2\n".utf8), mentions: ["row 2, column 2", "[-1, 1]"]),
        Case(name: "label out of range", contents: Array("0,0.1,0.2\n2,0.1,0.2\n".utf8), mentions: ["row 2, column 1", "0...1"]),
        Case(name: "negative label", contents: Array("-1,0.1,0.2\n".utf8), mentions: ["row 1, column 1", "0...1"]),
        Case(name: "label not an integer", contents: Array("0,0.1,0.2\n1e0,0.1,0.2\n".utf8), mentions: ["row 2, column 1", "'1e0'"]),
        Case(name: "binary garbage", contents: garbage.bytes, mentions: ["row \(garbage.row):", "binary"]),
        Case(name: "an ELF header", contents: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], mentions: ["row 1", "binary"]),
        Case(name: "UTF-16", contents: [0xFF, 0xFE] + Array("0,0.1,0.2\n".utf8).flatMap { [$0, 0] }, mentions: ["row 1", "binary"]),
        Case(name: "not UTF-8", contents: Array("0,0.1,0.2\n1,0.3,".utf8) + [0xE9, 0x0A], mentions: ["UTF-8"]),
        // A bare \r (an old Mac line end) must not reach the terminal raw: it would send the cursor back over the message.
        Case(name: "carriage returns only", contents: Array("0,0.1,0.2\r1,0.3,0.4\r".utf8), mentions: ["row 1, column 3", "'0.2\\r1'"]),
    ]

    static func expectClearError(
        _ run: RunResult, _ command: Command, path: String, mentions: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(run.status == 65, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdoutData.isEmpty, "partial output: \(run.stdout.prefix(200))", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix(command.prefix), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(
            run.stderr.filter { $0 == "\n" }.count == 1 && run.stderr.hasSuffix("\n"), "one line: \(run.stderr)",
            sourceLocation: sourceLocation)
        #expect(
            !run.stderr.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" },
            "a control character in the message: \(run.stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(path), "the file is not named: \(run.stderr)", sourceLocation: sourceLocation)
        for fragment in mentions {
            #expect(run.stderr.contains(fragment), "'\(fragment)' not in: \(run.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: cases, Command.allCases)
    func aHostileFileGetsOneClearLineAndNoOutput(_ c: Case, _ command: Command) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", Data(c.contents))
        Self.expectClearError(try command.run(path), command, path: path, mentions: c.mentions)
    }

    @Test(arguments: Command.allCases)
    func aDirectoryAMissingPathAndADeviceAreRefusedByName(_ command: Command) throws {
        let directory = try TemporaryDirectory()
        Self.expectClearError(try command.run(directory.url.path), command, path: directory.url.path, mentions: ["is a directory"])
        let missing = directory.url.appendingPathComponent("no-such-batch.csv").path
        Self.expectClearError(try command.run(missing), command, path: missing, mentions: ["no such file"])
        // /dev/zero never ends: reading it all would exhaust memory.
        Self.expectClearError(try command.run("/dev/zero"), command, path: "/dev/zero", mentions: ["not a regular file"])
    }

    /// A long field is quoted, not dumped: a megabyte of letters gives a short line.
    @Test(arguments: Command.allCases)
    func aHugeFieldIsQuotedShort(_ command: Command) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", "0,0.1," + String(repeating: "a", count: 1_000_000) + "\n")
        let run = try command.run(path)
        Self.expectClearError(run, command, path: path, mentions: ["row 1, column 3", "'aaaa"])
        #expect(run.stderr.utf8.count < 400, "\(run.stderr.utf8.count) bytes of message")
    }

    /// A spreadsheet's byte-order mark does not turn the first sample into a header.
    @Test func aByteOrderMarkIsNotPartOfTheFirstRow() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", Data([0xEF, 0xBB, 0xBF] + Array("0,0.9,0.1\n1,0.2,0.8\n".utf8)))
        let run = try CLI.run(["--batch", path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdoutData)
        #expect((json["samples"] as? [Any])?.count == 2, "\(run.stdout.prefix(300))")
    }

    /// No permission to read: checked as an unprivileged user, since root reads any file.
    @Test(.enabled(if: unprivileged != nil, "needs setpriv (util-linux) and the user nobody"), arguments: Command.allCases)
    func anUnreadableFileIsRefusedByName(_ command: Command) throws {
        let binary = try #require(CLI.binary)
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", "0,0.1,0.2\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
        let arguments = command == .compute ? ["compute", "--batch", path] : ["frame", "--batch", path]
        let run = try Subprocess.run(
            URL(fileURLWithPath: Self.unprivileged!),
            ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binary.path] + arguments)
        Self.expectClearError(run, command, path: path, mentions: ["cannot read", "permission denied"])
    }

    /// `setpriv`, when it can drop to `nobody` here (root, util-linux installed).
    static let unprivileged: String? = {
        guard getuid() == 0, getpwnam("nobody") != nil else { return nil }
        return ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// 100 MB of plausible CSV (a million rows) whose very last value is bad: the
    /// error names that row and column, nothing is printed, and time and memory stay sane.
    @Test func aHundredMegabyteFileWithABadLastValueIsRefusedWhole() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("big.csv")
        var random = SeededGenerator(seed: 100)
        let rows = (0..<1000).map { i in
            "\(i % 10)," + (0..<10).map { _ in String(format: "%.6f", Double.random(in: -1...1, using: &random)) }.joined(separator: ",")
                + "\n"
        }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        var written = 0, count = 0
        let block = Data(rows.joined().utf8)
        while written < 100_000_000 {
            try handle.write(contentsOf: block)
            written += block.count
            count += rows.count
        }
        try handle.write(contentsOf: Data("3,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,zz,0.9\n".utf8))
        try handle.close()

        let start = Date()
        let run = try Command.compute.run(url.path)
        let seconds = Date().timeIntervalSince(start)
        Self.expectClearError(run, .compute, path: url.path, mentions: ["row \(count + 1), column 10", "'zz'"])
        // A debug build parses 100 MB in about 15 s on two cores; a minute means something went quadratic.
        #expect(seconds < 90, "\(seconds) s")
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        // ru_maxrss is in KiB on Linux: the largest child so far, this one included (about 270 MB).
        #expect(usage.ru_maxrss < 1_500_000, "a child used \(usage.ru_maxrss) KiB")
    }

    /// 100 MB of random bytes: refused at the first control byte, at once.
    @Test(arguments: Command.allCases)
    func aHundredMegabytesOfGarbageIsRefusedAtOnce(_ command: Command) throws {
        let directory = try TemporaryDirectory()
        var random = SeededGenerator(seed: 101)
        // One random megabyte, a hundred times over (filling 100 MB byte by byte is slow in a debug build).
        let megabyte = (0..<(1 << 17)).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(100 * megabyte.count)
        for _ in 0..<100 { bytes += megabyte }
        let first = bytes.firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }!
        let row = 1 + bytes[..<first].filter { $0 == 0x0A }.count
        let path = try directory.file("garbage.bin", Data(bytes))
        Self.expectClearError(try command.run(path), command, path: path, mentions: ["row \(row):", "binary"])
    }
}
