import LossMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything the explorer shows is derived from this: the inputs only.
///
/// Probabilities, losses and gradients are never stored here; they are
/// computed from the state when a frame is drawn, so they cannot go stale.
/// Every adjustable number is an integer count of grid steps (`ValueGrid`).
public struct ExplorerState: Hashable, Sendable {
    public var screen: Screen = .cosine
    /// Focused field on each screen.
    public var focus: [Screen: Field] = [:]
    /// Target class y (0-based).
    public var target: Int = 0
    /// Softmax logits, in `ValueGrid.logit` steps.
    public var logitSteps: [Int]
    /// Cosine-screen inputs, each in the form it was entered (cosine or angle).
    public var inputs: [ClassInput]
    /// Whether the cosine screen shows and edits cosines or angles; switching it changes no value.
    public var inputMode: CosineInputMode = .cosine
    /// The single values of the settings table (s, m, …) in grid steps, by row; every row has an entry.
    public var values: [Setting.ID: Int] = Dictionary(uniqueKeysWithValues: Settings.storedValues.map { ($0.id, $0.defaultSteps) })
    /// The loss of the margin family the cosine, geometry and batch screens apply (`transform`).
    public var marginType: MarginType = .cosFace
    /// ArcFace's fallback where cos(θ + m) stops being monotone; sinmm as insightface and SpeechBrain.
    public var fallback: ArcFaceFallback = .sinmm
    /// The losses the compare screen shows side by side (2 to 4, distinct, in this order).
    public var compared: [MarginType] = [.normFace, .cosFace, .arcFace, .sphereFace]
    /// Which plot the compare screen shows when only one fits.
    public var comparePlot: ComparePlot = .logitAgainstAngle
    /// Geometry: direction of the feature x, in `ValueGrid.direction` steps.
    public var featureDirectionSteps: Int = 300
    /// Geometry: directions of the class weights W_j.
    public var weightDirectionSteps: [Int]
    public var batch = BatchSettings()
    /// The training screen's inputs besides its settings rows.
    public var train = TrainSettings()
    /// Plot shown by the cosine screen when only one fits.
    public var cosinePlot: CosinePlot = .targetLogitOnCosine
    /// How the frame is shown (`z`, `P`, `T`, `g`): not part of the state string, like `--ascii`.
    public var display = DisplayMode()
    public var presetIndex: Int = 0
    /// Terminal size (the reducer keeps scroll positions valid for it).
    public var width: Int = 80
    public var height: Int = 24
    public var overlay: Overlay = .none
    /// A one-line message in the status bar (a rejected entry, a fallback note).
    public var message: String?
    public var wantsQuit = false
    /// The language of every word on screen (symbols are the same in both).
    public var language: Language = .en
    /// The lesson being followed; nil in free exploration.
    public var lesson: LessonSession?
    /// The lesson's place in `lessonLibrary` (1-based), shown in the lesson box's title.
    public var lessonNumber: Int?
    /// The lessons the picker offers (the built-in ones, loaded by the command that starts the explorer).
    public var lessonLibrary: [Lesson] = []

    /// What covers the screen, if anything.
    public enum Overlay: Hashable, Sendable {
        case none
        case help
        /// The help's second page: the glossary of the screen's symbols.
        case glossary
        /// Typing an exact value for a field.
        case entry(field: Field, text: String)
        /// Showing the state string to copy.
        case stateString
        /// Choosing a lesson from `lessonLibrary`.
        case lessonPicker(selected: Int)
        /// The `e` key's two or three sentences on a panel.
        case explain(Panel)
    }

    public static let minimumClasses = 2
    public static let maximumClasses = 12

    /// The teaching example: 4 classes, s = 30, m = 0.35; the target wins
    /// without the margin (cos 0.62 against 0.50) and loses with it
    /// (0.62 − 0.35 = 0.27 < 0.50).
    public init() {
        logitSteps = [200, 100, 50, -100]
        inputs = [620, 500, 200, -100].map(ClassInput.cosine)
        weightDirectionSteps = [0, 900, 1800, 2700]
    }

