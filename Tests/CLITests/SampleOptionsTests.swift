import ArgumentParser
import Testing

@testable import MarginScopeCLI

/// `SampleOptions`, the option group the explorer and `compute` share.
@Suite struct SampleOptionsTests {
    @Test func logitsAloneMeanSoftmax() throws {
        let sample = try SampleOptions.parse(["--logits", "1,2,3", "--target", "2"]).resolved()
        #expect(sample.loss == .softmax)
        #expect(sample.inputs == [1, 2, 3])
        #expect(sample.target == 2)
    }

    @Test func anglesBecomeCosinesAndAreKept() throws {
        let sample = try SampleOptions.parse(["--angles", "0,90,180"]).resolved()
        #expect(sample.loss == .cosface)
        #expect(sample.angles == [0, 90, 180])
        #expect(sample.inputs[0] == 1 && abs(sample.inputs[1]) < 1e-15 && sample.inputs[2] == -1)
    }

    @Test func absentOptionsKeepTheCallersDefaults() throws {
        let defaults = SampleDefaults(loss: .cosface, scale: 64, margin: 0.2, target: 1, inputs: [0.1, 0.7, 0.3, -0.2])
        let options = try SampleOptions.parse([])
        #expect(!options.hasInputs)
        let sample = try options.resolved(defaults: defaults)
        #expect(sample == ResolvedSample(loss: .cosface, scale: 64, margin: 0.2, target: 1, inputs: [0.1, 0.7, 0.3, -0.2]))
        let changed = try SampleOptions.parse(["--margin", "0.5", "--loss", "normface"])
        #expect(throws: ValidationError.self) { try changed.resolved(defaults: defaults) }
        let scaled = try SampleOptions.parse(["--scale=12.5", "--margin=-0"]).resolved(defaults: defaults)
        #expect(scaled.scale == 12.5 && scaled.margin == 0)
    }

    @Test func negativeValuesAreReadAsValuesNotOptions() throws {
        let sample = try SampleOptions.parse(["--cosines", "-0.5,0.25", "--target", "1"]).resolved()
        #expect(sample.inputs == [-0.5, 0.25])
    }

    @Test func inputsGivenTwoWaysAreRefused() throws {
        let options = try SampleOptions.parse(["--cosines", "0.1,0.2", "--angles", "10,20"])
        #expect(throws: ValidationError.self) { try options.resolved() }
    }
}
