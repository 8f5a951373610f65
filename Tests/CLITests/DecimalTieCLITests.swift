import Foundation
import Testing

/// `compute` compares what the user typed: a decimal tie on cos θ_y − m counts for the target.
@Suite struct DecimalTieCLITests {
    @Test func aTypedTieOnTheMarginAdjustedTargetRanksTheTargetFirst() throws {
        // 0.15 − 0.1 rounds to 0.04999999999999999 < 0.05; before the tie tolerance this printed rank 2.
        let run = try CLI.run(["--loss", "bdlmcl", "--cosines", "0.15,0.05,0", "--margin", "0.1", "--top-k", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rank 1 of 3 among the margin-adjusted scores: margin satisfied"), "\(run.stdout)")
    }

    @Test func theBatchPathRanksTheSameTypedTieFirst() throws {
        let run = try CLI.run(["--loss", "bdlmcl", "--margin", "0.1", "--top-k", "2", "--batch", "-"],
                              stdin: Data("0,0.15,0.05,0\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let row = run.stdout.split(separator: "\n").first { $0.hasPrefix("     0") }
        let fields = try #require(row).split(separator: " ")
        #expect(fields.count > 2 && fields[2] == "1", "\(run.stdout)")
    }
}
