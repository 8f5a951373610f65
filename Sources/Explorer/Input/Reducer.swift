import Foundation
import LossMath
import TerminalUI

extension ExplorerState {
    /// The action a key sends in the current context (overlay, screen), if any.
    public func action(for key: Key) -> Action? {
        switch overlay {
        case .entry:
            switch key {
            case .enter: return .entrySubmit
            case .escape: return .dismiss
            case .backspace, .delete: return .entryBackspace
            case .control("c"): return .quit
            case .character(let c): return .entryInput(c)
            default: return nil
            }
        case .help, .glossary, .stateString, .explain:
            switch key {
            case .control("c"), .character("q"): return .quit
            case .character("?") where overlay == .help: return .toggleHelp
            default: return .dismiss
            }
        case .lessonPicker:
            switch key {
            case .up, .character("k"): return .pickerMove(-1)
            case .down, .character("j"): return .pickerMove(1)
            case .enter, .character(" "): return .pickerOpen
            case .control("c"), .character("q"): return .quit
            default: return .dismiss
            }
        case .none:
            if let lesson, let a = Self.lessonAction(for: key, in: lesson) { return a }
            return KeyTable.action(for: key, on: screen)
        }
    }

    /// What a key does in a lesson before the key table is asked: Space/PgDn, Backspace/PgUp,
    /// `r` and Esc always; a digit only while the step's question waits for an answer and
    /// names one of its choices (otherwise digits switch screens as usual).
    static func lessonAction(for key: Key, in session: LessonSession) -> Action? {
        guard let binding = KeyTable.lessonBindings.first(where: { $0.keys.contains(key) }) else { return nil }
        guard case .lessonAnswer = binding.action else { return binding.action }
        guard case .character(let c) = key, let n = c.wholeNumberValue, !session.isFinished, !session.isRevealed,
            let count = session.step.question?.choices[session.lesson.languages.first ?? .en]?.count,
            (1...count).contains(n)
        else { return nil }
        return .lessonAnswer(n - 1)
    }

    /// Applies a key: looks it up in the key table and applies its action.
    public mutating func apply(key: Key) {
        if let a = action(for: key) { apply(a) }
    }

