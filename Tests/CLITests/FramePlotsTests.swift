import Foundation
import TestSupport
import Testing

/// `frame` reaches the zoomed plots and takes `--theme` like `explore`.
@Suite(.tags(.subprocess), TestRun.slow) struct FramePlotsTests {
    @Test func zShowsTheTargetLogitAgainstCosThetaAloneWithItsShiftLabelled() throws {
        let run = try CLI.run(["--size", "80x24", "--keys", "z"], subcommand: "frame")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("target logit vs cos θ_y"))
        #expect(run.stdout.contains("Δcos 0.35 = 22.7° at θ_y"))
        #expect(run.stdout.contains("rival 1"))
        #expect(run.stdout.contains("⠤●⠤ s·cos θ") && run.stdout.contains("⠄▲⠄ s·(cos θ − m)"))
        #expect(lines[23].hasPrefix("s 30, m 0.35: cos θ_y 0.620, z_y 8.10, z_1 15.00, p_y 0.0010, L 6.901"))
    }

    @Test func everyThemeIsAcceptedAndAnUnknownOneIsRefusedWithTheFourNames() throws {
        for theme in ["dark", "light", "mono", "contrast"] {
            let run = try CLI.run(["--theme", theme, "--keys", "z"], subcommand: "frame")
            #expect(run.status == 0, "\(theme): \(run.stderr)")
        }
        let bad = try CLI.run(["--theme", "sepia"], subcommand: "frame")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'sepia'") && bad.stderr.contains("'dark', 'light', 'mono' or 'contrast'"), "\(bad.stderr)")
    }
}
