import Foundation
import Testing

@testable import Training

/// The trainer as the command and the screen use it: reproducible, resettable, learning.
@Suite struct TrainerTests {
    static let data = DataSplit(GaussianClusters().make(seed: 2018), holdout: 0.2, standardize: true, seed: 1)

    static func configuration(_ loss: TrainingLoss = .cosface, batchSize: Int? = nil, seed: UInt64 = 1) -> TrainingConfiguration {
        TrainingConfiguration(objective: Objective(loss: loss, scale: 16, margin: 0.2), batchSize: batchSize, seed: seed)
    }

    @Test("the same seed gives the same parameters and metrics bit for bit", arguments: [nil, 64] as [Int?])
    func sameSeedSameNumbers(batchSize: Int?) {
        var a = Trainer(configuration: Self.configuration(batchSize: batchSize), data: Self.data)
        var b = Trainer(configuration: Self.configuration(batchSize: batchSize), data: Self.data)
        for _ in 0..<15 {
            a.step()
            b.step()
        }
        #expect(a.network.parameters.map(\.bitPattern) == b.network.parameters.map(\.bitPattern))
        #expect(a.record() == b.record())
    }

    @Test("another seed gives another run")
    func anotherSeedAnotherRun() {
        var a = Trainer(configuration: Self.configuration(seed: 1), data: Self.data)
        var b = Trainer(configuration: Self.configuration(seed: 2), data: Self.data)
        a.step()
        b.step()
        #expect(a.network.parameters != b.network.parameters)
    }

    @Test("reset returns to the initial network, epoch 0 and an empty history")
    func resetStartsAgain() {
        var trainer = Trainer(configuration: Self.configuration(batchSize: 50), data: Self.data)
        let initial = trainer.network
        let first = trainer.metrics()
        for _ in 0..<5 { trainer.step() }
        trainer.record()
        #expect(trainer.network != initial)
        trainer.reset()
        #expect(trainer.network == initial)
        #expect(trainer.epoch == 0 && trainer.history.isEmpty)
        #expect(trainer.metrics() == first)
        // The mini-batch order starts again too: the same steps give the same parameters.
        var fresh = Trainer(configuration: Self.configuration(batchSize: 50), data: Self.data)
        trainer.step()
        fresh.step()
        #expect(trainer.network == fresh.network)
    }

    @Test("training on the built-in clusters lowers the loss and separates the classes", arguments: TrainingLoss.allCases)
    func trainingLearns(_ loss: TrainingLoss) {
        var trainer = Trainer(configuration: Self.configuration(loss), data: Self.data)
        let before = trainer.record()
        for _ in 0..<150 { trainer.step() }
        let after = trainer.record()
        #expect(after.epoch == 150)
        #expect(after.loss < 0.5 * before.loss)
        // Eight classes: chance is 12.5 %; the best possible is about 88 % (GaussianClusters).
        #expect(after.trainAccuracy > 0.75)
        #expect(after.testAccuracy! > 0.6)
        #expect(trainer.history == [before, after])
    }

    @Test("changing the objective between steps takes effect at the next step")
    func objectiveChangesTakeEffect() {
        var normFace = Trainer(configuration: Self.configuration(.normface), data: Self.data)
        var switched = Trainer(configuration: Self.configuration(.cosface), data: Self.data)
        switched.configuration.objective = Objective(loss: .normface, scale: 16, margin: 0.2)
        normFace.step()
        switched.step()
        #expect(normFace.network == switched.network)
    }

    /// The metrics recomputed here from the embeddings and class directions with `acos` of
    /// cosines and plain sorting, independently of `Trainer.metrics()` and `Point2.angle`.
    @Test("the metrics match an independent computation from the embeddings", arguments: [TrainingLoss.softmax, .cosface])
    func metricsMatchAnIndependentComputation(_ loss: TrainingLoss) {
        var trainer = Trainer(configuration: Self.configuration(loss), data: Self.data)
        for _ in 0..<40 { trainer.step() }
        let metrics = trainer.metrics()
        let points = trainer.embeddings(of: Self.data.train)
        let directions = trainer.classDirections
        func degrees(_ a: Point2, _ b: Point2) -> Double {
            let c = (a.x * b.x + a.y * b.y) / ((a.x * a.x + a.y * a.y).squareRoot() * (b.x * b.x + b.y * b.y).squareRoot())
            return acos(max(-1, min(1, c))) * 180 / .pi
        }
        var own: [Double] = [], gaps: [Double] = []
        var correct = 0
        for (i, point) in points.enumerated() {
            let y = Self.data.train.labels[i]
            let angles = directions.map { degrees(point, $0) }
            own.append(angles[y])
            gaps.append(angles.enumerated().filter { $0.offset != y }.map(\.element).min()! - angles[y])
            let scores = directions.map { w in loss == .softmax ? point.x * w.x + point.y * w.y : cos(degrees(point, w) * .pi / 180) }
            if scores.firstIndex(of: scores.max()!) == y { correct += 1 }
        }
        own.sort()
        gaps.sort()
        let n = own.count
        #expect(n == 640)
        #expect(abs(metrics.meanAngle - own.reduce(0, +) / Double(n)) < 1e-9)
        #expect(abs(metrics.p95Angle - own[607]) < 1e-9)  // ⌈0.95·640⌉ = 608th smallest
        #expect(abs(metrics.medianGap - (gaps[319] + gaps[320]) / 2) < 1e-9)
        #expect(abs(metrics.trainAccuracy - Double(correct) / Double(n)) < 1e-12)
        var smallest = 180.0
        for j in directions.indices {
            for k in directions.indices where k > j { smallest = min(smallest, degrees(directions[j], directions[k])) }
        }
        #expect(abs(metrics.minClassGap - smallest) < 1e-9)
    }

    @Test("the class directions start evenly spread around the circle")
    func classDirectionsStartEvenlySpread() {
        let trainer = Trainer(configuration: Self.configuration(), data: Self.data)
        #expect(abs(trainer.metrics().minClassGap - 45) < 1e-9)
    }
}
