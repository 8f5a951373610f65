import Foundation
import TestSupport
import Testing

/// `frame` (and so `explore`) takes the margin family's options as `compute` does.
@Suite(.tags(.subprocess), TestRun.slow) struct FrameMarginFamilyTests {
    static func frame(_ arguments: [String]) throws -> RunResult {
        try CLI.run(["--size", "80x24"] + arguments, subcommand: "frame")
    }

    @Test func arcFaceWithAFallbackOpensTheCosineScreenOnArcFace() throws {
        let run = try Self.frame([
            "--loss", "arcface", "--fallback", "continuous", "--margin", "0.5", "--scale", "64",
            "--cosines", "0.62,0.35,-0.2,0.1",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ArcFace (continuous)"))
        // A1 (any fallback: cos θ_y = 0.62 is above the switch): L = 11.651654058755.
        #expect(run.stdout.contains("11.6517"))
    }

    @Test func adacosIsRoundedToTheScaleGridAndTheStatusLineSaysSo() throws {
        let run = try Self.frame(["--loss", "normface", "--scale", "adacos", "--cosines", "0.62,0.35,-0.2,0.1"])
        #expect(run.status == 0, "\(run.stderr)")
        // √2·ln 3 = 1.5537 (MARGINS D1), on the s grid 1.55.
        #expect(run.stdout.contains("1.5537, rounded to s = 1.55"))
    }

    @Test func theCompareScreenOpensWithScreenCompare() throws {
        let run = try Self.frame(["--screen", "compare"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Losses on the sample") && run.stdout.contains("SphereFace"))
    }

    @Test func anOptionTheLossDoesNotReadIsRefusedWithExit64() throws {
        let run = try Self.frame(["--loss", "cosface", "--lambda", "5", "--cosines", "0.6,0.5"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--lambda") && run.stderr.contains("sphereface"))
    }
}
