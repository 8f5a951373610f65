import Foundation
import LossMath
import Testing

@testable import Explorer

/// The batch screen's numbers (`BatchSnapshot`) against `BatchLoss` computed directly
/// and against an independent recount from the raw cosines, and the two BD-LMCL
/// identities of Docs/Math.md §6 on what the screen shows.
@Suite struct BatchNumbersTests {
    /// A batch with samples in all three regions at s = 30, m = 0.35, k = 2.
    static func state(k: Int = 2, rule: UnselectedTreatment = .noMargin, marginSteps: Int = 35, scaleSteps: Int = 3000) -> ExplorerState {
        var state = ExplorerState()
        state.screen = .batch
        state.batch.samples = 256
        state.batch.classes = 100
        state.batch.spreadSteps = 20
        state.batch.seed = 3
        state.batch.topK = k
        state.batch.unselected = rule
        state.marginSteps = marginSteps
        state.scaleSteps = scaleSteps
        return state
    }

    /// What one sample should be, recounted from its row of cosines with plain loops.
    struct HandCount {
        var rank: Int
        var region: BatchRegion
        /// ℓ_i = LSE(z) − z_y with z_j = s·cos θ_j, z_y = s·(cos θ_y − margin).
        static func loss(_ row: [Double], _ y: Int, scale: Double, margin: Double) -> (loss: Double, gradientNorm: Double) {
            let z = row.indices.map { j in scale * (row[j] - (j == y ? margin : 0)) }
            let top = z.max()!
            let sum = z.reduce(0) { $0 + exp($1 - top) }
            let loss = top + log(sum) - z[y]
            var squares = 0.0
            for j in z.indices {
                let p = exp(z[j] - top) / sum
                let g = scale * (p - (j == y ? 1 : 0))
                squares += g * g
            }
            return (loss, squares.squareRoot())
        }
    }

    static func row(_ batch: CosineBatch, _ i: Int) -> [Double] {
        Array(batch.cosines[(i * batch.classCount)..<((i + 1) * batch.classCount)])
    }

    static func handCount(_ batch: CosineBatch, _ i: Int, margin: Double, k: Int) -> HandCount {
        let row = row(batch, i), y = batch.labels[i]
        var above = 0
        for j in row.indices where j != y && row[j] > row[y] - margin { above += 1 }
        let rank = 1 + above
        let region: BatchRegion = rank == 1 ? .satisfied : rank <= k ? .boundary : .beyondTopK
        return HandCount(rank: rank, region: region)
    }

    @Test(arguments: [(2, UnselectedTreatment.noMargin), (2, .excluded), (5, .noMargin), (5, .excluded)])
    func regionCountsAndLossesAgreeWithARecountFromTheCosines(_ k: Int, _ rule: UnselectedTreatment) {
        let state = Self.state(k: k, rule: rule)
        let snapshot = BatchEngine().snapshot(for: state)
        let batch = snapshot.batch
        let s = state.scale, m = state.margin
        var counts = [BatchRegion: Int]()
        var lmclSum = 0.0, bdSum = 0.0, bdCounting = 0
        var lmclNorms = 0.0, bdNorms = 0.0
        for i in 0..<batch.sampleCount {
            let hand = Self.handCount(batch, i, margin: m, k: k)
            let shown = snapshot.bdlmcl.samples[i]
            #expect(shown.rank == hand.rank, "sample \(i)")
            #expect(BatchRegion(shown) == hand.region, "sample \(i)")
            #expect(snapshot.lmcl.samples[i].rank == hand.rank, "sample \(i)")
            counts[hand.region, default: 0] += 1
            let row = Self.row(batch, i), y = batch.labels[i]
            let lmcl = HandCount.loss(row, y, scale: s, margin: m)
            lmclSum += lmcl.loss
            lmclNorms += lmcl.gradientNorm
            let selected = hand.region == .boundary
            if selected || rule == .noMargin {
                let bd = HandCount.loss(row, y, scale: s, margin: selected ? m : 0)
                bdSum += bd.loss
                bdNorms += bd.gradientNorm
                bdCounting += 1
            }
        }
        // The batch must exercise every region, or the test proves little.
        for region in BatchRegion.allCases {
            #expect((counts[region] ?? 0) > 0, "no sample in \(region)")
            #expect(snapshot.summary[region].count == counts[region] ?? 0, "\(region)")
        }
        let lmclLoss = lmclSum / Double(batch.sampleCount)
        let bdLoss = bdCounting > 0 ? bdSum / Double(bdCounting) : 0
        // Loose enough for a different summation order over 256 terms of size ≤ ~20.
        #expect(abs(snapshot.lmcl.loss - lmclLoss) <= 1e-10 * max(1, lmclLoss))
        #expect(abs(snapshot.bdlmcl.loss - bdLoss) <= 1e-10 * max(1, bdLoss))
        #expect(snapshot.bdlmcl.countingSamples == bdCounting)
        #expect(abs(snapshot.summary.lmclGradientTotal - lmclNorms) <= 1e-9 * lmclNorms)
        #expect(abs(snapshot.summary.bdlmclGradientTotal - bdNorms) <= 1e-9 * max(1, bdNorms))
        // Each loss's regional parts add up to the batch loss the screen shows.
        let lmclParts = BatchRegion.allCases.reduce(0) { $0 + snapshot.summary[$1].lmclLoss }
        let bdParts = BatchRegion.allCases.reduce(0) { $0 + snapshot.summary[$1].bdlmclLoss }
        #expect(abs(lmclParts - snapshot.lmcl.loss) <= 1e-12 * max(1, lmclLoss))
        #expect(abs(bdParts - snapshot.bdlmcl.loss) <= 1e-12 * max(1, bdLoss))
    }