    /// The reducer: the only place the state changes.
    public mutating func apply(_ action: Action) {
        switch action {
        case .entryInput, .entryBackspace, .resize, .advanceTraining: break
        default: message = nil
        }
        switch action {
        case .quit:
            wantsQuit = true
        case .undo, .redo:
            // The history belongs to the running app (`ExplorerApp.perform`), which answers these before the state sees them.
            break
        case .dismiss:
            // Esc never quits: in a live demo a stray Esc (or the start of a split escape sequence) must not end it.
            if overlay == .none { display.zoomed = false }
            overlay = .none
        case .nextScreen:
            screen = Screen(rawValue: (screen.rawValue + 1) % Screen.allCases.count)!
        case .previousScreen:
            screen = Screen(rawValue: (screen.rawValue + Screen.allCases.count - 1) % Screen.allCases.count)!
        case .showScreen(let s):
            screen = s
        case .focusPrevious, .focusNext:
            let list = fields(on: screen)
            let i = list.firstIndex(of: focusedField) ?? 0
            let n = list.count
            focus[screen] = list[(i + (action == .focusNext ? 1 : n - 1)) % n]
        case .decrease: adjust(focusedField, by: -1, coarse: false)
        case .increase: adjust(focusedField, by: 1, coarse: false)
        case .decreaseCoarse: adjust(focusedField, by: -1, coarse: true)
        case .increaseCoarse: adjust(focusedField, by: 1, coarse: true)
        case .beginEntry:
            if focusedField == .unselectedRule {
                toggleRule()
            } else {
                overlay = .entry(field: focusedField, text: "")
            }
        case .makeTarget:
            if let j = selectedClass {
                target = j
            } else {
                message = strings.format(.msgSelectClassFirst, ["key": "t"])
            }
        case .addClass: addClass()
        case .removeClass:
            if let j = selectedClass {
                removeClass(at: j)
            } else {
                message = strings.format(.msgSelectClassFirst, ["key": "x"])
            }
        case .toggleInputMode: toggleInputMode()
        case .cyclePlot:
            if screen == .compare {
                comparePlot = ComparePlot(rawValue: (comparePlot.rawValue + 1) % ComparePlot.allCases.count)!
            } else if screen == .batch {
                batch.view = BatchView(rawValue: (batch.view.rawValue + 1) % BatchView.allCases.count)!
            } else {
                cosinePlot = cosinePlot.next
            }
        case .toggleZoom:
            if screen == .geometry && !display.zoomed {
                message = strings[.zoomNoPlot]
            } else {
                display.zoomed.toggle()
            }
        case .togglePresenter: display.presenter.toggle()
        case .cycleTheme:
            display.theme = Palette(display.theme).next.name
            message = strings.format(.themeChanged, ["theme": display.theme.rawValue])
        case .toggleLogarithmicBars: display.logarithmicBars.toggle()
        case .cyclePreset:
            presetIndex = (presetIndex + 1) % Preset.all.count
            applyPreset(Preset.all[presetIndex])
        case .reset:
            let keep = (screen, width, height, batch.file, batch.samples, batch.classes)
            let (keptLanguage, keptLibrary) = (language, lessonLibrary)
            let shown = display
            self = ExplorerState()
            display = shown
            (screen, width, height) = (keep.0, keep.1, keep.2)
            (language, lessonLibrary) = (keptLanguage, keptLibrary)
            if keep.3 != nil { batch.file = keep.3; batch.samples = keep.4; batch.classes = keep.5 }
            message = strings[.msgReset]
        case .toggleHelp:
            // At 80 columns the glossary is the help's second page; wide terminals show it beside the keys.
            switch overlay {
            case .none: overlay = .help
            case .help where width < HelpOverlay.sideBySideWidth: overlay = .glossary
            default: overlay = .none
            }
        case .explainPanel:
            overlay = .explain(
                lesson.flatMap { $0.isFinished ? nil : $0.step.panel }
                    ?? Panel.holding(focusedField, on: screen))
        case .openLessons:
            if lessonLibrary.isEmpty {
                message = strings[.lessonNoneLoaded]
            } else {
                overlay = .lessonPicker(selected: max(0, (lessonNumber ?? 1) - 1))
            }
        case .pickerMove(let delta):
            if case .lessonPicker(let i) = overlay, !lessonLibrary.isEmpty {
                overlay = .lessonPicker(selected: min(max(0, i + delta), lessonLibrary.count - 1))
            }
        case .pickerOpen:
            if case .lessonPicker(let i) = overlay, lessonLibrary.indices.contains(i) {
                overlay = .none
                startLesson(LessonSession(lesson: lessonLibrary[i]), number: i + 1)
            }
        case .lessonNext:
            if var session = lesson {
                let moved = session.next()
                lesson = session
                if moved { enterStep() }
            }
        case .lessonPrevious:
            if var session = lesson {
                let moved = session.previous()
                lesson = session
                if moved { enterStep() }
            }
        case .lessonRestore:
            if lesson != nil { enterStep() }
        case .lessonLeave:
            // Esc closes a popup first; with none open it leaves the lesson, keeping the values on screen.
            lesson = nil
            lessonNumber = nil
            message = strings[.lessonLeft]
        case .lessonAnswer(let choice):
            if var session = lesson, session.answer(choice) { lesson = session }
        case .showStateString:
            overlay = .stateString
        case .newSeed:
            if batch.file != nil {
                message = strings.format(.msgSeedFromFile, ["file": batch.file!])
            } else {
                batch.seed = batch.seed &+ 1
                batch.selectedSample = 0
            }
        case .toggleRule: toggleRule()
        case .previousSample: moveSample(by: -1)
        case .nextSample: moveSample(by: 1)
        case .pageSamplesUp: moveSample(by: -max(1, height / 2))
        case .pageSamplesDown: moveSample(by: max(1, height / 2))
        case .firstSample: moveSample(to: 0)
        case .lastSample: moveSample(to: batch.samples - 1)
        case .cycleMarginType: cycleMarginType()
        case .cycleFallback: cycleFallback()
        case .applyAdaCosScale: applyAdaCosScale()
        case .addComparedLoss: addComparedLoss()
        case .removeComparedLoss: removeComparedLoss()
        case .cycleComparedLoss: cycleComparedLoss()
        case .select(let f):
            if fields(on: screen).contains(f) { focus[screen] = f }
        case .setValue(let f, let v):
            if fields(on: screen).contains(f) { focus[screen] = f }
            _ = set(f, to: v)
        case .selectSample(let i): moveSample(to: i)
        case .togglePlay: train.playing.toggle()
        case .trainStep:
            train.playing = false
            train.epoch = min(train.epoch + 1, TrainSettings.maximumEpoch)
        case .trainRestart:
            train.epoch = 0
            message = "Training restarted from the seed."
        case .trainFaster: adjust(.value(.speed), by: 1, coarse: false)
        case .trainSlower: adjust(.value(.speed), by: -1, coarse: false)
        case .cycleBaseline:
            let list = TrainSettings.baselines
            train.baseline = list[((list.firstIndex(of: train.baseline) ?? 0) + 1) % list.count]
        case .advanceTraining(let epochs):
            train.epoch = min(train.epoch + max(0, epochs), TrainSettings.maximumEpoch)
            if train.epoch == TrainSettings.maximumEpoch { train.playing = false }
        case .entryInput(let c):
            if case .entry(let f, let text) = overlay, text.count < 24 { overlay = .entry(field: f, text: text + String(c)) }
        case .entryBackspace:
            if case .entry(let f, var text) = overlay, !text.isEmpty { text.removeLast(); overlay = .entry(field: f, text: text) }
        case .entrySubmit:
            if case .entry(let f, let text) = overlay {
                overlay = .none
                submit(text, for: f)
            }
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        }
    }

