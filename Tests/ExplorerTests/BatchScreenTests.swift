import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The batch screen as drawn: snapshots at 80×24 and 160×48, what it must always
/// show, the mouse, and the edge cases (N = 1, C = 2, a file batch).
@Suite struct BatchScreenTests {
    static func app(
        _ state: ExplorerState = BatchNumbersTests.state(), width: Int, height: Int,
        glyphs: GlyphSet = .unicode, file: CosineBatch? = nil
    ) -> ExplorerApp {
        let app = ExplorerApp(state: state, glyphs: glyphs, batchEngine: BatchEngine(file: file))
        app.handle(.resize(width: width, height: height))
        return app
    }

    static func frame(
        _ state: ExplorerState = BatchNumbersTests.state(), width: Int, height: Int,
        glyphs: GlyphSet = .unicode, file: CosineBatch? = nil, keys: [Key] = []
    ) -> String {
        let app = app(state, width: width, height: height, glyphs: glyphs, file: file)
        for k in keys { app.handle(.key(k)) }
        return app.render().text
    }

    /// A 4 × 3 batch by hand: sample 0 satisfies the margin, 1 is a boundary sample
    /// (rank 2), 2 is beyond k = 2 (rank 3), 3 is a boundary sample.
    static let fileBatch = CosineBatch(
        labels: [0, 1, 2, 0],
        cosines: [0.9, 0.2, 0.1, 0.5, 0.6, 0.1, 0.3, 0.2, 0.4, 0.4, 0.3, 0.35],
        classCount: 3)

    @Test func theScreenMatchesItsSnapshotAt80x24() {
        assertSnapshot(Self.frame(width: 80, height: 24), named: "batch-screen-80x24")
    }

    @Test func theScreenMatchesItsSnapshotAt160x48() {
        // Three samples down, so the table's highlighted row and the scatter's ◆ move off the first sample.
        assertSnapshot(
            Self.frame(width: 160, height: 48, keys: Array(repeating: .character("]"), count: 3)),
            named: "batch-screen-160x48")
    }

    @Test func theASCIIScreenMatchesItsSnapshotAndIsASCII() {
        let text = Self.frame(width: 80, height: 24, glyphs: .ascii)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII character in the --ascii frame")
        assertSnapshot(text, named: "batch-screen-80x24-ascii")
    }

    @Test func aFileBatchShowsTheFileNameInsteadOfSeedAndSpread() {
        var state = BatchNumbersTests.state()
        state.batch.file = "/data/voxceleb-cosines.csv"
        state.batch.samples = 4
        state.batch.classes = 3
        let text = Self.frame(state, width: 80, height: 24, file: Self.fileBatch)
        #expect(text.contains("voxceleb-cosines.csv"))
        #expect(!text.contains("seed"))
        #expect(!text.contains("spread"))
        assertSnapshot(text, named: "batch-screen-file-80x24")
    }

    @Test func theFileBatchRegionsAreTheHandCountedOnes() {
        var state = BatchNumbersTests.state()
        state.batch.file = "hand.csv"
        let snapshot = BatchEngine(file: Self.fileBatch).snapshot(for: state)
        // Ranks by hand with m = 0.35: 0.9−0.35 = 0.55 beats 0.2, 0.1 → 1; 0.6−0.35 = 0.25 < 0.5 → 2;
        // 0.4−0.35 = 0.05 < 0.3, 0.2 → 3; 0.4−0.35 = 0.05 < 0.3, 0.35 → 3.
        #expect(snapshot.bdlmcl.samples.map(\.rank) == [1, 2, 3, 3])
        #expect(snapshot.summary[.satisfied].count == 1)
        #expect(snapshot.summary[.boundary].count == 1)
        #expect(snapshot.summary[.beyondTopK].count == 2)
    }

