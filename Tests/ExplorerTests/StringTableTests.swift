import TerminalUI
import Testing

@testable import Explorer

@Test func everyKeyHasAnEnglishAndAChineseEntryWithTheSamePlaceholders() {
    #expect(StringTable.problems(in: StringTable.entries) == [])
}

@Test func theCheckCatchesAMissingTranslationAndDifferingPlaceholders() {
    var broken = StringTable.entries
    broken[.lessonRight] = nil
    broken[.lessonStep] = StringTable.Translation(en: "step {step} of {steps}", zh: "第 {step} 步")
    broken[.lessonKeys] = StringTable.Translation(en: "Space next", zh: "Space next")
    broken[.lessonHiddenNote] = StringTable.Translation(en: "? hidden", zh: "")
    let problems = StringTable.problems(in: broken)
    #expect(problems.count == 4)
    #expect(problems.contains("lesson.right: no entry"))
    #expect(problems.contains { $0.hasPrefix("lesson.step: placeholders differ") })
    #expect(problems.contains { $0.hasPrefix("lesson.keys: the Chinese entry has no Chinese") })
    #expect(problems.contains("lesson.hidden-note: no Chinese"))
}

@Test func stringsFillTheirPlaceholdersInEitherLanguage() {
    #expect(Strings(.en).format(.lessonStep, ["step": "2", "steps": "7"]) == "step 2 of 7")
    #expect(Strings(.zh).format(.lessonStep, ["step": "2", "steps": "7"]) == "第 2/7 步")
    #expect(Strings(.zh)[.lessonRight] == "答对了。")
}

@Test func theScaleAdviceReadsAsARequirementNotAFact() {
    let en = Strings(.en).format(.boundScaleLong, ["bound": "4.27", "p": "0.99"])
    #expect(en == "NormFace needs s ≥ 4.27 to reach p_y = 0.99")
    // The short form fits the cosine screen's loss panel at 80×24 (36 columns inside).
    for language in Language.allCases {
        let short = Strings(language).format(.boundScaleShort, ["bound": "4.27", "p": "0.99"])
        #expect(ColumnWidth.of(short) <= 36, "\(short)")
    }
}

@Test func languageFollowsThePosixOrderOfTheLocaleVariables() {
    #expect(Language.detect(environment: [:]) == .en)
    #expect(Language.detect(environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
    #expect(Language.detect(environment: ["LANG": "en_US.UTF-8"]) == .en)
    // LC_ALL beats LC_MESSAGES beats LANG; an empty variable does not count.
    #expect(Language.detect(environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .en)
    #expect(Language.detect(environment: ["LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB"]) == .zh)
    #expect(Language.detect(environment: ["LC_MESSAGES": "", "LANG": "zh"]) == .zh)
    #expect(Language.detect(environment: ["LANG": "fr_FR.UTF-8"]) == .en)
    #expect(Language.detect(environment: ["LC_ALL": "POSIX"]) == .en)
}

@Test func languageCodesAcceptRegionsButNothingElse() {
    #expect(Language(code: "zh") == .zh)
    #expect(Language(code: "ZH-cn") == .zh)
    #expect(Language(code: "en_US") == .en)
    #expect(Language(code: "de") == nil)
    #expect(Language(code: "zhx") == nil)
}

@Test func everyPanelHasANameAndAnExplanationOfTwoOrThreeSentences() {
    for panel in Panel.allCases {
        #expect(StringTable.entries[panel.nameKey] != nil, "\(panel)")
        guard let t = StringTable.entries[panel.explanationKey] else {
            Issue.record("\(panel): no explanation")
            continue
        }
        let en = t.en.filter { $0 == "." }.count, zh = t.zh.filter { $0 == "。" }.count
        #expect((2...3).contains(en), "\(panel) en: \(en) sentences")
        #expect((2...3).contains(zh), "\(panel) zh: \(zh) sentences")
    }
}

@Test func everyFieldBelongsToAPanelOfItsOwnScreen() {
    let state = ExplorerState()
    for screen in Screen.allCases {
        for field in state.fields(on: screen) {
            #expect(Panel.holding(field, on: screen).screen == screen)
        }
    }
}

@Test func everyScreenHasAGlossaryWhoseLinesFitTheHelpAt80Columns() {
    for screen in Screen.allCases {
        let entries = Glossary.entries(on: screen)
        #expect(!entries.isEmpty)
        for entry in entries {
            for language in Language.allCases {
                // symbol column (≤ 16) + space + meaning inside a bordered box at 80 columns.
                let meaning = Strings(language)[entry.meaning]
                #expect(ColumnWidth.of(entry.symbol) <= 16, "\(entry.symbol)")
                #expect(ColumnWidth.of(meaning) <= 76 - 17, "\(language) \(entry.symbol): \(meaning)")
            }
        }
    }
}

@Test func theGlossaryNamesTheAbbreviationsTheIssueFoundUnexplained() {
    let symbols = Glossary.entries.map(\.symbol).joined(separator: " ")
    for s in ["NF", "LMCL", "ℓ_1", "ℓ_k", "sel", "m_i", "‖∇‖", "+", "p_y", "z_y", "s", "m", "k", "θ_y"] {
        #expect(symbols.contains(s), "\(s)")
    }
}

@Test func everySettingsRowNamesItsValueInChineseWithItsSymbol() {
    for setting in Settings.all {
        let zh = setting.label(in: .zh)
        #expect(zh.unicodeScalars.contains(where: StringTable.isHan), "\(setting.id): '\(zh)' has no Chinese")
        #expect(zh.contains(setting.symbol), "\(setting.id): '\(zh)' does not show the symbol \(setting.symbol)")
        #expect(setting.label(in: .en) == setting.label)
    }
}

@Test func theStatusLineNamesAValueInTheInterfaceLanguage() {
    #expect(ExplorerState.name(of: .value(.lambda), strings: Strings(.en)) == "lambda λ")
    #expect(ExplorerState.name(of: .value(.lambda), strings: Strings(.zh)) == "退火权重 λ")
    #expect(ExplorerState.name(of: .cosine(2), angle: true, strings: Strings(.zh)) == "角度 θ2")
    #expect(ExplorerState.name(of: .batchSamples, strings: Strings(.zh)) == "样本数 N")
}
