import ArgumentParser
import Explorer
import Foundation

/// `--lang en|zh`, shared by `explore`, `lesson` and `frame`.
struct LanguageOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Language of the words on screen: en or zh (default: from LC_ALL, LC_MESSAGES, LANG).", valueName: "en|zh"))
    var lang: String?

    func validate() throws {
        if let lang, Language(code: lang) == nil {
            throw ValidationError("--lang: '\(lang)' is not a language; use en or zh")
        }
    }

    /// The language asked for, else the one the locale environment names.
    var language: Language {
        lang.flatMap(Language.init(code:)) ?? Language.detect(environment: ProcessInfo.processInfo.environment)
    }
}
