/// The language of everything the user reads: English or Simplified Chinese.
///
/// Mathematical symbols (s, m, θ, p_y, ∂L/∂x) are the same in both; only words change.
public enum Language: String, CaseIterable, Hashable, Sendable {
    case en
    case zh

    /// Reads `--lang` values: `en` or `zh` (any case, a region such as `zh-CN` allowed).
    public init?(code: String) {
        let lower = code.lowercased()
        if lower == "en" || lower.hasPrefix("en-") || lower.hasPrefix("en_") {
            self = .en
        } else if lower == "zh" || lower.hasPrefix("zh-") || lower.hasPrefix("zh_") {
            self = .zh
        } else {
            return nil
        }
    }

    /// The language the locale environment asks for.
    ///
    /// As POSIX orders them for messages: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and not empty decides; a value starting with `zh` (`zh_CN.UTF-8`,
    /// `zh_TW`, `zh`) gives Chinese, anything else (`C`, `POSIX`, `en_US.UTF-8`, `fr_FR`)
    /// English. Nothing set gives English.
    public static func detect(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }

    /// The name of the language in itself, for pickers and `--help`.
    public var nativeName: String {
        switch self {
        case .en: return "English"
        case .zh: return "中文"
        }
    }
}
