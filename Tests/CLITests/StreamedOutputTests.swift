import Foundation
import TestSupport
import Testing

/// `compute`'s batch output is written row by row, never built whole, and the large buffers are
/// checked before they are allocated: under `ulimit -v` a large output still comes out whole,
/// and a batch that cannot fit ends with one line and exit 71 (`EX_OSERR`) instead of an abort.
@Suite(.tags(.subprocess), TestRun.slow) struct StreamedOutputTests {
    /// 4096 × 2000 with the gradient is 183 MB of CSV; built whole (twice, as lines and then
    /// joined) it needed more than 800 MB, far beyond the 600 MB allowed here.
    @Test func aLargeGradientIsWrittenWholeUnderAMemoryLimit() throws {
        let binary = try #require(CLI.binary)
        // awk counts what arrived and checks a property of every gradient row (the entries of
        // a counting sample's row sum to zero), so the 183 MB never enter the test's memory.
        let script = """
            ulimit -v 600000
            { "$0" compute --batch-size 4096 --classes 2000 --gradients --format csv; echo "status $?" >&2; } |
            awk -F, 'NR == 1 { fields = NF; next }
                     { rows++; if (NF != fields) bad++; sum = 0; for (j = 9; j <= NF; j++) sum += $j;
                       if ($6 == 1 && (sum > 1e-12 || sum < -1e-12)) badsum++ }
                     END { print rows, fields, bad + 0, badsum + 0 }'
            """
        let run = try Spawn.shell(script, binary: binary)
        #expect(run.stderr.hasPrefix("status 0"), "\(run.stderr.prefix(400))")
        // 4096 rows of 8 columns and 2000 gradients, every row as wide as the header, every sum 0.
        #expect(run.stdout == "4096 2008 0 0\n", "\(run.stdout)")
    }

    @Test func aBatchThatCannotFitGivesOneLineAndExit71() throws {
        let binary = try #require(CLI.binary)
        let run = try Spawn.shell(
            "ulimit -v 300000; exec \"$0\" compute --batch-size 4096 --classes 10000 --gradients --format csv", binary: binary)
        #expect(run.status == 71, "exit \(run.status): \(run.stderr.prefix(400))")
        #expect(run.stdoutData.isEmpty)
        #expect(
            run.stderr.hasPrefix("marginscope compute: not enough memory for a synthetic batch of 4096×10000"), "\(run.stderr.prefix(400))")
        #expect(run.stderr.contains("smaller --batch-size"), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr.prefix(400))")
    }
}
