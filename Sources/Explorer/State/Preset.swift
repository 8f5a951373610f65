import LossMath

/// A named setting of the margin family worth knowing, with where it comes from (Docs/Math.md, "Presets").
///
/// ECAPA-TDNN (SpeechBrain) and WeSpeaker train with ArcFace's additive angular
/// margin, not CosFace's: their presets choose ArcFace with the fallback their code uses.
public struct Preset: Hashable, Sendable {
    public var name: String
    /// The loss it uses.
    public var marginType: MarginType
    /// s in hundredths; nil keeps the current s (SphereFace's code scales by ‖x‖, not s).
    public var scaleSteps: Int?
    /// m in hundredths (CosFace, ArcFace).
    public var marginSteps: Int
    /// ArcFace's fallback.
    public var fallback: ArcFaceFallback
    /// Other rows of the settings table it sets (SphereFace's m and λ, the combined m₁, m₂, m₃).
    public var values: [Setting.ID: Int]
    /// Where the numbers come from, for the help.
    public var source: String
    /// Whether choosing it also restores the teaching example's classes and inputs.
    public var restoresExample: Bool

    public init(
        name: String, marginType: MarginType, scaleSteps: Int?, marginSteps: Int = 35, fallback: ArcFaceFallback = .sinmm,
        values: [Setting.ID: Int] = [:], source: String, restoresExample: Bool = false
    ) {
        self.name = name
        self.marginType = marginType
        self.scaleSteps = scaleSteps
        self.marginSteps = marginSteps
        self.fallback = fallback
        self.values = values
        self.source = source
        self.restoresExample = restoresExample
    }

    /// The presets `p` cycles through, in order.
    public static let all: [Preset] = [
        Preset(
            name: "teaching example", marginType: .cosFace, scaleSteps: 3000, marginSteps: 35,
            source: "AM-Softmax's setting (Wang, Cheng, Liu, Liu 2018), 4 classes", restoresExample: true),
        Preset(
            name: "CosFace paper", marginType: .cosFace, scaleSteps: 6400, marginSteps: 35,
            source: "CosFace §4 (Wang et al., CVPR 2018); m swept 0 to 0.45"),
        Preset(
            name: "AM-Softmax", marginType: .cosFace, scaleSteps: 3000, marginSteps: 35,
            source: "happynear/AMSoftmax; s fixed"),
        Preset(
            name: "ArcFace paper", marginType: .arcFace, scaleSteps: 6400, marginSteps: 50, fallback: .sinmm,
            source: "ArcFace §4.1 (Deng et al., CVPR 2019); sinmm as its 2018 code"),
        Preset(
            name: "ECAPA-TDNN (SpeechBrain)", marginType: .arcFace, scaleSteps: 3000, marginSteps: 20, fallback: .sinmm,
            source: "SpeechBrain train_ecapa_tdnn.yaml: ArcFace (AAM)"),
        Preset(
            name: "WeSpeaker", marginType: .arcFace, scaleSteps: 3200, marginSteps: 20, fallback: .continuous,
            source: "wespeaker voxceleb v2 configs: ArcFace (AAM), m ramps up from 0"),
        Preset(
            name: "combined margin", marginType: .combined, scaleSteps: 6400,
            values: [.angleFactor: 100, .angleMargin: 30, .cosineMargin: 20],
            source: "ArcFace Table 2, insightface sample_config.py; also (0.9, 0.4, 0.15)"),
        Preset(
            name: "SphereFace", marginType: .sphereFace, scaleSteps: nil, values: [.sphereMargin: 4, .lambda: 50],
            source: "wy1iu/sphereface prototxt; λ anneals down to 5"),
    ]

    /// The settings in words: "ArcFace s = 64, m = 0.5, sinmm", "combined s = 64, m₁ = 1, m₂ = 0.3, m₃ = 0.2".
    public var summary: String {
        let s = scaleSteps.map { "s = \(StateString.trim(Settings.scale.grid.format($0)))" } ?? "s unchanged"
        let parameters = marginType.parameters.map { row in
            let steps = row.id == .margin ? marginSteps : values[row.id] ?? row.defaultSteps
            return "\(row.symbol) = \(StateString.trim(row.grid.format(steps)))"
        }
        let fallback = marginType == .arcFace ? [self.fallback.rawValue] : []
        return (["\(marginType.title) \(s)"] + parameters + fallback).joined(separator: ", ")
    }
}
