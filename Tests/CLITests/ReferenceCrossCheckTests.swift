import Foundation
import LossMath
import TestSupport
import Testing

/// The Swift results against Scripts/reference.py, an independent float64 numpy
/// implementation written from Docs/Math.md: agreement to 1e-10 relative.
/// The margin family is compared through `compute`'s JSON, every loss and fallback.
@Suite(
    .enabled(if: Reference.isAvailable, "python3 with numpy is needed for the reference cross-check (Scripts/reference.py)"),
    .tags(.subprocess, .reference), TestRun.slow)
struct ReferenceCrossCheckTests {
    struct SampleCase: CustomTestStringConvertible, Sendable {
        var loss: String
        var topK: Int?
        var unselected: String?
        var useAngles = false
        var seed: UInt64
        var testDescription: String {
            "\(loss) k=\(topK.map(String.init) ?? "-") \(unselected ?? "") \(useAngles ? "angles" : "") seed \(seed)"
        }
    }

    static let sampleCases: [SampleCase] = {
        var cases: [SampleCase] = [
            SampleCase(loss: "softmax", seed: 1),
            SampleCase(loss: "softmax", seed: 2),
            SampleCase(loss: "normface", seed: 3),
            SampleCase(loss: "normface", useAngles: true, seed: 4),
            SampleCase(loss: "cosface", seed: 5),
            SampleCase(loss: "cosface", useAngles: true, seed: 6),
        ]
        var seed: UInt64 = 100
        for k in [2, 3, 5] {
            for treatment in ["no-margin", "excluded"] {
                for _ in 0..<2 {
                    seed += 1
                    cases.append(SampleCase(loss: "bdlmcl", topK: k, unselected: treatment, seed: seed))
                }
            }
        }
        return cases
    }()

    @Test(arguments: sampleCases)
    func sampleAgreesWithTheReference(_ c: SampleCase) throws {
        var random = SeededGenerator(seed: c.seed)
        let classes = Int.random(in: 5...9, using: &random)
        var arguments = ["--loss", c.loss, "--target", String(Int.random(in: 0..<classes, using: &random))]
        if c.loss == "softmax" {
            let logits = (0..<classes).map { _ in Double.random(in: -20...20, using: &random) }
            arguments += ["--logits=" + logits.map { "\($0)" }.joined(separator: ",")]
        } else {
            let scale = Double.random(in: 5...64, using: &random)
            arguments += ["--scale", "\(scale)"]
            if c.loss != "normface" { arguments += ["--margin", "\(Double.random(in: 0...0.6, using: &random))"] }
            if c.useAngles {
                arguments += [
                    "--angles=" + (0..<classes).map { _ in "\(Double.random(in: 0...180, using: &random))" }.joined(separator: ",")
                ]
            } else {
                arguments += [
                    "--cosines=" + (0..<classes).map { _ in "\(Double.random(in: -1...1, using: &random))" }.joined(separator: ",")
                ]
            }
        }
        if let k = c.topK { arguments += ["--top-k", String(k)] }
        if let u = c.unselected { arguments += ["--unselected", u] }

        let swift = try jsonObject(CLI.run(arguments + ["--format", "json"]).stdoutData)
        let reference = try jsonObject(Reference.run(arguments).stdoutData)
        for key in ["loss"] { try expectClose(swift[key], reference[key], key) }
        for key in ["inputs", "logits", "probabilities", "gradient"] { try expectClose(swift[key], reference[key], key) }
        if c.loss == "bdlmcl" {
            for key in ["rank", "selected", "counts"] {
                #expect(swift[key] as? NSObject == reference[key] as? NSObject, "\(key)")
            }
            try expectClose(swift["appliedMargin"], reference["appliedMargin"], "appliedMargin")
        }
    }

    struct BatchCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let batchCases: [BatchCase] = [
        BatchCase(arguments: [
            "--loss", "bdlmcl", "--scale", "30", "--margin", "0.35", "--top-k", "2", "--unselected", "no-margin", "--gradients",
        ]),
        BatchCase(arguments: ["--loss", "bdlmcl", "--scale", "30", "--margin", "0.35", "--top-k", "5", "--unselected", "excluded"]),
        BatchCase(arguments: ["--loss", "cosface", "--scale", "64", "--margin", "0.2"]),
    ]

