import Foundation
import LossMath
import Testing

@Suite("Batch LMCL and BD-LMCL")
struct BatchLossTests {
    /// Four classes, margins chosen so every threshold c_y − m is exact in binary.
    /// m = 0.25:
    /// - A: y=0, threshold 0.25; rivals above: 0.75, 0.375 (0.25 ties, in the target's favour) → rank 3
    /// - B: y=1, threshold 0.625; none above → rank 1
    /// - C: y=2, threshold 0.25; 0.375 above → rank 2
    /// - D: y=3, threshold −0.125; all three above → rank 4
    static let handBatch = CosineBatch(
        labels: [0, 1, 2, 3],
        cosines: [
            0.5, 0.75, 0.25, 0.375,
            0.125, 0.875, 0.25, 0.5,
            0.25, 0.125, 0.5, 0.375,
            0.9375, 0.875, 0.75, 0.125,
        ],
        classCount: 4)

    @Test func ranksAndSelectionMatchTheHandComputedExample() {
        let m = 0.25
        let k2 = BatchLoss.bdlmcl(Self.handBatch, rule: BoundaryRule(scale: 10, margin: m, topK: 2), gradient: false)
        #expect(k2.samples.map(\.rank) == [3, 1, 2, 4])
        #expect(k2.samples.map(\.rivalClass) == [1, 3, 3, 0])
        #expect(k2.samples.map(\.rivalCosine) == [0.75, 0.5, 0.375, 0.9375])
        #expect(k2.samples.map(\.topOneError) == [true, false, true, true])
        #expect(k2.samples.map(\.topKError) == [true, false, false, true])
        #expect(k2.samples.map(\.selected) == [false, false, true, false])
        #expect(k2.samples.map(\.counts) == [true, true, true, true])
        #expect(k2.samples.map(\.margin) == [0, 0, m, 0])
        let k3 = BatchLoss.bdlmcl(Self.handBatch, rule: BoundaryRule(scale: 10, margin: m, topK: 3), gradient: false)
        #expect(k3.samples.map(\.selected) == [true, false, true, false])
        let k4 = BatchLoss.bdlmcl(Self.handBatch, rule: BoundaryRule(scale: 10, margin: m, topK: 4), gradient: false)
        #expect(k4.samples.map(\.selected) == [true, false, true, true])
    }

