/// Where a student is in a lesson: the step, the answers given, the score.
///
/// A plain value changed only by its operations, so the explorer's reducer can hold
/// it in the state and tests can drive it without a terminal. Answers are final:
/// the first answer to a question counts, and going back shows it again revealed.
public struct LessonSession: Hashable, Sendable {
    public let lesson: Lesson
    public private(set) var stepIndex = 0
    /// Past the last step: the end screen with the score.
    public private(set) var isFinished = false
    /// The choice given at each step that asked a question (step index → choice index).
    public private(set) var answers: [Int: Int] = [:]

    public init(lesson: Lesson) {
        precondition(!lesson.steps.isEmpty, "a lesson has at least one step (LessonFile checks it)")
        self.lesson = lesson
    }

    public var step: LessonStep { lesson.steps[stepIndex] }

    /// The current step's question has been answered, or it asks none: nothing is hidden.
    public var isRevealed: Bool { step.question == nil || answers[stepIndex] != nil }

    /// The quantities shown as `?` now.
    public var hiddenQuantities: Set<String> { isRevealed ? [] : Set(step.hidden) }

    /// The choice given at the current step, if any.
    public var answer: Int? { answers[stepIndex] }

    /// Right answers so far, and the number of questions in the lesson.
    public var score: (right: Int, asked: Int) {
        let right = answers.filter { lesson.steps[$0.key].question?.answer == $0.value }.count
        return (right, lesson.questionCount)
    }

    /// The next step; after the last one, the end of the lesson. Returns whether the step changed
    /// (the caller then sets the step's state).
    @discardableResult
    public mutating func next() -> Bool {
        guard !isFinished else { return false }
        if stepIndex + 1 < lesson.steps.count {
            stepIndex += 1
            return true
        }
        isFinished = true
        return false
    }

    /// The previous step; from the end of the lesson, back to the last step. Returns whether the step changed.
    @discardableResult
    public mutating func previous() -> Bool {
        if isFinished {
            isFinished = false
            return false
        }
        guard stepIndex > 0 else { return false }
        stepIndex -= 1
        return true
    }

    /// Answers the current question with choice `index` (0-based). Returns true when the
    /// answer was taken: there is a question, it was not answered yet, the choice exists.
    @discardableResult
    public mutating func answer(_ index: Int) -> Bool {
        guard !isFinished, let q = step.question, answers[stepIndex] == nil,
            let count = q.choices[lesson.languages.first ?? .en]?.count, (0..<count).contains(index)
        else { return false }
        answers[stepIndex] = index
        return true
    }

    /// The current step's state, keeping what belongs to the terminal (its size):
    /// what entering the step and `r` (return to the step's state) set.
    public func stepState(keeping current: ExplorerState) -> ExplorerState {
        var s = step.state
        s.width = current.width
        s.height = current.height
        return s
    }
}