    /// The steps of a single value of the settings table.
    public subscript(_ id: Setting.ID) -> Int {
        get { values[id] ?? Settings[id].defaultSteps }
        set { values[id] = newValue }
    }

    /// s in `ValueGrid.scale` steps.
    public var scaleSteps: Int {
        get { self[.scale] }
        set { self[.scale] = newValue }
    }

    /// m in `ValueGrid.margin` steps.
    public var marginSteps: Int {
        get { self[.margin] }
        set { self[.margin] = newValue }
    }

    public var classCount: Int { inputs.count }
    public var scale: Double { ValueGrid.scale.value(scaleSteps) }
    public var margin: Double { ValueGrid.margin.value(marginSteps) }
    public var logits: [Double] { logitSteps.map(ValueGrid.logit.value) }

    /// The grid of the cosine screen's inputs in the current mode.
    public var inputGrid: ValueGrid { inputMode == .cosine ? .cosine : .angle }

    /// The cosine screen's inputs as steps of `inputGrid`: exact where an input was
    /// entered in the current mode, the nearest grid point of the other form elsewhere.
    ///
    /// Setting it stores every changed entry in the current mode's form and keeps
    /// the unchanged ones as they were entered, so writing back what was read is lossless.
    public var inputSteps: [Int] {
        get { inputs.map { $0.steps(in: inputMode) } }
        set {
            let old = inputs
            inputs = newValue.enumerated().map { j, steps in
                j < old.count && old[j].steps(in: inputMode) == steps ? old[j] : ClassInput(steps: steps, mode: inputMode)
            }
        }
    }

    /// cos θ_j of the cosine screen.
    public var cosines: [Double] { inputs.map(\.cosine) }

    /// θ_j in degrees of the cosine screen.
    public var angles: [Double] { inputs.map(\.degrees) }

    /// Geometry: cos θ_j = cos(φ_x − φ_j) from the picture.
    public var geometryCosines: [Double] {
        let fx = ValueGrid.direction.value(featureDirectionSteps)
        return weightDirectionSteps.map { Self.cosineOfDegrees(fx - ValueGrid.direction.value($0)) }
    }

    /// cos of an angle in degrees, exact at multiples of 90° (`Angle.cosine(degrees:)`).
    public static func cosineOfDegrees(_ degrees: Double) -> Double {
        Angle.cosine(degrees: degrees)
    }

    /// The unit vector at `degrees` in the plane, (cos φ, sin φ), exact at multiples of 90°.
    public static func unitVector(degrees: Double) -> (x: Double, y: Double) {
        (cosineOfDegrees(degrees), cosineOfDegrees(degrees - 90))
    }

    public static func degrees(acosOf c: Double) -> Double {
        acos(min(1, max(-1, c))) * 180 / .pi
    }

    /// The fields of `screen`, in Up/Down order.
    public func fields(on screen: Screen) -> [Field] {
        switch screen {
        case .softmax:
            return (0..<classCount).map { .logit($0) }
        case .cosine:
            return singleValues + (0..<classCount).map { .cosine($0) }
        case .geometry:
            return [.featureDirection] + (0..<classCount).map { .weightDirection($0) } + singleValues
        case .batch:
            return singleValues + [.topK, .unselectedRule, .batchSamples, .batchClasses, .batchSpread, .batchSeed]
        case .compare:
            return comparedSettings.map { .value($0.id) } + (0..<classCount).map { .cosine($0) }
        case .train:
            return Settings.trainingValues.map { .value($0.id) }
        }
    }

    /// The settings table's values the chosen margin reads, as fields, in table order.
    private var singleValues: [Field] { marginSettings.map { .value($0.id) } }

    /// The focused field of the current screen (the first one when none is set or it no longer exists).
    public var focusedField: Field {
        let list = fields(on: screen)
        if let f = focus[screen], list.contains(f) { return f }
        return list[0]
    }

    /// The class a field refers to, if any.
    public static func classIndex(of field: Field) -> Int? {
        switch field {
        case .logit(let j), .cosine(let j), .weightDirection(let j): return j
        default: return nil
        }
    }

    /// The class under the cursor on the current screen (for `t` and class removal).
    public var selectedClass: Int? { Self.classIndex(of: focusedField) }
}
