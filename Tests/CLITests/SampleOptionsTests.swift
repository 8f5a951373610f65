import ArgumentParser
import Explorer
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
        #expect(options.loss == .bdlmcl && options.marginType == .arcFace && options.fallback == .clip)
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

    @Test func everyMarginTypeIsALossByItsOwnName() throws {
        // One source: --loss accepts softmax, each margin type of the explorer, bdlmcl.
        #expect(LossKind.allCases.map(\.rawValue) == ["softmax"] + MarginType.allCases.map(\.rawValue) + ["bdlmcl"])
        for type in MarginType.allCases {
            #expect(LossKind(rawValue: type.rawValue) == .margin(type))
        }
        #expect(LossKind(rawValue: "sphere") == nil)
    }

    @Test func familyOptionsNotGivenTakeTheSettingsTablesDefaults() throws {
        // The rows' defaults: SphereFace m = 4, λ = 5 (50 tenths); m₁ = 1, m₂ = 0.3, m₃ = 0.2.
        let sphere = try SampleOptions.parse(["--loss", "sphereface", "--cosines", "0.5,0.1"]).resolved()
        #expect(sphere.transform == .multiplicativeAngular(margin: 4, lambda: 5))
        let combined = try SampleOptions.parse(["--loss", "combined", "--m2", "0.5", "--cosines", "0.5,0.1"]).resolved()
        #expect(combined.transform == .combined(angleFactor: 1, angleMargin: 0.5, cosineMargin: 0.2))
        let bd = try SampleOptions.parse(["--loss", "bdlmcl", "--margin-type", "sphereface", "--lambda", "0", "--cosines", "0.5,0.1"])
            .resolved()
        #expect(bd.transform == .multiplicativeAngular(margin: 4, lambda: 0))
    }

    @Test func aFamilyOptionNamesTheLossesThatReadIt() throws {
        for (arguments, mentions) in [
            (["--loss", "arcface", "--lambda", "2"], ["--lambda applies to --loss sphereface", "--margin-type sphereface"]),
            (["--loss", "cosface", "--m3", "0.1"], ["--m3 applies to --loss combined", "not to --loss cosface"]),
            (["--loss", "bdlmcl", "--fallback", "clip"], ["--fallback applies to --loss arcface", "with --margin-type cosface"]),
            (["--loss", "combined", "--margin", "0.2"], ["--margin does not apply to the combined margin", "--m1, --m2 and --m3"]),
            (["--loss", "cosface", "--margin-type", "arcface"], ["--margin-type applies to --loss bdlmcl"]),
        ] {
            do {
                _ = try SampleOptions.parse(arguments + ["--cosines", "0.5,0.1"]).resolved()
                Issue.record("accepted \(arguments)")
            } catch let error as ValidationError {
                for text in mentions { #expect(error.message.contains(text), "\(error.message)") }
            }
        }
        #expect(throws: (any Error).self) { try SampleOptions.parse(["--margin-type", "normface"]) }
    }

    @Test func inputsGivenTwoWaysAreRefused() throws {
        // Refused while parsing (the group's validate()), before any command runs.
        #expect(throws: (any Error).self) { try SampleOptions.parse(["--cosines", "0.1,0.2", "--angles", "10,20"]) }
    }
}
