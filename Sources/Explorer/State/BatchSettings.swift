import LossMath

/// The batch screen's inputs: where the batch comes from and the BD-LMCL rule.
public struct BatchSettings: Hashable, Sendable {
    /// Samples N of a synthetic batch (1 to 4096).
    public var samples: Int = 1024
    /// Classes C of a synthetic batch (2 to 10000); VoxCeleb2 has 5994 speakers.
    public var classes: Int = 5994
    /// Noise spread of a synthetic batch, in hundredths (0.12, as `compute` uses by default).
    public var spreadSteps: Int = 12
    /// Seed of a synthetic batch.
    public var seed: UInt64 = 1
    /// k of the top-k zero-one loss (2…C).
    public var topK: Int = 2
    public var unselected: UnselectedTreatment = .noMargin
    /// The sample highlighted in the table and the scatter.
    public var selectedSample: Int = 0
    /// A batch loaded from a file (N and C then come from the file).
    public var file: String?
    /// What the batch screen shows beside the settings when only one view fits.
    public var view: BatchView = .scatter

    public init() {}

    public static let sampleRange = Settings.samples.grid.minimumSteps...Settings.samples.grid.maximumSteps
    public static let classRange = Settings.classes.grid.minimumSteps...Settings.classes.grid.maximumSteps
    /// Sizes N cycles through with the N keys.
    public static let sampleSizes = [1, 8, 64, 256, 512, 1024, 2048, 4096]
    public static let classSizes = [2, 10, 100, 1000, 5994, 10_000]

    public var spread: Double { ValueGrid.spread.value(spreadSteps) }
}

/// The views of the batch screen that `v` cycles through when only one fits.
public enum BatchView: Int, CaseIterable, Hashable, Sendable {
    case scatter, gradients, samples
}
