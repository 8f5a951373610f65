import Foundation
import TestSupport
import Testing

/// `compute` compares what the user typed: a decimal tie on cos θ_y − m counts for the target.
@Suite(.tags(.subprocess), TestRun.slow) struct DecimalTieCLITests {
    @Test func aTypedTieOnTheMarginAdjustedTargetRanksTheTargetFirst() throws {
        // 0.15 − 0.1 rounds to 0.04999999999999999 < 0.05; before the tie tolerance this printed rank 2.
        let run = try CLI.run(["--loss", "bdlmcl", "--cosines", "0.15,0.05,0", "--margin", "0.1", "--top-k", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rank 1 of 3 among the margin-adjusted scores: margin satisfied"), "\(run.stdout)")
    }

    @Test func theBatchPathRanksTheSameTypedTieFirst() throws {
        let run = try CLI.run(
            ["--loss", "bdlmcl", "--margin", "0.1", "--top-k", "2", "--batch", "-"],
            stdin: Data("0,0.15,0.05,0\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let row = run.stdout.split(separator: "\n").first { $0.hasPrefix("     0") }
        let fields = try #require(row).split(separator: " ")
        #expect(fields.count > 2 && fields[2] == "1", "\(run.stdout)")
    }
}

/// `compute --batch` prints tiny gradient norms, not 0.
@Suite(.tags(.subprocess), TestRun.slow) struct TinyGradientNormCLITests {
    @Test func aNormFarBelowTheSquareUnderflowIsPrintedWithItsValue() throws {
        // √2·1000·e^{−391}/(1 + e^{−391}) = 2.1947e−167 (mpmath); it printed 0.000000.
        let run = try CLI.run(["--loss", "normface", "--scale", "1000", "--batch", "-"], stdin: Data("0,0.691,0.3\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2.195e-167"), "\(run.stdout)")
    }
}
