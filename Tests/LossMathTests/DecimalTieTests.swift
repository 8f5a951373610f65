import LossMath
import Testing

/// A rival typed equal to `cos θ_y − m` ties with the target, although binary rounds the
/// difference of the decimals: the tie counts for the target in every path.
@Suite("BD-LMCL ties as typed")
struct DecimalTieTests {
    /// Cosines on the explorer's 0.001 grid and margins on its 0.01 grid, each the nearest
    /// Double to its decimal (an integer divided once, as the grids and a parser produce them).
    static let cases: [(target: Double, margin: Double, tie: Double, above: Double)] = {
        var list: [(Double, Double, Double, Double)] = []
        for mi in stride(from: 1, through: 60, by: 1) {
            for ci in stride(from: -400, through: 990, by: 7) where ci - 10 * mi >= -1000 {
                list.append(
                    (
                        Double(ci) / 1000, Double(mi) / 100,
                        Double(ci - 10 * mi) / 1000, Double(ci - 10 * mi + 1) / 1000
                    ))
            }
        }
        return list
    }()

    @Test func theIssuesExampleRanksTheTargetFirst() {
        // 0.15 − 0.1 = 0.04999999999999999 in binary, below 0.05: typed, it is a tie.
        #expect(0.15 - 0.1 < 0.05)
        let batch = CosineBatch(labels: [0], cosines: [0.15, 0.05, 0], classCount: 3)
        let result = BatchLoss.bdlmcl(batch, rule: BoundaryRule(scale: 30, margin: 0.1, topK: 2), gradient: true)
        #expect(result.samples[0].rank == 1)
        #expect(!result.samples[0].selected)
    }

    @Test func everyDecimalTieRanksFirstAndOneGridStepAboveRanksSecond() {
        // Some of these ties round against the target without the tolerance (0.15 − 0.1 among them).
        #expect(Self.cases.contains { $0.target - $0.margin < $0.tie })
        let labels = [Int](repeating: 0, count: Self.cases.count)
        let ties = CosineBatch(labels: labels, cosines: Self.cases.flatMap { [$0.target, $0.tie, -1] }, classCount: 3)
        let above = CosineBatch(labels: labels, cosines: Self.cases.flatMap { [$0.target, $0.above, -1] }, classCount: 3)
        for c in Self.cases {
            let rule = BoundaryRule(scale: 30, margin: c.margin, topK: 2)
            let one = CosineBatch(labels: [0], cosines: [c.target, c.tie, -1], classCount: 3)
            #expect(
                BatchLoss.bdlmcl(one, rule: rule, gradient: false).samples[0].rank == 1,
                "cos θ_y = \(c.target), m = \(c.margin), rival = \(c.tie)")
            #expect(BatchLoss.lmcl(one, scale: 30, margin: c.margin, gradient: false).samples[0].rank == 1)
        }
        for margin in Set(Self.cases.map(\.margin)) {
            let rule = BoundaryRule(scale: 30, margin: margin, topK: 2)
            let tieCache = BatchScaleCache(batch: ties, scale: 30)
            let aboveCache = BatchScaleCache(batch: above, scale: 30)
            let rows = Self.cases.indices.filter { Self.cases[$0].margin == margin }
            let direct = BatchLoss.bdlmcl(ties, rule: rule, gradient: true)
            let cached = tieCache.bdlmcl(rule: rule)
            let directAbove = BatchLoss.bdlmcl(above, rule: rule, gradient: false)
            let cachedAbove = aboveCache.lmcl(margin: margin)
            for i in rows {
                #expect(direct.samples[i].rank == 1, "m = \(margin), row \(Self.cases[i])")
                #expect(cached.samples[i].rank == 1, "m = \(margin), row \(Self.cases[i])")
                #expect(directAbove.samples[i].rank == 2, "m = \(margin), row \(Self.cases[i])")
                #expect(cachedAbove.samples[i].rank == 2, "m = \(margin), row \(Self.cases[i])")
            }
        }
    }

    @Test func theToleranceNeverRanksARivalThatIsReallyAboveAsATie() {
        // The closest rival two cosines typed with 15 decimals can be: still counted.
        let batch = CosineBatch(labels: [0], cosines: [0.5, 0.150000000000001, 0], classCount: 3)
        let rule = BoundaryRule(scale: 30, margin: 0.35, topK: 2)
        #expect(BatchLoss.bdlmcl(batch, rule: rule, gradient: false).samples[0].rank == 2)
        #expect(BatchScaleCache(batch: batch, scale: 30).bdlmcl(rule: rule).samples[0].rank == 2)
    }

    @Test func anArcFaceTieWithTheTransformedTargetStillCountsForTheTarget() {
        // f(c) = cos(θ + m) is formed once; a rival equal to it ties, one a cosine step above does not.
        let target = 0.62
        let f = TargetTransform.additiveAngular(margin: 0.5, fallback: .none).value(target)
        let rule = BoundaryRule(scale: 64, transform: .additiveAngular(margin: 0.5, fallback: .none), topK: 2)
        let tie = CosineBatch(labels: [0], cosines: [target, f, 0], classCount: 3)
        let above = CosineBatch(labels: [0], cosines: [target, f + 0.001, 0], classCount: 3)
        #expect(BatchLoss.bdlmcl(tie, rule: rule, gradient: false).samples[0].rank == 1)
        #expect(BatchScaleCache(batch: tie, scale: 64).bdlmcl(rule: rule).samples[0].rank == 1)
        #expect(BatchLoss.bdlmcl(above, rule: rule, gradient: false).samples[0].rank == 2)
        #expect(BatchScaleCache(batch: above, scale: 64).bdlmcl(rule: rule).samples[0].rank == 2)
    }
}
