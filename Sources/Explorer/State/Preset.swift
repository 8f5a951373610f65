/// A named setting of s and m worth knowing (DESIGN §1.2).
public struct Preset: Hashable, Sendable {
    public var name: String
    /// s in hundredths.
    public var scaleSteps: Int
    /// m in hundredths.
    public var marginSteps: Int
    /// Whether choosing it also restores the teaching example's classes and inputs.
    public var restoresExample: Bool

    /// The presets `p` cycles through, in order.
    public static let all: [Preset] = [
        Preset(name: "teaching example", scaleSteps: 3000, marginSteps: 35, restoresExample: true),
        Preset(name: "CosFace paper", scaleSteps: 6400, marginSteps: 35, restoresExample: false),
        Preset(name: "ECAPA-TDNN (SpeechBrain)", scaleSteps: 3000, marginSteps: 20, restoresExample: false),
        Preset(name: "WeSpeaker ResNet", scaleSteps: 3200, marginSteps: 20, restoresExample: false),
    ]
}
