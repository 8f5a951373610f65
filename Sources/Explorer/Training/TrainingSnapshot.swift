import Foundation
import Training

/// What the training screen shows at one moment: both panes, side by side.
public struct TrainingSnapshot: Sendable {
    /// The run without the margin, then the run with it.
    public let panes: [TrainingPaneSnapshot]
    public let trainCount: Int
    public let testCount: Int
}

/// One run as the training screen draws it: the features on the circle, the class
/// directions, each class's angular spread, and the metrics so far.
public struct TrainingPaneSnapshot: Sendable {
    public let objective: Objective
    public let epoch: Int
    /// The training samples' embeddings, normalised onto the unit circle.
    public let features: [Point2]
    /// The class of each feature.
    public let labels: [Int]
    /// The class directions W_j, normalised.
    public let directions: [Point2]
    /// Where each class's features gather: see `ClassSpread`.
    public let spreads: [ClassSpread?]
    /// The metrics now.
    public let metrics: EpochMetrics
    /// The metrics recorded since the start, oldest first (thinned on long runs).
    public let history: [EpochMetrics]
    /// The pane's picture (`TrainCircle`), kept for redraws of this snapshot.
    let circleMemo = TrainCircleMemo()

    init(trainer: Trainer, history: [EpochMetrics]) {
        objective = trainer.configuration.objective
        epoch = trainer.epoch
        let features = trainer.embeddings(of: trainer.data.train).map(\.unit)
        let labels = trainer.data.train.labels
        self.features = features
        self.labels = labels
        directions = trainer.classDirections.map(\.unit)
        spreads = (0..<trainer.data.train.classCount).map { j in
            ClassSpread(of: zip(features, labels).filter { $0.1 == j }.map(\.0))
        }
        metrics = history.last?.epoch == trainer.epoch ? history.last! : trainer.metrics()
        self.history = history
    }

    /// Whether training has blown up (the loss is no longer a number).
    public var diverged: Bool { !metrics.loss.isFinite }
}

/// The arc a class's features cover: their circular mean direction and the angle within
/// which 90 % of them lie on either side of it.
///
/// The centre is `atan2(Σ sin φ_i, Σ cos φ_i)` (the direction of the sum of the unit
/// features), so a class straddling 0°/360° is handled; `halfWidth` is the nearest-rank
/// 90th percentile of |φ_i − centre| (wrapped to [0°, 180°]). Nil for a class with no
/// features, or whose features cancel out (no mean direction).
public struct ClassSpread: Equatable, Sendable {
    /// The mean direction, in degrees in [0, 360).
    public let centre: Double
    /// Degrees either side of the centre.
    public let halfWidth: Double

    public init?(of unitFeatures: [Point2]) {
        let finite = unitFeatures.filter { $0.x.isFinite && $0.y.isFinite }
        guard !finite.isEmpty else { return nil }
        let sx = finite.reduce(0) { $0 + $1.x }, sy = finite.reduce(0) { $0 + $1.y }
        guard (sx * sx + sy * sy).squareRoot() > 1e-9 * Double(finite.count) else { return nil }
        let mean = Point2(x: sx, y: sy)
        var centre = atan2(sy, sx) * 180 / .pi
        if centre < 0 { centre += 360 }
        let deviations = finite.map { $0.angle(to: mean) }.sorted()
        let rank = max(1, Int((0.9 * Double(deviations.count)).rounded(.up)))
        self.centre = centre
        self.halfWidth = deviations[rank - 1]
    }
}