    @Test func handExampleLossesAreTheMeansOfTheRightTerms() {
        let s = 10.0, m = 0.25
        let rows = (0..<4).map { Array(Self.handBatch.cosines[$0 * 4..<$0 * 4 + 4]) }
        func term(_ i: Int, _ margin: Double) -> Double {
            referenceCosineLoss(cosines: rows[i], target: i, scale: s, margin: margin).loss
        }
        let noMargin = BatchLoss.bdlmcl(Self.handBatch, rule: BoundaryRule(scale: s, margin: m, topK: 2), gradient: false)
        let expected = (term(0, 0) + term(1, 0) + term(2, m) + term(3, 0)) / 4
        #expect(isClose(noMargin.loss, expected, tolerance: 1e-13))
        #expect(noMargin.countingSamples == 4)
        let excluded = BatchLoss.bdlmcl(
            Self.handBatch, rule: BoundaryRule(scale: s, margin: m, topK: 2, unselected: .excluded),
            gradient: true)
        #expect(excluded.countingSamples == 1)
        #expect(isClose(excluded.loss, term(2, m), tolerance: 1e-13))
        #expect(excluded.samples.map(\.counts) == [false, false, true, false])
        #expect(excluded.samples[0].gradientNorm == 0 && excluded.samples[0].loss > 0)
        let g = excluded.gradient!
        #expect(g[0..<8].allSatisfy { $0 == 0 } && g[12..<16].allSatisfy { $0 == 0 })
        let ref = referenceCosineLoss(cosines: rows[2], target: 2, scale: s, margin: m).gradient
        for j in 0..<4 { #expect(isClose(g[8 + j], ref[j], tolerance: 1e-12)) }
    }

    @Test func lmclMatchesThePerSampleReference() {
        var rng = SeededGenerator(seed: 41)
        for _ in 0..<30 {
            let c = rng.integer(1...20)
            let batch = randomBatch(samples: rng.integer(1...12), classes: c, using: &rng)
            let s = rng.uniform(1...64), m = rng.uniform(0...0.5)
            let r = BatchLoss.lmcl(batch, scale: s, margin: m, gradient: true)
            var sum = 0.0
            for i in 0..<batch.sampleCount {
                let row = Array(batch.cosines[i * c..<(i + 1) * c])
                let y = batch.labels[i]
                let ref = referenceCosineLoss(cosines: row, target: y, scale: s, margin: m)
                sum += ref.loss
                let o = r.samples[i]
                #expect(isClose(o.loss, ref.loss, tolerance: 1e-12))
                #expect(o.selected && o.counts && o.margin == m)
                #expect(o.rank == referenceRank(cosines: row, target: y, margin: m))
                let norm = ref.gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
                #expect(isClose(o.gradientNorm, norm, tolerance: 1e-12))
                for j in 0..<c {
                    #expect(isClose(r.gradient![i * c + j] * Double(batch.sampleCount), ref.gradient[j], tolerance: 1e-12))
                }
            }
            #expect(isClose(r.loss, sum / Double(batch.sampleCount), tolerance: 1e-12))
            #expect(r.countingSamples == batch.sampleCount)
        }
    }

    @Test func bdlmclMatchesThePerSampleReference() {
        var rng = SeededGenerator(seed: 42)
        for trial in 0..<40 {
            let c = rng.integer(2...16)
            let batch = randomBatch(samples: rng.integer(1...12), classes: c, using: &rng)
            let rule = BoundaryRule(
                scale: rng.uniform(1...64), margin: rng.uniform(0...0.5), topK: rng.integer(2...c),
                unselected: trial.isMultiple(of: 2) ? .noMargin : .excluded)
            let r = BatchLoss.bdlmcl(batch, rule: rule, gradient: true)
            var sum = 0.0, counting = 0
            var expectedRows: [[Double]?] = []
            for i in 0..<batch.sampleCount {
                let row = Array(batch.cosines[i * c..<(i + 1) * c])
                let y = batch.labels[i]
                let rank = referenceRank(cosines: row, target: y, margin: rule.margin)
                let selected = rank > 1 && rank <= rule.topK
                let counts = selected || rule.unselected == .noMargin
                let ref = referenceCosineLoss(cosines: row, target: y, scale: rule.scale, margin: selected ? rule.margin : 0)
                let o = r.samples[i]
                #expect(o.rank == rank && o.selected == selected && o.counts == counts)
                #expect(isClose(o.loss, ref.loss, tolerance: 1e-12))
                if counts { sum += ref.loss; counting += 1 }
                expectedRows.append(counts ? ref.gradient : nil)
            }
            #expect(r.countingSamples == counting)
            #expect(isClose(r.loss, counting > 0 ? sum / Double(counting) : 0, tolerance: 1e-12))
            for i in 0..<batch.sampleCount {
                for j in 0..<c {
                    let expected = expectedRows[i].map { $0[j] / Double(counting) } ?? 0
                    #expect(isClose(r.gradient![i * c + j], expected, tolerance: 1e-12))
                }
            }
        }
    }

    /// Central differences of the batch loss with the selection held fixed: every
    /// perturbed evaluation must make the same selection, which is checked.
    func checkBatchGradient(_ batch: CosineBatch, evaluate: (CosineBatch) -> BatchResult) -> Double {
        let analytic = evaluate(batch)
        let selection = analytic.samples.map { [$0.selected, $0.counts] }
        let numeric = centralDifferences(at: batch.cosines) { cosines in
            let perturbed = evaluate(CosineBatch(labels: batch.labels, cosines: cosines, classCount: batch.classCount))
            #expect(perturbed.samples.map { [$0.selected, $0.counts] } == selection)
            return perturbed.loss
        }
        return finiteDifferenceError(numeric, Array(analytic.gradient!))
    }

    @Test func batchGradientsMatchCentralDifferences() {
        var rng = SeededGenerator(seed: 43)
        for trial in 0..<24 {
            let c = rng.integer(2...6)
            let batch = randomBatch(samples: rng.integer(1...6), classes: c, using: &rng)
            let s = rng.uniform(1...16), m = rng.uniform(0...0.45)
            let lmclError = checkBatchGradient(batch) { BatchLoss.lmcl($0, scale: s, margin: m, gradient: true) }
            #expect(lmclError < finiteDifferenceTolerance)
            let rule = BoundaryRule(
                scale: s, margin: m, topK: rng.integer(2...c),
                unselected: trial.isMultiple(of: 2) ? .noMargin : .excluded)
            let bdError = checkBatchGradient(batch) { BatchLoss.bdlmcl($0, rule: rule, gradient: true) }
            #expect(bdError < finiteDifferenceTolerance)
        }
    }

    @Test func withKEqualToCOnlyMarginViolatorsGetTheMargin() {
        var rng = SeededGenerator(seed: 44)
        for _ in 0..<40 {
            let c = rng.integer(2...12)
            let batch = randomBatch(samples: 20, classes: c, using: &rng)
            let m = rng.uniform(0...0.6)
            let r = BatchLoss.bdlmcl(batch, rule: BoundaryRule(scale: 30, margin: m, topK: c, unselected: .noMargin), gradient: false)
            for (i, o) in r.samples.enumerated() {
                #expect(o.selected == o.topOneError)
                // Independently: the margin is violated when some rival beats c_y − m.
                let row = batch.cosines[i * c..<(i + 1) * c]
                let violated = row.indices.contains { $0 - i * c != o.label && row[$0] > o.targetCosine - m }
                #expect(o.selected == violated)
                #expect(o.margin == (violated ? m : 0))
            }
        }
    }

    @Test func withEverySampleSelectedBDLMCLEqualsLMCL() {
        // Each sample: target at 0.5, exactly one rival inside the margin band (0.5 − m, 0.5]
        // and the rest far below, so rank = 2 for every sample and k = 2 selects them all.
        var rng = SeededGenerator(seed: 45)
        let c = 7, b = 16, m = 0.3, s = 30.0
        var labels: [Int] = [], cosines: [Double] = []
        for _ in 0..<b {
            let y = rng.integer(0...(c - 1))
            var row = (0..<c).map { _ in rng.uniform(-0.9...0.1) }
            row[y] = 0.5
            let rival = (y + rng.integer(1...(c - 1))) % c
            row[rival] = rng.uniform(0.25...0.5)
            labels.append(y)
            cosines += row
        }
        let batch = CosineBatch(labels: labels, cosines: cosines, classCount: c)
        for unselected in UnselectedTreatment.allCases {
            let bd = BatchLoss.bdlmcl(
                batch, rule: BoundaryRule(scale: s, margin: m, topK: 2, unselected: unselected),
                gradient: true)
            let lmcl = BatchLoss.lmcl(batch, scale: s, margin: m, gradient: true)
            #expect(bd.samples.allSatisfy { $0.selected && $0.rank == 2 })
            #expect(bd.loss == lmcl.loss)
            #expect(bd.gradient == lmcl.gradient)
            #expect(bd.countingSamples == b)
        }
    }

    @Test func noCountingSampleGivesZeroLossAndZeroGradient() {
        // Every target already wins by more than the margin: nobody is selected.
        let batch = CosineBatch(labels: [0, 1], cosines: [0.9, 0.1, -0.2, 0.8], classCount: 2)
        let r = BatchLoss.bdlmcl(batch, rule: BoundaryRule(scale: 30, margin: 0.2, unselected: .excluded), gradient: true)
        #expect(r.countingSamples == 0 && r.loss == 0)
        #expect(r.gradient.map { Array($0) } == [0, 0, 0, 0])
        #expect(r.samples.allSatisfy { $0.loss > 0 && $0.gradientNorm == 0 })
    }

    @Test func oneClassAndTwoClassBatchesAreSensible() {
        let one = BatchLoss.lmcl(
            CosineBatch(labels: [0, 0], cosines: [0.3, -1], classCount: 1),
            scale: 64, margin: 0.35, gradient: true)
        #expect(one.loss == 0 && one.gradient.map { Array($0) } == [0, 0])
        #expect(one.samples.allSatisfy { $0.rivalClass == -1 && $0.rank == 1 && $0.gradientNorm == 0 })
        let two = BatchLoss.lmcl(
            CosineBatch(labels: [1], cosines: [0.125, 0.625], classCount: 2),
            scale: 30, margin: 0.35, gradient: true)
        #expect(abs(two.loss - Foundation.log(1 + Foundation.exp(-30 * (0.625 - 0.35 - 0.125)))) < 1e-14)
    }

    @Test func largeScaleAndExtremeCosinesStayFinite() {
        let batch = CosineBatch(labels: [0, 0, 1], cosines: [1, -1, -1, -1, 1, 1, 1, 1, 1], classCount: 3)
        let r = BatchLoss.lmcl(batch, scale: 1000, margin: 0.35, gradient: true)
        #expect(r.gradient!.allSatisfy { $0.isFinite })
        #expect(r.samples[0].loss == 0)
        // Target at −1 − m against two rivals at 1: L = 1000·2.35 + log 2.
        #expect(abs(r.samples[1].loss - (2350 + Foundation.log(2.0))) < 1e-9)
        // All equal with margin: L = log(1 + 2e^{350}) − ... = 350 + log 2 + log(1 + e^{−350}/2).
        #expect(abs(r.samples[2].loss - (350 + Foundation.log(2.0))) < 1e-10)
        #expect(r.samples.allSatisfy { $0.gradientNorm.isFinite })
    }

    @Test func largeBatchesGiveTheSameResultsWhicheverThreadComputesThem() {
        // Large enough to be split over threads; each row must equal the same row alone.
        var rng = SeededGenerator(seed: 46)
        let batch = randomBatch(samples: 40, classes: 2000, using: &rng)
        let all = BatchLoss.lmcl(batch, scale: 30, margin: 0.2, gradient: true)
        for i in [0, 17, 39] {
            let single = CosineBatch(
                labels: [batch.labels[i]], cosines: Array(batch.cosines[i * 2000..<(i + 1) * 2000]),
                classCount: 2000)
            let alone = BatchLoss.lmcl(single, scale: 30, margin: 0.2, gradient: true)
            #expect(alone.samples[0] == all.samples[i])
            let row = all.gradient![i * 2000..<(i + 1) * 2000].map { $0 * 40 }
            for j in 0..<2000 { #expect(isClose(row[j], alone.gradient![j], tolerance: 1e-14)) }
        }
    }

    @Test func excludingUnselectedSamplesCountsThemTheSameOnAnyNumberOfThreads() {
        // The counting pre-pass (unselected samples excluded) is split over the cores: the count, and
        // so the 1/N of every gradient row, must not depend on the split. N is checked against the outcomes.
        // Every third sample has one rival above cos θ_y − m (a boundary sample, selected), every
        // third none (satisfied), every third three (beyond k = 2): 40 of 120 count.
        var rng = SeededGenerator(seed: 47)
        var labels: [Int] = [], cosines: [Double] = []
        for i in 0..<120 {
            var row = (0..<900).map { _ in rng.uniform(-0.1...0.1) }
            let y = rng.integer(0...899)
            row[y] = 0.5
            for r in 0..<[1, 0, 3][i % 3] { row[(y + 1 + r) % 900] = 0.3 }
            labels.append(y)
            cosines += row
        }
        let batch = CosineBatch(labels: labels, cosines: cosines, classCount: 900)
        let rule = BoundaryRule(scale: 30, margin: 0.35, topK: 2, unselected: .excluded)
        let all = BatchLoss.bdlmcl(batch, rule: rule, gradient: true)
        let one = LossMathThreads.limited(to: 1) { BatchLoss.bdlmcl(batch, rule: rule, gradient: true) }
        #expect(all == one)
        let selected = all.samples.filter(\.selected).count
        #expect(all.countingSamples == selected && selected == 40)
        // A row of a counting sample is its own gradient divided by N.
        let i = 3
        #expect(all.samples[i].counts && all.samples[i].rank == 2)
        let alone = referenceCosineLoss(
            cosines: Array(batch.cosines[i * 900..<(i + 1) * 900]), target: batch.labels[i], scale: 30, margin: 0.35)
        for j in 0..<900 { #expect(isClose(all.gradient![i, j] * Double(selected), alone.gradient[j], tolerance: 1e-12)) }
    }
}