    // MARK: - Lessons

    /// The strings of the state's language.
    public var strings: Strings { Strings(language) }

    /// Starts `session` at its current step: sets the step's state, keeps the terminal and the language.
    public mutating func startLesson(_ session: LessonSession, number: Int?) {
        lesson = session
        lessonNumber = number
        enterStep()
    }

    /// Sets the current step's state (entering a step, and `r`), keeping the terminal size,
    /// the language, the library and the lesson itself.
    mutating func enterStep() {
        guard let session = lesson, !session.isFinished else { return }
        var next = session.stepState(keeping: self)
        next.language = language
        next.lesson = session
        next.lessonNumber = lessonNumber
        next.lessonLibrary = lessonLibrary
        self = next
    }

    // MARK: - Adjusting values

    /// The settings-table row a field reads its range, steps, name and unit from; nil for the rule switch.
    public func setting(of field: Field) -> Setting? {
        switch field {
        case .value(let id): return Settings[id]
        case .logit: return Settings.logit
        case .cosine: return inputMode == .cosine ? Settings.cosine : Settings.angle
        case .featureDirection, .weightDirection: return Settings.direction
        case .batchSpread: return Settings.spread
        case .topK: return Settings.topK
        case .batchSamples: return Settings.samples
        case .batchClasses: return Settings.classes
        case .batchSeed: return Settings.seed
        case .unselectedRule: return nil
        }
    }

    /// The grid a field moves on, with its current steps; nil for fields whose arrows do not walk a grid
    /// (k, N and C step through their own lists, the seed wraps, the rule switches).
    func gridAndSteps(of field: Field) -> (grid: ValueGrid, steps: Int)? {
        switch field {
        case .value(let id): return (Settings[id].grid, self[id])
        case .logit(let j): return j < logitSteps.count ? (.logit, logitSteps[j]) : nil
        case .cosine(let j): return j < inputSteps.count ? (inputGrid, inputSteps[j]) : nil
        case .featureDirection: return (.direction, featureDirectionSteps)
        case .weightDirection(let j): return j < weightDirectionSteps.count ? (.direction, weightDirectionSteps[j]) : nil
        case .batchSpread: return (.spread, batch.spreadSteps)
        default: return nil
        }
    }

    mutating func setSteps(_ steps: Int, of field: Field) {
        switch field {
        case .value(let id): self[id] = steps
        case .logit(let j): logitSteps[j] = steps
        case .cosine(let j): inputSteps[j] = steps
        case .featureDirection: featureDirectionSteps = steps
        case .weightDirection(let j): weightDirectionSteps[j] = steps
        case .batchSpread: batch.spreadSteps = steps
        default: break
        }
    }