    @Test(arguments: [UnselectedTreatment.noMargin, .excluded])
    func theSnapshotAgreesWithBatchLossComputedDirectly(_ rule: UnselectedTreatment) {
        let state = Self.state(k: 3, rule: rule)
        let snapshot = BatchEngine().snapshot(for: state)
        let direct = BatchLoss.lmcl(snapshot.batch, scale: state.scale, margin: state.margin, gradient: false)
        let directBD = BatchLoss.bdlmcl(
            snapshot.batch,
            rule: BoundaryRule(
                scale: state.scale, margin: state.margin, topK: 3,
                unselected: rule), gradient: false)
        #expect(abs(snapshot.lmcl.loss - direct.loss) <= 1e-12 * max(1, direct.loss))
        #expect(abs(snapshot.bdlmcl.loss - directBD.loss) <= 1e-12 * max(1, directBD.loss))
        #expect(snapshot.bdlmcl.countingSamples == directBD.countingSamples)
        for (a, b) in zip(snapshot.bdlmcl.samples, directBD.samples) {
            #expect(a.rank == b.rank && a.selected == b.selected && a.counts == b.counts && a.margin == b.margin)
            #expect(abs(a.loss - b.loss) <= 1e-12 * max(1, b.loss))
            #expect(abs(a.gradientNorm - b.gradientNorm) <= 1e-10 * max(1, b.gradientNorm))
        }
    }

    @Test func withKEqualToCAndNoMarginTheSelectedSamplesAreExactlyTheMarginViolators() {
        let state = Self.state(k: 100, rule: .noMargin)
        let snapshot = BatchEngine().snapshot(for: state)
        #expect(snapshot.rule.topK == snapshot.batch.classCount)
        var violators = 0
        for (i, sample) in snapshot.bdlmcl.samples.enumerated() {
            let violates = Self.handCount(snapshot.batch, i, margin: state.margin, k: 100).rank > 1
            if violates { violators += 1 }
            #expect(sample.selected == violates, "sample \(i)")
            #expect(sample.margin == (violates ? state.margin : 0), "sample \(i)")
            #expect(sample.counts, "sample \(i)")
        }
        #expect(violators > 0 && violators < snapshot.batch.sampleCount, "the batch should have violators and non-violators")
        #expect(snapshot.summary[.beyondTopK].count == 0)
        #expect(snapshot.summary[.boundary].count == violators)
    }

    @Test(arguments: [UnselectedTreatment.noMargin, .excluded])
    func whenEverySampleIsSelectedBDLMCLEqualsLMCL(_ rule: UnselectedTreatment) {
        // m = 2 puts every rival above cos θ_y − m, and k = C keeps every rank within k.
        let state = Self.state(k: 100, rule: rule, marginSteps: 200)
        let snapshot = BatchEngine().snapshot(for: state)
        #expect(snapshot.bdlmcl.samples.allSatisfy { $0.selected })
        #expect(snapshot.bdlmcl.countingSamples == snapshot.batch.sampleCount)
        #expect(abs(snapshot.bdlmcl.loss - snapshot.lmcl.loss) <= 1e-12 * snapshot.lmcl.loss)
        for region in BatchRegion.allCases {
            #expect(abs(snapshot.summary[region].bdlmclLoss - snapshot.summary[region].lmclLoss) <= 1e-12 * snapshot.lmcl.loss)
        }
    }

    @Test func aCachedSnapshotAfterChangingSMAndKEqualsAFreshOne() {
        let engine = BatchEngine()
        var state = Self.state()
        _ = engine.snapshot(for: state)
        for change in [
            { (s: inout ExplorerState) in s.scaleSteps = 4500 }, { $0.marginSteps = 20 }, { $0.batch.topK = 4 },
            { $0.batch.unselected = .excluded }, { $0.scaleSteps = 2000 }, { $0.batch.seed = 4 },
            // N alone: the rows both batches have keep their statistics (growing, shrinking, another m).
            { $0.batch.samples *= 2 }, { $0.batch.samples /= 4 }, { $0.marginSteps = 10 }, { $0.batch.samples += 7 },
        ] {
            change(&state)
            let cached = engine.snapshot(for: state), fresh = BatchEngine().snapshot(for: state)
            #expect(cached.batch == fresh.batch)
            #expect(cached.rule == fresh.rule)
            #expect(cached.lmcl.loss == fresh.lmcl.loss)
            #expect(cached.bdlmcl.loss == fresh.bdlmcl.loss)
            #expect(cached.bdlmcl.samples == fresh.bdlmcl.samples)
            #expect(cached.summary == fresh.summary)
        }
    }

    @Test func kIsClampedToTheClassesOfTheBatch() {
        var state = Self.state(k: 50)
        state.batch.classes = 10
        let snapshot = BatchEngine().snapshot(for: state)
        #expect(snapshot.rule.topK == 10)
    }
}