    @Test func at80x24TheSettingsRegionsLossesAndScatterAreAllShown() {
        let state = BatchNumbersTests.state()
        let text = Self.frame(state, width: 80, height: 24)
        let snapshot = BatchEngine().snapshot(for: state)
        for label in [
            "s ", "m ", "k ", "rule", "N ", "C ", "spread", "seed", "satisfied", "boundary", "beyond k",
            "batch loss", "LMCL", "BD-LMCL", "cos θ_y",
        ] {
            #expect(text.contains(label), "80x24 misses '\(label)'")
        }
        // Both batch losses, as the regions panel prints them (3 decimals).
        #expect(text.contains(String(format: "%.3f", snapshot.lmcl.loss)))
        #expect(text.contains(String(format: "%.3f", snapshot.bdlmcl.loss)))
        for region in BatchRegion.allCases {
            #expect(text.contains("\(snapshot.summary[region].count)"))
        }
    }

    @Test(arguments: [(1, 2), (1, 100), (8, 2), (64, 10_000)])
    func smallAndExtremeBatchesDrawWithoutNaNOrInfinity(_ samples: Int, _ classes: Int) {
        var state = BatchNumbersTests.state()
        state.batch.samples = samples
        state.batch.classes = classes
        for (w, h) in [(80, 24), (160, 48)] {
            let text = Self.frame(state, width: w, height: h).lowercased()
            #expect(!text.contains("nan") && !text.contains("inf"), "N = \(samples), C = \(classes) at \(w)x\(h)")
            #expect(text.contains("\(samples)"))
        }
    }

    @Test func clickingATableRowSelectsThatSample() throws {
        let state = BatchNumbersTests.state()
        let snapshot = BatchEngine().snapshot(for: state)
        var sized = state
        sized.width = 160
        sized.height = 48
        let hits = Frame.render(sized, glyphs: .unicode, batch: snapshot).hits
        let row = try #require(hits.regions.first { $0.target == .sample(5) })
        let app = Self.app(state, width: 160, height: 48)
        _ = app.render()
        app.handle(.mouse(MouseEvent(.press, .left, x: row.rect.x + 3, y: row.rect.y)))
        #expect(app.state.batch.selectedSample == 5)
    }

    @Test func draggingOnTheMarginSliderSetsTheMargin() throws {
        let app = Self.app(width: 80, height: 24)
        _ = app.render()
        var sized = app.state
        sized.width = 80
        let hits = Frame.render(sized, glyphs: .unicode, batch: BatchEngine().snapshot(for: sized)).hits
        let slider = try #require(
            hits.regions.first {
                if case .slider(.margin, _, _) = $0.target { return true } else { return false }
            })
        // The right end of the track is the slider's upper bound, m = 1.
        app.handle(.mouse(MouseEvent(.drag, .left, x: slider.rect.maxX - 1, y: slider.rect.y)))
        #expect(app.state.marginSteps == 100)
        #expect(app.state.focusedField == .margin)
    }

    @Test func everySettingOfTheScreenHasAClickableRow() {
        let state = BatchNumbersTests.state()
        let hits = Frame.render(
            {
                var s = state; s.width = 80; s.height = 24; return s
            }(), glyphs: .unicode,
            batch: BatchEngine().snapshot(for: state)
        ).hits
        for field in state.fields(on: .batch) {
            #expect(hits.regions.contains { $0.target == .field(field) }, "no click target for \(field)")
        }
    }

    @Test func theTableKeepsTheSelectedSampleInView() {
        #expect(BatchTable.firstRow(selected: 0, visibleRows: 10, count: 256) == 0)
        #expect(BatchTable.firstRow(selected: 100, visibleRows: 10, count: 256) == 95)
        #expect(BatchTable.firstRow(selected: 255, visibleRows: 10, count: 256) == 246)
        #expect(BatchTable.firstRow(selected: 3, visibleRows: 10, count: 4) == 0)
        var state = BatchNumbersTests.state()
        state.batch.selectedSample = 200
        let text = Self.frame(state, width: 160, height: 48)
        #expect(text.contains("Sample 200 of 256"))
        #expect(text.contains("  200 "), "row 200 should be in the table")
    }
}
