/// A guided lesson: an id, a title per language and 5–10 steps.
///
/// Built only by `LessonFile.parse` from a file that passed every check, so every
/// step's state decodes, every placeholder names a quantity and every question has
/// exactly one right answer. A lesson may be written in one language or both
/// (`languages`); asked for a language it lacks, it falls back to its first one.
public struct Lesson: Hashable, Sendable {
    public var id: String
    public var titles: [Language: String]
    public var steps: [LessonStep]

    /// The languages the lesson is written in, in `Language.allCases` order.
    public var languages: [Language] { Language.allCases.filter { titles[$0] != nil } }

    /// `language` when the lesson has it, else its first language.
    public func resolved(_ language: Language) -> Language {
        titles[language] != nil ? language : (languages.first ?? .en)
    }

    public func title(_ language: Language) -> String { titles[resolved(language)] ?? id }

    /// The number of steps that ask a question.
    public var questionCount: Int { steps.filter { $0.question != nil }.count }
}

/// One step: what the explorer shows, what the narrative says, what it asks.
public struct LessonStep: Hashable, Sendable {
    /// The line of the file where the step starts (for messages).
    public var line: Int
    /// The state string the step sets, as written.
    public var stateString: String
    /// That string decoded over the explorer's defaults.
    public var state: ExplorerState
    /// The panel to look at, highlighted.
    public var panel: Panel?
    /// Narrative paragraphs per language, with `{name}` placeholders.
    public var narrative: [Language: [String]]
    public var question: LessonQuestion?
    /// Quantities shown as `?` until the question is answered.
    public var hidden: [String]
}

/// A predict-then-reveal question: 2–4 choices, exactly one right.
public struct LessonQuestion: Hashable, Sendable {
    public var prompt: [Language: String]
    public var choices: [Language: [String]]
    /// Index of the right choice (the same in every language).
    public var answer: Int
    /// One or two lines shown once the student has answered.
    public var explanation: [Language: [String]]
}
