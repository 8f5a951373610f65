import Foundation
import Testing

/// Runs `marginscope lesson …` from `directory` with exactly `environment`.
private func lesson(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> RunResult {
    let binary = try #require(CLI.binary, "the marginscope executable was not found next to the test bundle")
    let scratch = try TemporaryDirectory()
    let out = scratch.url.appendingPathComponent("out"), err = scratch.url.appendingPathComponent("err")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = ["lesson"] + arguments
    process.environment = environment
    process.currentDirectoryURL = directory ?? scratch.url
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    let stdout = try Data(contentsOf: out)
    return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self), stdoutData: stdout)
}

@Test func lessonListPrintsFiveLessonsWithIdStepsAndTitleFromAnyDirectory() throws {
    // Run from an empty temporary directory: the lessons come from the installed resources.
    let result = try lesson(["--list", "--lang", "en"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count >= 5)
    #expect(lines.first == "softmax   6 steps  Softmax and the cross-entropy gradient")
    #expect(lines.contains("cosface   7 steps  CosFace: the margin m on the cosine"))
}

@Test func lessonListFollowsTheLocaleUnlessLangIsGiven() throws {
    let zh = try lesson(["--list"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(zh.stdout.split(separator: "\n").first == "softmax   6 步  Softmax 与交叉熵的梯度")
    let forced = try lesson(["--list", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(forced.stdout.hasPrefix("softmax   6 steps  "))
    let posix = try lesson(["--list"], environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"])
    #expect(posix.stdout.hasPrefix("softmax   6 steps  "))
}

@Test func lessonCheckSaysOkForEveryBuiltInLesson() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Explorer/Lessons/BuiltIn")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lesson") }
    #expect(files.count >= 5)
    for file in files {
        let result = try lesson(["--check", folder.appendingPathComponent(file).path])
        #expect(result.status == 0 && result.stdout == "ok\n", "\(file): \(result.stdout)")
    }
}

@Test func lessonCheckReportsProblemsWithLineNumbersAndExits65() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("bad.lesson", """
    lesson: bad
    title.en: Bad
    step:
    state: ms1;screen=nowhere
    text.en: {nothing}
    """)
    let result = try lesson(["--check", path])
    #expect(result.status == 65)
    #expect(result.stdout == """
    \(path): line 4: state string: screen 'nowhere' is not one of softmax, cosine, geometry, batch, train
    \(path): line 5: unknown placeholder {nothing} (the names are listed in Docs/Lessons.md, e.g. {loss} {p_y} {s} {m})

    """)
}

@Test func lessonCommandRejectsBadUsageWithAClearMessage() throws {
    let neither = try lesson([])
    #expect(neither.status == 64)
    #expect(neither.stderr.contains("give one of --list or --check PATH"))
    let language = try lesson(["--list", "--lang", "fr"])
    #expect(language.status == 64)
    #expect(language.stderr.contains("--lang: 'fr' is not a language; use en or zh"))
    let missing = try lesson(["--check", "/nonexistent/x.lesson"])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("cannot read '/nonexistent/x.lesson'"))
}
