import Training

/// The training screen's inputs besides its settings rows (s, m, η, speed).
///
/// `epoch` is how far the two runs have trained: the app's `TrainingEngine` steps its
/// trainers until they reach it, so a state string with `epoch=300` (or `frame --epochs
/// 300`) reproduces the frame bit for bit. Playing adds up to `speed` epochs per frame;
/// `.` adds one, `r` sets it back to 0. A value changed while training applies from the
/// next epoch on; replaying the state string trains under the values it holds throughout.
public struct TrainSettings: Hashable, Sendable {
    /// Whether the run loop advances the training by itself (about 30 frames per second).
    public var playing = false
    /// Epochs both runs have trained.
    public var epoch = 0
    /// The loss of the left pane, trained without a margin; the right pane trains with CosFace.
    public var baseline: TrainingLoss = .normface

    public init() {}

    /// The losses without a margin the left pane can train under, in the order `o` cycles them.
    public static let baselines: [TrainingLoss] = [.normface, .softmax]
    /// The loss with the margin of the right pane.
    public static let marginLoss: TrainingLoss = .cosface
    /// The largest epoch a state string or the command line may ask for.
    public static let maximumEpoch = 1_000_000
}
