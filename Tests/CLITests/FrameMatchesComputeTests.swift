import Foundation
import TestSupport
import Testing

/// The explorer's screen and `compute` agree on the same state: the numbers a
/// teacher shows are the numbers a script gets.
@Suite(.tags(.subprocess), TestRun.slow) struct FrameMatchesComputeTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(arguments + ["--format", "json"])
        try #require(r.status == 0, "compute failed: \(r.stderr)")
        return try jsonObject(r.stdoutData)
    }

    static func frame(_ arguments: [String]) throws -> String {
        let r = try CLI.run(["--size", "160x48"] + arguments, subcommand: "frame")
        try #require(r.status == 0, "frame failed: \(r.stderr)")
        return r.stdout
    }

    @Test func theCosineScreenShowsComputesLossesAndProbabilities() throws {
        let sample = ["--cosines", "0.71,0.42,-0.3,0.65,0.05", "--target", "3", "--scale", "42.5", "--margin", "0.27"]
        let screen = try Self.frame(sample)
        let lmcl = try Self.json(sample + ["--loss", "cosface"])
        let normFace = try Self.json(sample.filter { $0 != "--margin" && $0 != "0.27" } + ["--loss", "normface"])
        let lmclLoss = try #require(lmcl["loss"] as? Double)
        let normFaceLoss = try #require(normFace["loss"] as? Double)
        #expect(screen.contains("LMCL     L = \(String(format: "%.4f", lmclLoss))"))
        #expect(screen.contains("NormFace L = \(String(format: "%.4f", normFaceLoss))"))
        let p = try #require(lmcl["probabilities"] as? [Double])
        #expect(screen.contains("p_y = \(String(format: "%.4f", p[3]))"))
        let gradient = try #require(lmcl["gradient"] as? [Double])
        #expect(screen.contains(String(format: "%+.2f", gradient[3])), "∂L/∂cos θ_3 from compute should be on screen")
    }

    @Test func theSoftmaxScreenShowsComputesLossAndGradient() throws {
        let sample = ["--logits", "1.5,-0.25,3,0.75", "--target", "1"]
        let screen = try Self.frame(sample)
        let result = try Self.json(sample)
        let loss = try #require(result["loss"] as? Double)
        let gradient = try #require(result["gradient"] as? [Double])
        #expect(screen.contains("L = \(String(format: "%.4f", loss))"))
        for g in gradient { #expect(screen.contains(String(format: "%+.4f", g))) }
    }

    @Test func theBatchScreenCountsTheRegionsComputeCounts() throws {
        let batch = [
            "--batch-size", "128", "--classes", "200", "--seed", "5", "--spread", "0.12", "--scale", "30", "--margin", "0.35", "--top-k",
            "3",
        ]
        let screen = try Self.frame(batch + ["--screen", "batch"])
        let result = try Self.json(batch + ["--loss", "bdlmcl"])
        let samples = try #require(result["samples"] as? [[String: Any]])
        let ranks = samples.compactMap { $0["rank"] as? Int }
        let satisfied = ranks.filter { $0 == 1 }.count, boundary = ranks.filter { $0 > 1 && $0 <= 3 }.count
        let beyond = ranks.filter { $0 > 3 }.count
        let loss = try #require(result["loss"] as? Double)
        let lines = screen.split(separator: "\n").map(String.init)
        func count(_ label: String) -> Int? {
            guard let line = lines.first(where: { $0.contains(label) }) else { return nil }
            let afterLabel = line.components(separatedBy: label)[1]
            return afterLabel.split(separator: " ").first.flatMap { Int($0) }
        }
        #expect(count("satisfied (rank 1)") == satisfied)
        #expect(count("boundary (1<rank≤3)") == boundary)
        #expect(count("beyond k (rank>3)") == beyond)
        #expect(screen.contains(String(format: "%.4f", loss)), "BD-LMCL batch loss from compute should be on screen")
    }
}
