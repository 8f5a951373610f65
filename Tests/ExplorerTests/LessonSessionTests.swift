import Testing

@testable import Explorer

private func lesson() throws -> Lesson {
    try LessonFile.load(
        """
        lesson: three
        title.en: Three steps
        step:
        state: ms1;screen=softmax;logits=2,1
        text.en: One.
        step:
        state: ms1;screen=cosine;s=30;m=0.2
        text.en: Two: {p_y}.
        question.en: Up or down?
        choice.en: up
        right.en: down
        explain.en: Down.
        hide: p_y
        step:
        state: ms1;screen=cosine;s=64
        text.en: Three.
        question.en: Pick b.
        choice.en: a
        right.en: b
        choice.en: c
        explain.en: b.
        """, source: "three")
}

@Test func nextAndPreviousWalkTheStepsAndTheEndComesAfterTheLast() throws {
    var session = LessonSession(lesson: try lesson())
    #expect(session.stepIndex == 0)
    var moved = session.previous()
    #expect(!moved && session.stepIndex == 0)
    moved = session.next()
    #expect(moved && session.stepIndex == 1)
    moved = session.next()
    #expect(moved && session.stepIndex == 2)
    moved = session.next()
    #expect(!moved && session.isFinished)
    moved = session.next()
    #expect(!moved && session.isFinished)
    // Back from the end returns to the last step, not before it.
    moved = session.previous()
    #expect(!moved && !session.isFinished && session.stepIndex == 2)
    moved = session.previous()
    #expect(moved && session.stepIndex == 1)
}

@Test func numbersStayHiddenUntilTheQuestionIsAnswered() throws {
    var session = LessonSession(lesson: try lesson())
    #expect(session.isRevealed && session.hiddenQuantities.isEmpty)
    session.next()
    #expect(!session.isRevealed)
    #expect(session.hiddenQuantities == ["p_y"])
    let taken = session.answer(0)
    #expect(taken && session.isRevealed && session.hiddenQuantities.isEmpty)
}

@Test func onlyTheFirstAnswerCountsAndTheScoreCountsRightOnes() throws {
    var session = LessonSession(lesson: try lesson())
    var taken = session.answer(0)
    #expect(!taken, "step 1 asks nothing")
    session.next()
    taken = session.answer(0)  // wrong: the right one is "down"
    #expect(taken)
    taken = session.answer(1)  // too late to change it
    #expect(!taken && session.answer == 0)
    session.next()
    taken = session.answer(3)
    #expect(!taken, "there are only three choices")
    taken = session.answer(1)  // right
    #expect(taken)
    #expect(session.score == (right: 1, asked: 2))
    // Going back shows the earlier answer, revealed.
    session.previous()
    #expect(session.answer == 0 && session.isRevealed)
}

@Test func returningToTheStepStateUndoesPlayButKeepsTheTerminalSize() throws {
    var session = LessonSession(lesson: try lesson())
    session.next()
    var played = session.stepState(keeping: ExplorerState())
    played.marginSteps = 45
    played.width = 120
    played.height = 40
    let back = session.stepState(keeping: played)
    #expect(back.marginSteps == 20 && back.scaleSteps == 3000 && back.screen == .cosine)
    #expect(back.width == 120 && back.height == 40)
}
