import ArgumentParser
import LossMath
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
        let margin = try SampleOptions.parse(["--margin", "-0.1"])
        #expect(margin.margin == -0.1)
        #expect(throws: ValidationError.self) { try margin.resolved(defaults: .compute) }
    }

    @Test func valuesAreTyped() throws {
        let options = try SampleOptions.parse([
            "--loss", " BDLMCL ", "--margin-type", "arcface", "--fallback", "Clip", "--scale", "AdaCos", "--margin", "0.5",
            "--cosines", "0.5,0.25,-0.125",
        ])
        #expect(options.loss == .bdlmcl && options.marginType == .arcface && options.fallback == .clip)
        #expect(options.scale == .adacos && options.margin == 0.5)
        #expect(options.cosines == NumberList([0.5, 0.25, -0.125]))
        let sample = try options.resolved()
        // AdaCos's fixed scale for C = 3 classes: √2·ln 2.
        #expect(abs(sample.scale - 2.0.squareRoot() * 0.693_147_180_559_945_3) < 1e-15)
        #expect(sample.transform == .additiveAngular(margin: 0.5, fallback: .clip))
    }

    @Test func sphereFacesIntegerMarginGoesThroughMargin() throws {
        let sample = try SampleOptions.parse(["--loss", "sphereface", "--margin", "3", "--lambda", "2.5", "--cosines", "0.5,0.1"])
            .resolved()
        #expect(sample.transform == .multiplicativeAngular(margin: 3, lambda: 2.5))
        #expect(throws: ValidationError.self) {
            try SampleOptions.parse(["--loss", "sphereface", "--margin", "2.5", "--cosines", "0.5,0.1"]).resolved()
        }
    }

    @Test func inputsGivenTwoWaysAreRefused() throws {
        // Refused while parsing (the group's validate()), before any command runs.
        #expect(throws: (any Error).self) { try SampleOptions.parse(["--cosines", "0.1,0.2", "--angles", "10,20"]) }
    }
}
