import Foundation
import TestSupport
import Testing

/// Runs `marginscope lesson …` from `directory` with exactly `environment`.
private func lesson(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> RunResult {
    let binary = try #require(CLI.binary, "the marginscope executable was not found next to the test bundle")
    let scratch = try TemporaryDirectory()
    return try Subprocess.run(binary, ["lesson"] + arguments, environment: environment, directory: directory ?? scratch.url)
}

@Test(.tags(.subprocess), TestRun.slow) func lessonListPrintsFiveLessonsWithIdStepsAndTitleFromAnyDirectory() throws {
    // Run from an empty temporary directory: the lessons come from the installed resources.
    let result = try lesson(["--list", "--lang", "en"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count >= 5)
    #expect(lines.first == "softmax   6 steps  Softmax and the cross-entropy gradient")
    #expect(lines.contains("cosface   7 steps  CosFace: the margin m on the cosine"))
}

@Test(.tags(.subprocess), TestRun.slow) func lessonListFollowsTheLocaleUnlessLangIsGiven() throws {
    let zh = try lesson(["--list"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(zh.stdout.split(separator: "\n").first == "softmax   6 步  Softmax 与交叉熵的梯度")
    let forced = try lesson(["--list", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(forced.stdout.hasPrefix("softmax   6 steps  "))
    let posix = try lesson(["--list"], environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"])
    #expect(posix.stdout.hasPrefix("softmax   6 steps  "))
}

@Test(.tags(.subprocess), TestRun.slow) func lessonCheckSaysOkForEveryBuiltInLesson() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Explorer/Lessons/BuiltIn")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lesson") }
    #expect(files.count >= 5)
    for file in files {
        let result = try lesson(["--check", folder.appendingPathComponent(file).path])
        #expect(result.status == 0 && result.stdout == "ok\n", "\(file): \(result.stdout)")
    }
}

@Test(.tags(.subprocess), TestRun.slow) func lessonCheckReportsProblemsWithLineNumbersAndExits65() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
        "bad.lesson",
        """
        lesson: bad
        title.en: Bad
        step:
        state: ms1;screen=nowhere
        text.en: {nothing}
        """)
    let result = try lesson(["--check", path])
    #expect(result.status == 65)
    #expect(
        result.stdout == """
            \(path): line 4: state string: screen 'nowhere' is not one of softmax, cosine, geometry, batch, compare, train
            \(path): line 5: unknown placeholder {nothing} (the names are listed in Docs/Lessons.md, e.g. {loss} {p_y} {s} {m})

            """)
}

@Test(.tags(.subprocess), TestRun.slow) func lessonCommandRejectsBadUsageWithAClearMessage() throws {
    let two = try lesson(["cosface", "--list"])
    #expect(two.status == 64)
    #expect(two.stderr.contains("give only one of a lesson id, --file PATH, --list or --check PATH (got a lesson id and --list)"))
    let unknown = try lesson(["nope"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no lesson 'nope'; the built-in lessons are softmax, normface, cosface, geometry, bdlmcl"))
    let unreadable = try lesson(["--file", "/nonexistent/x.lesson"])
    #expect(unreadable.status == 65)
    #expect(unreadable.stderr.contains("--file: cannot read '/nonexistent/x.lesson'"))
    let language = try lesson(["--list", "--lang", "fr"])
    #expect(language.status == 64)
    #expect(language.stderr.contains("--lang: 'fr' is not a language; use en or zh"))
    let missing = try lesson(["--check", "/nonexistent/x.lesson"])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("cannot read '/nonexistent/x.lesson'"))
}

@Test(.tags(.subprocess), TestRun.slow) func theExplorerLessonWithoutATerminalSaysWhatToUseInstead() throws {
    // Opening a lesson needs the full-screen explorer; standard input here is not a terminal.
    let result = try lesson(["cosface"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("needs an interactive terminal") && result.stderr.contains("marginscope frame"))
}

@Test(.tags(.subprocess), TestRun.slow) func aTeachersFileWithAProblemIsRefusedWithItsLineBeforeTheExplorerStarts() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("bad.lesson", "lesson: t\ntitle.en: T\nstep:\nstate: bogus\ntext.en: hi\n")
    let result = try lesson(["--file", path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(path): line 4: state string must start with 'ms1;'"))
}

@Test(.tags(.subprocess), TestRun.slow) func frameShowsALessonStepInChineseWithTheHiddenNumbersAndRevealsThemWhenAnswered() throws {
    // cosface step 2: s = 30, m = 0.2 on cos (0.62, 0.5, 0.2, −0.1); NumPy gives L = 2.4869, p_y = 0.0832.
    let open = try CLI.run(["--lesson", "cosface", "--step", "2", "--lang", "zh"], subcommand: "frame")
    #expect(open.status == 0, "\(open.stderr)")
    #expect(open.stdout.contains("第 3 课：CosFace") && open.stdout.contains("第 2/7 步"))
    #expect(open.stdout.contains("LMCL     L =      ?  p_y =      ?"))
    #expect(!open.stdout.contains("2.4869"))
    let answered = try CLI.run(["--lesson", "cosface", "--step", "2", "--answer", "2", "--lang", "zh"], subcommand: "frame")
    #expect(answered.status == 0)
    #expect(answered.stdout.contains("答对了。"))
    #expect(answered.stdout.contains("LMCL     L = 2.4869  p_y = 0.0832"))
    let lines = answered.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 24)
}

@Test(.tags(.subprocess), TestRun.slow) func frameRefusesStepsAndAnswersThatDoNotExist() throws {
    let late = try CLI.run(["--lesson", "cosface", "--step", "9"], subcommand: "frame")
    #expect(late.status == 64 && late.stderr.contains("--step: lesson cosface has 7 steps; give 1 to 7"))
    let alone = try CLI.run(["--step", "2"], subcommand: "frame")
    #expect(alone.status == 64 && alone.stderr.contains("give --lesson ID too"))
    let noQuestion = try CLI.run(["--lesson", "cosface", "--step", "1", "--answer", "1"], subcommand: "frame")
    #expect(noQuestion.status == 64 && noQuestion.stderr.contains("step 1 of cosface asks no question"))
    let choice = try CLI.run(["--lesson", "cosface", "--step", "2", "--answer", "3"], subcommand: "frame")
    #expect(choice.status == 64 && choice.stderr.contains("step 2 of cosface has 2 choices; give 1 to 2"))
    let language = try CLI.run(["--lang", "fr"], subcommand: "frame")
    #expect(language.status == 64 && language.stderr.contains("--lang: 'fr' is not a language; use en or zh"))
}
