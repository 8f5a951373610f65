import LossMath

/// The part of the state that undo and redo restore: the values, not where you are looking.
///
/// Values, target, classes, input mode, preset, the batch settings and a reset
/// are undo steps; the screen, the focus, overlays, the selected sample, the
/// plot shown and the terminal size are navigation and are left alone.
public struct UndoableState: Hashable, Sendable {
    var target: Int
    var logitSteps: [Int]
    var inputs: [ClassInput]
    var inputMode: CosineInputMode
    var scaleSteps: Int
    var marginSteps: Int
    var featureDirectionSteps: Int
    var weightDirectionSteps: [Int]
    var batch: BatchSettings
    var presetIndex: Int
    var marginType: MarginType
    var fallback: ArcFaceFallback
    var compared: [MarginType]
    /// The margin family's other parameters (SphereFace's m and λ, m₁, m₂, m₃).
    var familyValues: [Setting.ID: Int]
}

extension ExplorerState {
    /// The values undo and redo restore (navigation fields excluded).
    public var undoable: UndoableState {
        get {
            var b = batch
            // Which sample is highlighted and which view is shown are navigation.
            b.selectedSample = 0
            b.view = .scatter
            return UndoableState(
                target: target, logitSteps: logitSteps, inputs: inputs, inputMode: inputMode,
                scaleSteps: scaleSteps, marginSteps: marginSteps,
                featureDirectionSteps: featureDirectionSteps,
                weightDirectionSteps: weightDirectionSteps, batch: b, presetIndex: presetIndex,
                marginType: marginType, fallback: fallback, compared: compared,
                familyValues: values.filter { $0.key != .scale && $0.key != .margin })
        }
        set {
            target = newValue.target
            logitSteps = newValue.logitSteps
            inputs = newValue.inputs
            inputMode = newValue.inputMode
            scaleSteps = newValue.scaleSteps
            marginSteps = newValue.marginSteps
            featureDirectionSteps = newValue.featureDirectionSteps
            weightDirectionSteps = newValue.weightDirectionSteps
            let (row, view) = (batch.selectedSample, batch.view)
            batch = newValue.batch
            batch.view = view
            batch.selectedSample = min(row, max(0, batch.samples - 1))
            presetIndex = newValue.presetIndex
            marginType = newValue.marginType
            fallback = newValue.fallback
            compared = newValue.compared
            for (id, steps) in newValue.familyValues { values[id] = steps }
        }
    }
}

/// Undo and redo of state changes: the states before each change, newest last.
///
/// Bounded at `depth` steps (the oldest are dropped); a new change after an
/// undo clears the redo list, as in every editor.
public struct UndoHistory: Sendable {
    /// How many changes can be undone.
    public static let depth = 500

    private var past: [UndoableState] = []
    private var future: [UndoableState] = []

    public init() {}

    public var canUndo: Bool { !past.isEmpty }
    public var canRedo: Bool { !future.isEmpty }

    /// Remembers `before` as the state to go back to; called when a change happened.
    public mutating func record(_ before: UndoableState) {
        past.append(before)
        if past.count > Self.depth { past.removeFirst(past.count - Self.depth) }
        future.removeAll()
    }

    /// The state before the last change, with `current` kept for redo; nil when there is none.
    public mutating func undo(from current: UndoableState) -> UndoableState? {
        guard let previous = past.popLast() else { return nil }
        future.append(current)
        return previous
    }

    /// The state the last undo left, with `current` kept for undo; nil when there is none.
    public mutating func redo(from current: UndoableState) -> UndoableState? {
        guard let next = future.popLast() else { return nil }
        past.append(current)
        return next
    }
}
