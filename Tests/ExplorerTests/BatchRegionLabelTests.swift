import Foundation
import LossMath
import TerminalUI
import Testing

@testable import Explorer

/// The region table's loss columns are each region's part of the batch loss: they sum to
/// the batch loss, and the screen says "part of the loss" at every width.
@Suite struct BatchRegionLabelTests {
    @Test(arguments: [80, 100, 119, 120, 160])
    func theLossColumnsAreLabelledAsPartsOfTheBatchLoss(_ width: Int) {
        let text = BatchScreenTests.frame(width: width, height: width >= 120 ? 40 : 24, file: BatchScreenTests.fileBatch)
        #expect(text.contains("part of the loss"), "at \(width) columns:\n\(text)")
    }

    @Test func thePartsSumToTheBatchLoss() {
        // The hand batch: the parts are the region's summed terms over the counting samples.
        let state = BatchNumbersTests.state()
        let engine = BatchEngine(file: BatchScreenTests.fileBatch)
        let snapshot = engine.snapshot(for: state)
        let parts = BatchRegion.allCases.map { snapshot.summary[$0].lmclLoss }.reduce(0, +)
        #expect(abs(parts - snapshot.lmcl.loss) < 1e-12)
        let bdParts = BatchRegion.allCases.map { snapshot.summary[$0].bdlmclLoss }.reduce(0, +)
        #expect(abs(bdParts - snapshot.bdlmcl.loss) < 1e-12)
    }
}