    mutating func adjust(_ field: Field, by direction: Int, coarse: Bool) {
        if let (grid, steps) = gridAndSteps(of: field) {
            let moved = grid.stepped(steps, by: direction * (coarse ? grid.coarseSteps : grid.fineSteps))
            if Self.isDirection(field) {
                // Directions wrap around the circle.
                let turn = grid.maximumSteps + 1
                setSteps((moved % turn + turn) % turn, of: field)
            } else {
                setSteps(grid.clamp(moved), of: field)
            }
            return
        }
        switch field {
        case .topK:
            batch.topK = min(max(2, batch.topK + direction * (coarse ? 10 : 1)), max(2, batch.classes))
        case .unselectedRule:
            toggleRule()
        case .batchSamples:
            guard batch.file == nil else { message = strings.format(.msgSamplesFromFile, ["file": batch.file!]); return }
            batch.samples = Self.neighbour(of: batch.samples, in: BatchSettings.sampleSizes, direction: direction)
            batch.selectedSample = min(batch.selectedSample, batch.samples - 1)
        case .batchClasses:
            guard batch.file == nil else { message = strings.format(.msgClassesFromFile, ["file": batch.file!]); return }
            batch.classes = Self.neighbour(of: batch.classes, in: BatchSettings.classSizes, direction: direction)
            batch.topK = min(batch.topK, batch.classes)
        case .batchSeed:
            guard batch.file == nil else { message = strings.format(.msgBatchFromFile, ["file": batch.file!]); return }
            let d = UInt64(coarse ? 10 : 1)
            batch.seed = direction > 0 ? batch.seed &+ d : (batch.seed >= d ? batch.seed - d : 0)
            batch.selectedSample = 0
        default:
            break
        }
    }

    /// Directions on the geometry screen wrap around the circle instead of stopping at a bound.
    static func isDirection(_ field: Field) -> Bool {
        switch field {
        case .featureDirection, .weightDirection: return true
        default: return false
        }
    }

    /// The next (or previous) entry of a sorted list of sizes from `value`.
    static func neighbour(of value: Int, in list: [Int], direction: Int) -> Int {
        if direction > 0 { return list.first { $0 > value } ?? list.last! }
        return list.last { $0 < value } ?? list.first!
    }

    mutating func toggleRule() {
        batch.unselected = batch.unselected == .noMargin ? .excluded : .noMargin
    }

    mutating func moveSample(by delta: Int) { moveSample(to: batch.selectedSample + delta) }

    mutating func moveSample(to index: Int) {
        batch.selectedSample = min(max(0, index), max(0, batch.samples - 1))
    }

    /// Sets a field to the grid point nearest `value`; returns false (with a message) when it is refused.
    @discardableResult
    mutating func set(_ field: Field, to value: Double) -> Bool {
        guard value.isFinite else {
            message = strings.format(.msgNotFinite, ["name": Self.name(of: field, strings: strings)])
            return false
        }
        if let (grid, _) = gridAndSteps(of: field), let steps = grid.steps(nearest: value) {
            setSteps(steps, of: field)
            return true
        }
        switch field {
        case .topK:
            batch.topK = min(max(2, Int(value.rounded())), max(2, batch.classes))
        case .batchSamples where batch.file == nil:
            batch.samples = min(max(BatchSettings.sampleRange.lowerBound, Int(value.rounded())), BatchSettings.sampleRange.upperBound)
            batch.selectedSample = min(batch.selectedSample, batch.samples - 1)
        case .batchClasses where batch.file == nil:
            batch.classes = min(max(BatchSettings.classRange.lowerBound, Int(value.rounded())), BatchSettings.classRange.upperBound)
            batch.topK = min(batch.topK, batch.classes)
        case .batchSeed where batch.file == nil:
            batch.seed = UInt64(max(0, min(value.rounded(), 1e15)))
        default:
            return false
        }
        return true
    }

    /// The range a typed value must fall in, as (minimum, maximum, unit text), from the settings table
    /// (k is further bounded by the batch's C).
    func accepted(for field: Field) -> (Double, Double, String) {
        guard let setting = setting(of: field) else { return (0, 0, "") }
        let upper = field == .topK ? min(setting.grid.maximum, Double(batch.classes)) : setting.grid.maximum
        return (setting.grid.minimum, upper, setting.unit)
    }

