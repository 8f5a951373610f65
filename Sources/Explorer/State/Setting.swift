/// One adjustable value, described once: what it is called, where it may go, how
/// keys move it, how it is written in a state string and on the command line.
///
/// The reducer (steps, clamps, typed values), the status line, the typed-value
/// prompt, the sliders, the state string and the command line's help and checks
/// all read the row (`Settings`), so a value's range or step is written in one
/// place. Numbers live on `grid`: an integer count of steps of 1/denominator.
public struct Setting: Sendable {
    public let id: ID
    /// The name in words, as the status line and the prompt say it ("scale").
    public let name: String
    /// The whole label in Simplified Chinese, symbol included ("尺度 s"): what the status
    /// line and the prompt say when the interface is in Chinese.
    public let chineseLabel: String
    /// The paper's symbol ("s"), used in formulas, slider labels and the state string's key.
    public let symbol: String
    /// Range, fine/coarse steps (the arrows and H/L) and the typed precision.
    public let grid: ValueGrid
    /// The starting value, in grid steps.
    public let defaultSteps: Int
    /// Written after the value ("°" for angles), empty for none.
    public let unit: String
    /// The `name=value` key of the state string.
    public let stateKey: String
    /// The long option of `explore`/`frame`/`compute` (without `--`), nil when the command line does not set it alone.
    public let option: String?
    /// One sentence for `--help` and the help overlay; the range is added from `grid`.
    public let help: String
    /// The part of the range a slider spans (the full range can still be typed).
    public let sliderSpan: ClosedRange<Double>
    /// Whether the value counts things (k, N, C, seed): typed fractions are refused.
    public var isWholeNumber: Bool { grid.denominator == 1 }

    public init(
        _ id: ID, name: String, zh chineseLabel: String, symbol: String, grid: ValueGrid, defaultSteps: Int, unit: String = "",
        stateKey: String, option: String?, help: String, sliderSpan: ClosedRange<Double>? = nil
    ) {
        self.id = id
        self.name = name
        self.chineseLabel = chineseLabel
        self.symbol = symbol
        self.grid = grid
        self.defaultSteps = defaultSteps
        self.unit = unit
        self.stateKey = stateKey
        self.option = option
        self.help = help
        self.sliderSpan = sliderSpan ?? grid.minimum...grid.maximum
    }

    /// "scale s", "top-k", "seed": how the status line names the value (the symbol once).
    public var label: String {
        name == symbol || name.hasSuffix(" \(symbol)") || name.hasSuffix("-\(symbol)") ? name : "\(name) \(symbol)"
    }

    /// The label in `language`: `label` in English, `chineseLabel` in Chinese.
    public func label(in language: Language) -> String {
        switch language {
        case .en: return label
        case .zh: return chineseLabel
        }
    }

    /// The starting value.
    public var defaultValue: Double { grid.value(defaultSteps) }

    /// The starting value as help texts write it, "0.35", "5°".
    public var defaultText: String { "\(StateString.trim(grid.format(defaultSteps)))\(unit)" }

    /// The range as text with the unit, "0.01 to 1000", "0° to 180°".
    public var rangeText: String {
        "\(StateString.trim(grid.format(grid.minimumSteps)))\(unit) to \(StateString.trim(grid.format(grid.maximumSteps)))\(unit)"
    }

    /// How `explore` and `frame` hold the value, for the help of options that `compute` reads more freely.
    public var explorerGridHelp: String {
        "explore and frame take \(rangeText) in steps of \(StateString.trim(grid.spacing))\(unit)"
    }

    /// The command line's help: the sentence, the range and the grid, from the row.
    public var optionHelp: String {
        let spacing = isWholeNumber ? "whole numbers" : "steps of \(StateString.trim(grid.spacing))\(unit)"
        return "\(help) \(rangeText), in \(spacing). (default: \(StateString.trim(grid.format(defaultSteps)))\(unit))"
    }

    /// Steps for a typed value: on the grid and in range, or a sentence naming the grid or the range.
    public func steps(typed value: Double, text: String, as shownName: String? = nil) -> Result<Int, SettingRefusal> {
        let label = shownName ?? self.label
        guard value.isFinite else {
            return .failure(SettingRefusal("\(label): '\(text)' is not a number; enter a value from \(rangeText)."))
        }
        guard let steps = grid.exactSteps(value) else {
            let what = isWholeNumber ? "is a whole number" : "moves in steps of \(StateString.trim(grid.spacing))\(unit)"
            return .failure(SettingRefusal("\(label) \(what); \(text) is not on that grid."))
        }
        guard grid.contains(steps) else {
            return .failure(SettingRefusal("\(label) must be from \(rangeText); \(text) refused."))
        }
        return .success(steps)
    }
}

/// Why a value was refused, as one sentence naming the value and what is accepted.
public struct SettingRefusal: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
