import Foundation
import LossMath
import Testing

/// The batch losses and the BD-LMCL selection with any margin transform.
@Suite("Batch losses with any margin")
struct MarginBatchTests {
    static let transforms: [TargetTransform] = [
        .identity,
        .additiveCosine(margin: 0.35),
        .additiveAngular(margin: 0.5, fallback: .sinmm),
        .additiveAngular(margin: 0.2, fallback: .none),
        .additiveAngular(margin: 0.5, fallback: .easy),
        .additiveAngular(margin: 0.3, fallback: .clip),
        .additiveAngular(margin: 0.2, fallback: .continuous),
        .multiplicativeAngular(margin: 4, lambda: 5),
        .multiplicativeAngular(margin: 2, lambda: 0),
        .combined(angleFactor: 1, angleMargin: 0.3, cosineMargin: 0.2),
        .combined(angleFactor: 0.9, angleMargin: 0.4, cosineMargin: 0.15),
    ]

    /// The target's rank against f(c_y), by sorting (ties count for the target).
    static func referenceRank(_ cosines: [Double], target: Int, transform: TargetTransform) -> Int {
        let score = transform.value(cosines[target])
        return 1 + cosines.indices.filter { $0 != target && cosines[$0] > score }.count
    }

    @Test(arguments: transforms)
    func everySampleIsTheSingleSampleHeadAveraged(_ transform: TargetTransform) {
        var rng = SeededGenerator(seed: 161)
        let batch = randomBatch(samples: 40, classes: 7, using: &rng)
        let s = 20.0
        let r = BatchLoss.margin(batch, scale: s, transform: transform, gradient: true)
        let head = CosineHead(scale: s, transform: transform)
        var sum = 0.0
        for i in 0..<batch.sampleCount {
            let row = Array(batch.cosines[(i * 7)..<((i + 1) * 7)])
            let y = batch.labels[i]
            let h = head.evaluate(cosines: row, target: y)
            sum += h.loss
            #expect(isClose(r.samples[i].loss, h.loss, tolerance: 1e-12))
            #expect(r.samples[i].rank == Self.referenceRank(row, target: y, transform: transform))
            for j in 0..<7 {
                #expect(isClose(r.gradient![i * 7 + j] * 40, h.gradient[j], tolerance: 1e-12))
            }
        }
        #expect(isClose(r.loss, sum / 40, tolerance: 1e-12))
        // The scale cache gives the same samples without the gradient.
        #expect(BatchScaleCache(batch: batch, scale: s).margin(transform: transform).samples == r.samples)
    }

    @Test(arguments: transforms)
    func boundaryRuleRanksAgainstTheTransformedTargetScore(_ transform: TargetTransform) {
        var rng = SeededGenerator(seed: 162)
        let batch = randomBatch(samples: 60, classes: 5, using: &rng)
        for unselected in UnselectedTreatment.allCases {
            let rule = BoundaryRule(scale: 16, transform: transform, topK: 3, unselected: unselected)
            let r = BatchLoss.bdlmcl(batch, rule: rule, gradient: true)
            for i in 0..<batch.sampleCount {
                let row = Array(batch.cosines[(i * 5)..<((i + 1) * 5)])
                let rank = Self.referenceRank(row, target: batch.labels[i], transform: transform)
                let outcome = r.samples[i]
                #expect(outcome.rank == rank)
                #expect(outcome.selected == (rank > 1 && rank <= 3))
                #expect(outcome.transform == (outcome.selected ? transform : .identity))
                let applied = CosineHead(scale: 16, transform: outcome.transform).evaluate(cosines: row, target: batch.labels[i])
                #expect(isClose(outcome.loss, applied.loss, tolerance: 1e-12))
            }
            #expect(BatchScaleCache(batch: batch, scale: 16).bdlmcl(rule: rule).samples == r.samples)
        }
    }

    @Test(arguments: transforms)
    func allSelectedBDLMCLEqualsTheMarginLoss(_ transform: TargetTransform) {
        // Every target below its best rival even without margin (f(c) ≤ c for these
        // transforms there), so with k = C every sample is a boundary sample.
        var rng = SeededGenerator(seed: 163)
        var labels: [Int] = [], cosines: [Double] = []
        for _ in 0..<30 {
            var row = (0..<4).map { _ in rng.uniform(0.3...0.9) }
            let y = rng.integer(0...3)
            row[y] = rng.uniform(-0.5...0.2)
            labels.append(y)
            cosines += row
        }
        let batch = CosineBatch(labels: labels, cosines: cosines, classCount: 4)
        let rule = BoundaryRule(scale: 24, transform: transform, topK: 4)
        let bd = BatchLoss.bdlmcl(batch, rule: rule, gradient: true)
        #expect(bd.samples.allSatisfy { $0.selected })
        let plain = BatchLoss.margin(batch, scale: 24, transform: transform, gradient: true)
        #expect(bd.loss == plain.loss)
        #expect(bd.gradient == plain.gradient)
    }

    @Test func theArcFaceExampleIsABoundarySample() {
        // B = (0.62, 0.35, −0.20, 0.10), ArcFace m = 0.5: f(0.62) = 0.168 < 0.35, rank 2.
        let batch = CosineBatch(labels: [0], cosines: [0.62, 0.35, -0.20, 0.10], classCount: 4)
        let rule = BoundaryRule(scale: 64, transform: .additiveAngular(margin: 0.5, fallback: .sinmm), topK: 2)
        let outcome = BatchLoss.bdlmcl(batch, rule: rule, gradient: false).samples[0]
        #expect(outcome.rank == 2 && outcome.selected)
        #expect(BatchRegion(outcome) == .boundary)
        #expect(isClose(outcome.loss, 11.651654058755, tolerance: 1e-12))
        // With CosFace m = 0.2 the same sample satisfies its margin (0.42 > 0.35).
        let cosFace = BatchLoss.bdlmcl(batch, rule: BoundaryRule(scale: 64, margin: 0.2), gradient: false).samples[0]
        #expect(cosFace.rank == 1 && !cosFace.selected)
    }
}