    /// Parses typed text for `field`: a value on the field's grid and in its range is set exactly;
    /// anything else is refused with a message naming the range or the grid (never rounded).
    mutating func submit(_ text: String, for field: Field) {
        guard let setting = setting(of: field) else { return }
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "°", with: "")
            .replacingOccurrences(of: "−", with: "-")
        let (lo, hi, unit) = accepted(for: field)
        let name = Self.name(of: field, angle: inputMode == .angle, strings: strings)
        guard let v = Double(trimmed), v.isFinite else {
            message = strings.format(
                .msgNotANumber, ["name": name, "text": text, "low": Self.short(lo) + unit, "high": Self.short(hi) + unit])
            return
        }
        guard v >= lo, v <= hi else {
            message = strings.format(
                .msgOutOfRange, ["name": name, "low": Self.short(lo) + unit, "high": Self.short(hi) + unit, "value": Self.short(v)])
            return
        }
        switch setting.steps(typed: v, text: trimmed, as: name) {
        case .failure(let refusal):
            message = refusal.description
        case .success(let steps):
            if gridAndSteps(of: field) != nil {
                setSteps(steps, of: field)
            } else if set(field, to: Double(steps)) == false, message == nil {
                message = strings.format(.msgCannotType, ["name": name])
            }
        }
    }

    static func short(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }

    /// A field's name as the status bar and prompt say it, in the language of `strings`.
    ///
    /// Each value's name is its settings row's label in the language (`Setting.label(in:)`).
    public static func name(of field: Field, angle: Bool = false, strings: Strings) -> String {
        func label(_ setting: Setting) -> String {
            setting.label(in: strings.language)
        }
        switch field {
        case .value(let id): return label(Settings[id])
        case .logit(let j): return label(Settings.logit) + "\(j)"
        case .cosine(let j): return label(angle ? Settings.angle : Settings.cosine) + "\(j)"
        case .featureDirection: return strings[.fieldFeatureDirection]
        case .weightDirection(let j): return strings.format(.fieldWeightDirection, ["j": "\(j)"])
        case .topK: return label(Settings.topK)
        case .unselectedRule: return strings[.fieldUnselectedRule]
        case .batchSamples: return label(Settings.samples)
        case .batchClasses: return label(Settings.classes)
        case .batchSpread: return label(Settings.spread)
        case .batchSeed: return label(Settings.seed)
        }
    }

    // MARK: - Classes

    mutating func addClass() {
        guard classCount < Self.maximumClasses else {
            message = strings.format(.msgMostClasses, ["count": "\(Self.maximumClasses)"])
            return
        }
        logitSteps.append(0)
        inputs.append(inputMode == .cosine ? .cosine(0) : .angle(900))
        weightDirectionSteps.append(Self.directionInLargestGap(weightDirectionSteps))
        focus[screen] = newClassField(classCount - 1)
    }

    private func newClassField(_ j: Int) -> Field {
        switch screen {
        case .softmax: return .logit(j)
        case .cosine, .compare: return .cosine(j)
        case .geometry: return .weightDirection(j)
        case .batch: return .scale
        case .train: return .value(.trainingScale)
        }
    }

    /// Removes class `j` (kept when only the minimum is left), keeping the same target class where it survives.
    mutating func removeClass(at j: Int) {
        guard classCount > Self.minimumClasses else {
            message = strings.format(.msgLeastClasses, ["count": "\(Self.minimumClasses)"])
            return
        }
        logitSteps.remove(at: j)
        inputs.remove(at: j)
        weightDirectionSteps.remove(at: j)
        if j == target {
            target = 0
            message = strings[.msgRemovedTarget]
        } else if j < target {
            target -= 1
        }
        focus[screen] = newClassField(min(j, classCount - 1))
    }

    /// The direction halfway across the widest empty arc between `directions`.
    public static func directionInLargestGap(_ directions: [Int]) -> Int {
        let turn = ValueGrid.direction.maximumSteps + 1
        let sorted = directions.map { (($0 % turn) + turn) % turn }.sorted()
        guard let first = sorted.first else { return 0 }
        var best = (gap: first + turn - sorted.last!, start: sorted.last!)
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > best.gap { best = (b - a, a) }
        return (best.start + best.gap / 2) % turn
    }

    /// Switches what the cosine screen shows and edits; the inputs keep the form they were entered in.
    mutating func toggleInputMode() {
        inputMode = inputMode == .cosine ? .angle : .cosine
    }

    mutating func applyPreset(_ preset: Preset) {
        if preset.restoresExample {
            let fresh = ExplorerState()
            logitSteps = fresh.logitSteps
            inputs = fresh.inputs
            inputMode = fresh.inputMode
            weightDirectionSteps = fresh.weightDirectionSteps
            featureDirectionSteps = fresh.featureDirectionSteps
            target = fresh.target
        }
        if let s = preset.scaleSteps { scaleSteps = s }
        marginSteps = preset.marginSteps
        marginType = preset.marginType
        fallback = preset.fallback
        for (id, steps) in preset.values { self[id] = steps }
        message = strings.format(.msgPreset, ["name": preset.name, "summary": preset.summary, "source": preset.source])
    }
}
