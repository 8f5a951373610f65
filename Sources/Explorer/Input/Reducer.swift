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
        case .help, .stateString:
            switch key {
            case .control("c"), .character("q"): return .quit
            default: return .dismiss
            }
        case .none:
            return KeyTable.action(for: key, on: screen)
        }
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
                message = "Select a class first (↑/↓), then press t."
            }
        case .addClass: addClass()
        case .removeClass:
            if let j = selectedClass {
                removeClass(at: j)
            } else {
                message = "Select a class first (↑/↓), then press x."
            }
        case .toggleInputMode: toggleInputMode()
        case .cyclePlot:
            if screen == .batch {
                batch.view = BatchView(rawValue: (batch.view.rawValue + 1) % BatchView.allCases.count)!
            } else {
                cosinePlot = CosinePlot(rawValue: (cosinePlot.rawValue + 1) % CosinePlot.allCases.count)!
            }
        case .cyclePreset:
            presetIndex = (presetIndex + 1) % Preset.all.count
            applyPreset(Preset.all[presetIndex])
        case .reset:
            let keep = (screen, width, height, batch.file, batch.samples, batch.classes)
            self = ExplorerState()
            (screen, width, height) = (keep.0, keep.1, keep.2)
            if keep.3 != nil { batch.file = keep.3; batch.samples = keep.4; batch.classes = keep.5 }
            message = "Reset to the teaching example."
        case .toggleHelp:
            overlay = overlay == .help ? .none : .help
        case .showStateString:
            overlay = .stateString
        case .newSeed:
            if batch.file != nil {
                message = "The batch comes from \(batch.file!); new seeds apply to synthetic batches only."
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
            guard batch.file == nil else { message = "N comes from \(batch.file!)."; return }
            batch.samples = Self.neighbour(of: batch.samples, in: BatchSettings.sampleSizes, direction: direction)
            batch.selectedSample = min(batch.selectedSample, batch.samples - 1)
        case .batchClasses:
            guard batch.file == nil else { message = "C comes from \(batch.file!)."; return }
            batch.classes = Self.neighbour(of: batch.classes, in: BatchSettings.classSizes, direction: direction)
            batch.topK = min(batch.topK, batch.classes)
        case .batchSeed:
            guard batch.file == nil else { message = "The batch comes from \(batch.file!)."; return }
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
            message = "\(Self.name(of: field)) must be a finite number."
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
        let name = Self.name(of: field, angle: inputMode == .angle)
        guard let v = Double(trimmed), v.isFinite else {
            message = "\(name): '\(text)' is not a number; enter a value from \(Self.short(lo))\(unit) to \(Self.short(hi))\(unit)."
            return
        }
        guard v >= lo, v <= hi else {
            message = "\(name) must be from \(Self.short(lo))\(unit) to \(Self.short(hi))\(unit); \(Self.short(v)) refused."
            return
        }
        switch setting.steps(typed: v, text: trimmed, as: name) {
        case .failure(let refusal):
            message = refusal.description
        case .success(let steps):
            if gridAndSteps(of: field) != nil {
                setSteps(steps, of: field)
            } else if set(field, to: Double(steps)) == false, message == nil {
                message = "\(name) cannot be typed here."
            }
        }
    }

    static func short(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }

    /// A field's name as the status bar and prompt say it.
    public static func name(of field: Field, angle: Bool = false) -> String {
        switch field {
        case .value(let id): return Settings[id].label
        case .logit(let j): return Settings.logit.name + "\(j)"
        case .cosine(let j): return (angle ? Settings.angle : Settings.cosine).name + "\(j)"
        case .featureDirection: return "\(Settings.direction.name) of x"
        case .weightDirection(let j): return "\(Settings.direction.name) of W\(j)"
        case .topK: return Settings.topK.label
        case .unselectedRule: return "unselected rule"
        case .batchSamples: return Settings.samples.label
        case .batchClasses: return Settings.classes.label
        case .batchSpread: return Settings.spread.label
        case .batchSeed: return Settings.seed.label
        }
    }

    // MARK: - Classes

    mutating func addClass() {
        guard classCount < Self.maximumClasses else {
            message = "At most \(Self.maximumClasses) classes."
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
        case .cosine: return .cosine(j)
        case .geometry: return .weightDirection(j)
        case .batch: return .scale
        case .train: return .value(.trainingScale)
        }
    }

    /// Removes class `j` (kept when only the minimum is left), keeping the same target class where it survives.
    mutating func removeClass(at j: Int) {
        guard classCount > Self.minimumClasses else {
            message = "At least \(Self.minimumClasses) classes."
            return
        }
        logitSteps.remove(at: j)
        inputs.remove(at: j)
        weightDirectionSteps.remove(at: j)
        if j == target {
            target = 0
            message = "Removed the target class; class 0 is the target now."
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
        scaleSteps = preset.scaleSteps
        marginSteps = preset.marginSteps
        message = "Preset: \(preset.name) (s = \(ValueGrid.scale.format(scaleSteps)), m = \(ValueGrid.margin.format(marginSteps)))."
    }
}
