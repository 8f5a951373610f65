import Foundation
import TestSupport
import Testing

/// A lesson followed in the real program, in tmux, as a student at a Chinese
/// terminal would: the picker, a step, an answer, the end, then quitting restores the terminal.
@Suite(.serialized, .tags(.terminal), TestRun.slow)
struct LessonEndToEndTests {
    @Test(.enabled(if: ExplorerEndToEndTests.canRun, "needs tmux and a built marginscope binary"))
    func aStudentPicksALessonAnswersAQuestionAndQuits() throws {
        let binary = try #require(MarginScopeBinary.url)
        let program = "LANG=zh_CN.UTF-8 SWIFT_BACKTRACE=interactive=no \"\(binary.path)\" lesson"
        let session = try TmuxSession.start(command: "sh -c '\(program); echo MS-EXIT=$?; sleep 30'")
        defer { session.kill() }
        try #require(try session.waitFor(text: "↑↓ 选择 · Enter 开始 · Esc 自由探索"))
        // The third lesson is CosFace; its second step asks whether p_y goes up or down.
        try session.sendKeys("Down", "Down", "Enter")
        #expect(try session.waitFor(text: "第 3 课：CosFace"))
        try session.sendKeys("PageDown")
        #expect(try session.waitFor(text: "第 2/7 步"))
        #expect(try session.waitFor(text: "LMCL     L =      ?  p_y =      ?"))
        try session.sendKeys("2")
        #expect(try session.waitFor(text: "答对了。"))
        #expect(try session.waitFor(text: "LMCL     L = 2.4869  p_y = 0.0832"))
        try session.sendKeys("Escape")
        #expect(try session.waitFor(text: "已离开课程"))
        try session.sendKeys("q")
        #expect(try session.waitFor(text: "MS-EXIT=0", history: true))
        #expect(try session.alternateOn() == false)
        #expect(try session.cursorVisible())
    }
}
