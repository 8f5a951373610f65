import Foundation
import TestSupport
import Testing

/// `marginscope compute`: the table, JSON and CSV renderings of a sample and a batch.
@Suite(.tags(.subprocess), TestRun.slow) struct ComputeOutputTests {
    /// The rows of the per-class table: the lines between the first blank line and the next.
    private func classTable(_ output: String) -> [String] {
        let lines = output.components(separatedBy: "\n")
        let start = lines.firstIndex(of: "")! + 1
        let end = lines[start...].firstIndex(of: "")!
        return Array(lines[start..<end])
    }

    @Test func sampleTableHasAlignedColumnsAndMarksTheTarget() throws {
        let run = try CLI.run(["--cosines", "0.8,0.3,-0.1,0.05", "--target", "1", "--scale", "30", "--margin", "0.35"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let table = classTable(run.stdout)
        #expect(table.count == 5)
        #expect(table[0].contains("class") && table[0].contains("probability") && table[0].contains("∂L/∂cos θ"))
        let marker = "  ◀ target"
        #expect(table[2].hasSuffix(marker))
        #expect(table.filter { $0.hasSuffix(marker) }.count == 1)
        let bodies = table.map { $0.hasSuffix(marker) ? String($0.dropLast(marker.count)) : $0 }
        // Right-aligned columns of equal width: every row ends where the header ends.
        #expect(Set(bodies.map(\.count)).count == 1)
        // Decimal points of the cosine column line up.
        let points = bodies.dropFirst().map { row in row.distance(from: row.startIndex, to: row.firstIndex(of: ".")!) }
        #expect(Set(points).count == 1)
        #expect(run.stdout.contains("loss = "))
    }

    @Test func softmaxTableShowsLogitsAndALossThatMatchesTheHandValue() throws {
        let run = try CLI.run(["--logits", "0,0", "--target", "1"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Softmax cross-entropy"))
        // Two equal logits: p = 1/2, L = ln 2 = 0.693147.
        #expect(run.stdout.contains("loss = 0.693147"))
        #expect(run.stdout.contains("0.500000"))
    }

    @Test func sampleJSONHasExactlyTheDocumentedKeys() throws {
        let run = try CLI.run(["--cosines", "0.8,0.3,-0.1", "--format", "json"])
        #expect(run.status == 0)
        let object = try jsonObject(run.stdoutData)
        #expect(
            Set(object.keys) == [
                "kind", "scale", "margin", "target", "inputs", "logits", "probabilities", "loss", "gradient", "angleGradient",
            ])
        #expect(object["kind"] as? String == "cosface")
        let p = try #require(object["probabilities"] as? [Double])
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        // ∂L/∂cos = s·(p − onehot) for LMCL (Docs/Math.md §2), s = 30 by default.
        let g = try #require(object["gradient"] as? [Double])
        #expect(abs(g[0] - 30 * (p[0] - 1)) < 1e-12)
        #expect(abs(g[1] - 30 * p[1]) < 1e-12)
    }

    @Test func softmaxJSONHasNullScaleAndMargin() throws {
        let run = try CLI.run(["--logits", "2,1,0.5", "--target", "2", "--format", "json"])
        let object = try jsonObject(run.stdoutData)
        #expect(object["scale"] is NSNull)
        #expect(object["margin"] is NSNull)
        #expect(object["inputs"] as? [Double] == [2, 1, 0.5])
    }

    @Test func anglesJSONGivesTheCosinesUsedAsInputsAndListsTheAngles() throws {
        let run = try CLI.run(["--angles", "60,90,180", "--format", "json"])
        let object = try jsonObject(run.stdoutData)
        #expect(
            Set(object.keys) == [
                "kind", "scale", "margin", "target", "inputs", "angles", "logits", "probabilities", "loss", "gradient", "angleGradient",
            ])
        let inputs = try #require(object["inputs"] as? [Double])
        #expect(abs(inputs[0] - 0.5) < 1e-15 && abs(inputs[1]) < 1e-15 && inputs[2] == -1)
        #expect(object["angles"] as? [Double] == [60, 90, 180])
    }

    @Test func boundaryJSONAddsTheSelectionFacts() throws {
        // Target cos 0.5 − m = 0.15 is beaten by 0.6 only: rank 2 ≤ k = 2, a boundary sample.
        let run = try CLI.run(["--loss", "bdlmcl", "--cosines", "0.5,0.6,0.1", "--format", "json"])
        let object = try jsonObject(run.stdoutData)
        #expect(
            Set(object.keys) == [
                "kind", "scale", "margin", "target", "inputs", "logits", "probabilities", "loss", "gradient",
                "angleGradient", "topK", "unselected", "rank", "selected", "counts", "appliedMargin",
            ])
        #expect(object["rank"] as? Int == 2)
        #expect(object["selected"] as? Bool == true)
        #expect(object["appliedMargin"] as? Double == 0.35)
    }

    @Test func sampleCSVHasAHeaderAndOneRowPerClass() throws {
        let run = try CLI.run(["--cosines", "0.8,0.3,-0.1,0.2", "--target", "3", "--format", "csv"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "class,target,cosine,logit,probability,gradient")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 6 })
        #expect(lines[4].hasPrefix("3,1,"))
    }

    @Test func batchTableCountsEveryRegionAndShowsTwentyRowsUnlessAll() throws {
        let run = try CLI.run(["--loss", "bdlmcl", "--batch-size", "64", "--classes", "100", "--seed", "7"])
        #expect(run.status == 0)
        let lines = run.stdout.components(separatedBy: "\n")
        let counts = ["margin satisfied", "boundary, selected", "beyond top-k"].map { title -> Int in
            let line = lines.first { $0.hasPrefix(title) }!
            return Int(line.split(separator: " ").dropLast().last!)!
        }
        #expect(counts.reduce(0, +) == 64)
        #expect(run.stdout.contains("… 44 more samples"))
        let all = try CLI.run(["--loss", "bdlmcl", "--batch-size", "64", "--classes", "100", "--seed", "7", "--all"])
        #expect(!all.stdout.contains("more samples"))
        #expect(all.stdout.split(separator: "\n").count == run.stdout.split(separator: "\n").count + 44 - 1)
    }

    @Test func batchJSONHasExactlyTheDocumentedKeysAndAGradientWhenAsked() throws {
        let csv = "label,c0,c1,c2\n0,0.9,0.1,0.2\n1,0.5,0.45,0.0\n2,0.3,0.2,0.1\n"
        let plain = try jsonObject(CLI.run(["--loss", "bdlmcl", "--batch", "-", "--format", "json"], stdin: Data(csv.utf8)).stdoutData)
        #expect(Set(plain.keys) == ["kind", "scale", "margin", "topK", "unselected", "loss", "samples"])
        let samples = try #require(plain["samples"] as? [[String: Any]])
        #expect(samples.count == 3)
        #expect(samples.allSatisfy { Set($0.keys) == ["label", "rank", "selected", "margin", "loss"] })
        // Sample 1: 0.45 − 0.35 = 0.10 < 0.5: rank 2, selected; sample 0: rank 1; sample 2: 0.3 > −0.25, 0.2 > −0.25: rank 3.
        #expect(samples.map { $0["rank"] as? Int } == [1, 2, 3])
        #expect(samples.map { $0["selected"] as? Bool } == [false, true, false])

        let withGradient = try jsonObject(
            CLI.run(["--loss", "cosface", "--batch", "-", "--format", "json", "--gradients"], stdin: Data(csv.utf8)).stdoutData)
        #expect(Set(withGradient.keys) == ["kind", "scale", "margin", "topK", "unselected", "loss", "samples", "gradient"])
        #expect(withGradient["topK"] is NSNull)
        let gradient = try #require(withGradient["gradient"] as? [[Double]])
        #expect(gradient.count == 3 && gradient.allSatisfy { $0.count == 3 })
        // Each row is s·(p − onehot)/B: it sums to zero.
        #expect(gradient.allSatisfy { abs($0.reduce(0, +)) < 1e-12 })
        #expect((withGradient["samples"] as? [[String: Any]])?.allSatisfy { $0["selected"] as? Bool == true } == true)
    }

    @Test func batchCSVHasAHeaderAndOneRowPerSample() throws {
        let run = try CLI.run(["--loss", "bdlmcl", "--batch-size", "10", "--classes", "5", "--format", "csv", "--gradients"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 11)
        #expect(lines[0] == "sample,label,rank,region,selected,counts,margin,loss,grad_0,grad_1,grad_2,grad_3,grad_4")
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 13 })
    }

    @Test func normFaceBatchUsesNoMargin() throws {
        let run = try CLI.run(["--loss", "normface", "--batch-size", "8", "--classes", "4", "--format", "json"])
        let object = try jsonObject(run.stdoutData)
        #expect(object["margin"] as? Double == 0)
        #expect((object["samples"] as? [[String: Any]])?.allSatisfy { $0["margin"] as? Double == 0 } == true)
    }

    @Test func standardInputBatchEqualsTheSameFile() throws {
        let directory = try TemporaryDirectory()
        let csv = "0,0.9,0.1\n1,0.2,0.3\n"
        let path = try directory.file("b.csv", csv)
        let fromFile = try CLI.run(["--batch", path, "--format", "json"])
        let fromStdin = try CLI.run(["--batch", "-", "--format", "json"], stdin: Data(csv.utf8))
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout == fromStdin.stdout)
    }
}
