import Foundation
import LossMath
import Testing

/// The Swift results against Scripts/reference.py, an independent float64 numpy
/// implementation written from DESIGN.md §1: agreement to 1e-10 relative.
@Suite(.enabled(if: Reference.isAvailable, "python3 with numpy is needed for the reference cross-check (Scripts/reference.py)"))
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
                arguments += ["--angles=" + (0..<classes).map { _ in "\(Double.random(in: 0...180, using: &random))" }.joined(separator: ",")]
            } else {
                arguments += ["--cosines=" + (0..<classes).map { _ in "\(Double.random(in: -1...1, using: &random))" }.joined(separator: ",")]
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
        BatchCase(arguments: ["--loss", "bdlmcl", "--scale", "30", "--margin", "0.35", "--top-k", "2", "--unselected", "no-margin", "--gradients"]),
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
                || x["selected"] as? Bool != y["selected"] as? Bool { mismatches += 1 }
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