    /// The default 256 × 1000 synthetic batch, read from one file by both implementations.
    @Test(arguments: batchCases)
    func batchAgreesWithTheReference(_ c: BatchCase) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", SharedBatch.csv)
        let arguments = c.arguments + ["--batch", path]
        let swiftRun = try CLI.run(arguments + ["--format", "json"])
        #expect(swiftRun.status == 0, "\(swiftRun.stderr)")
        let swift = try jsonObject(swiftRun.stdoutData)
        let reference = try jsonObject(Reference.run(arguments).stdoutData)
        try expectClose(swift["loss"], reference["loss"], "loss")
        let a = try #require(swift["samples"] as? [[String: Any]])
        let b = try #require(reference["samples"] as? [[String: Any]])
        #expect(a.count == 256 && b.count == 256)
        var mismatches = 0
        for (x, y) in zip(a, b) {
            if x["label"] as? Int != y["label"] as? Int || x["rank"] as? Int != y["rank"] as? Int
                || x["selected"] as? Bool != y["selected"] as? Bool
            {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        try expectClose(a.map { $0["loss"] as Any }, b.map { $0["loss"] as Any }, "sample losses")
        try expectClose(a.map { $0["margin"] as Any }, b.map { $0["margin"] as Any }, "sample margins")
        if c.arguments.contains("--gradients") {
            let ga = try #require(swift["gradient"] as? [[Double]])
            let gb = try #require(reference["gradient"] as? [[Double]])
            #expect(ga.count == 256 && ga.allSatisfy { $0.count == 1000 })
            try expectClose(ga.flatMap { $0 }, gb.flatMap { $0 }, "gradient")
        }
    }

    struct MarginCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var transform: TargetTransform
        var seed: UInt64 = 0
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let marginCases: [MarginCase] = {
        var cases: [MarginCase] = []
        for fallback in ArcFaceFallback.allCases {
            for m in [0.2, 0.5] {
                cases.append(
                    MarginCase(
                        arguments: ["--loss", "arcface", "--margin", "\(m)", "--fallback", fallback.rawValue],
                        transform: .additiveAngular(margin: m, fallback: fallback)))
            }
        }
        for (m, lambda) in [(4, 0.0), (4, 5.0), (2, 1.5), (3, 0.0)] {
            cases.append(
                MarginCase(
                    arguments: ["--loss", "sphereface", "--margin", "\(m)", "--lambda", "\(lambda)"],
                    transform: .multiplicativeAngular(margin: m, lambda: lambda)))
        }
        for (m1, m2, m3) in [(1.0, 0.3, 0.2), (0.9, 0.4, 0.15), (1.35, 0.0, 0.0)] {
            cases.append(
                MarginCase(
                    arguments: ["--loss", "combined", "--m1", "\(m1)", "--m2", "\(m2)", "--m3", "\(m3)"],
                    transform: .combined(angleFactor: m1, angleMargin: m2, cosineMargin: m3)))
        }
        for i in cases.indices { cases[i].seed = 500 + UInt64(i) }
        return cases
    }()

    /// `compute` on random samples (the target's cosine sometimes exactly 1 or −1, the cone
    /// points) and on a small batch under BD-LMCL with the same margin (`--margin-type`).
    @Test(arguments: marginCases)
    func marginFamilyAgreesWithTheReference(_ c: MarginCase) throws {
        var random = SeededGenerator(seed: c.seed)
        for trial in 0..<3 {
            let classes = Int.random(in: 3...8, using: &random)
            let target = Int.random(in: 0..<classes, using: &random)
            let scale = Double.random(in: 5...64, using: &random)
            var cosines = (0..<classes).map { _ in Double.random(in: -0.98...0.98, using: &random) }
            if trial == 1 { cosines[target] = 1 }
            if trial == 2 { cosines[target] = -1 }
            let arguments =
                c.arguments + [
                    "--scale", "\(scale)", "--target", "\(target)",
                    "--cosines=" + cosines.map { "\($0)" }.joined(separator: ","),
                ]
            let reference = try jsonObject(Reference.run(arguments).stdoutData)
            let run = try CLI.run(arguments + ["--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let swift = try jsonObject(run.stdoutData)
            for key in ["loss", "logits", "probabilities", "angleGradient"] { try expectClose(swift[key], reference[key], key) }
            let gradient = try #require(reference["gradient"] as? [Any])
            let swiftGradient = try #require(swift["gradient"] as? [Any])
            #expect(swiftGradient.count == classes)
            for j in 0..<classes {
                if gradient[j] is NSNull || swiftGradient[j] is NSNull {
                    #expect(gradient[j] is NSNull && swiftGradient[j] is NSNull && j == target, "gradient \(j): null in one only")
                    #expect(swift["note"] is String, "a null gradient comes with a note")
                } else {
                    try expectClose(swiftGradient[j], gradient[j], "gradient \(j)")
                }
            }
        }
        // BD-LMCL with this margin on a small batch.
        let b = 40, classes = 6
        var labels: [Int] = [], values: [Double] = [], csv = ""
        for _ in 0..<b {
            let y = Int.random(in: 0..<classes, using: &random)
            var row = (0..<classes).map { _ in Double.random(in: -0.6...0.6, using: &random) }
            row[y] = Double.random(in: -0.3...0.95, using: &random)
            labels.append(y)
            values += row
            csv += "\(y)," + row.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        let directory = try TemporaryDirectory()
        let path = try directory.file("batch.csv", csv)
        let marginType = c.arguments[1]
        let batchArguments =
            [
                "--loss", "bdlmcl", "--margin-type", marginType, "--scale", "20", "--top-k", "3",
                "--gradients", "--batch", path,
            ] + Array(c.arguments.dropFirst(2))
        let reference = try jsonObject(Reference.run(batchArguments).stdoutData)
        let run = try CLI.run(batchArguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let swift = try jsonObject(run.stdoutData)
        try expectClose(swift["loss"], reference["loss"], "batch loss")
        let samples = try #require(reference["samples"] as? [[String: Any]])
        let swiftSamples = try #require(swift["samples"] as? [[String: Any]])
        #expect(swiftSamples.count == b && labels.count == b && values.count == b * classes)
        #expect(swiftSamples.map { $0["rank"] as? Int ?? -1 } == samples.map { $0["rank"] as? Int ?? -1 })
        #expect(swiftSamples.map { $0["selected"] as? Bool ?? false } == samples.map { $0["selected"] as? Bool ?? false })
        try expectClose(swiftSamples.map { $0["loss"] as Any }, samples.map { $0["loss"] as Any }, "sample losses")
        let gradient = try #require(reference["gradient"] as? [[Double]])
        let swiftGradient = try #require(swift["gradient"] as? [[Double]])
        try expectClose(swiftGradient.flatMap { $0 }, gradient.flatMap { $0 }, "batch gradient")
    }

    /// |a − b| ≤ 1e-10 · max(1, |b|), elementwise for arrays.
    func expectClose(_ a: Any?, _ b: Any?, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let x = try #require(a.flatMap(Self.numbers), "\(name) missing in Swift output", sourceLocation: sourceLocation)
        let y = try #require(b.flatMap(Self.numbers), "\(name) missing in reference output", sourceLocation: sourceLocation)
        #expect(x.count == y.count, "\(name) length", sourceLocation: sourceLocation)
        var worst = 0.0
        for (u, v) in zip(x, y) { worst = max(worst, abs(u - v) / max(1, abs(v))) }
        #expect(worst <= 1e-10, "\(name): worst relative difference \(worst)", sourceLocation: sourceLocation)
    }

    static func numbers(_ value: Any) -> [Double]? {
        if let array = value as? [Double] { return array }
        if let array = value as? [Any] {
            let numbers = array.compactMap { ($0 as? NSNumber)?.doubleValue }
            return numbers.count == array.count ? numbers : nil
        }
        if let array = value as? [NSNumber] { return array.map(\.doubleValue) }
        if let number = value as? NSNumber { return [number.doubleValue] }
        if let number = value as? Double { return [number] }
        return nil
    }
}

/// Scripts/reference.py, run with python3.
enum Reference {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/reference.py")

    /// `env` finds python3 on PATH, as a user's shell would (pyenv, Homebrew, /usr/bin).
    static let env = URL(fileURLWithPath: "/usr/bin/env")

    static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: script.path) else { return false }
        return (try? Subprocess.run(env, ["python3", "-c", "import numpy"]).status) == 0
    }()

    static func run(_ arguments: [String]) throws -> RunResult {
        let run = try Subprocess.run(env, ["python3", script.path] + arguments)
        #expect(run.status == 0, "reference.py failed: \(run.stderr)")
        return run
    }
}
