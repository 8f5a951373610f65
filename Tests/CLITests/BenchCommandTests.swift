import Foundation
import Testing

/// `marginscope bench`: a smoke test of the quick run's JSON lines (no figures are checked:
/// timings belong in BENCHMARKS.md, not in a test).
@Suite struct BenchCommandTests {
    @Test func quickJSONPrintsOneObjectPerRowWithTheDocumentedKeys() throws {
        let run = try CLI.run(["--quick", "--json"], subcommand: "bench")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        var names: [String] = []
        for line in lines {
            let object = try jsonObject(Data(line.utf8))
            #expect(Set(object.keys) == ["name", "size", "median_ms", "numpy_ms"], "\(line)")
            let name = try #require(object["name"] as? String)
            names.append(name)
            #expect((object["size"] as? String)?.contains("x") == true)
            let median = try #require((object["median_ms"] as? NSNumber)?.doubleValue, "\(line)")
            #expect(median > 0 && median.isFinite)
            // NumPy has a peer only for the batch losses and the training epoch; elsewhere the key is there and null.
            if object["numpy_ms"] is NSNull {
                continue
            }
            #expect(name.contains("loss+grad") || name == "train epoch", "numpy_ms on a row without a NumPy peer: \(line)")
            #expect(((object["numpy_ms"] as? NSNumber)?.doubleValue ?? -1) > 0)
        }
        // Every kind of row the issue asks for, each screen at both sizes.
        for expected in ["lmcl loss+grad", "bdlmcl loss+grad", "keypress sample s+", "keypress batch s+", "startup to first frame", "train epoch"] {
            #expect(names.contains(expected), "missing row \(expected)")
        }
        for screen in ["softmax", "cosine", "geometry", "batch"] {
            #expect(names.filter { $0 == "frame \(screen)" }.count == 2, "frame \(screen) at 80x24 and 240x70")
        }
    }

    @Test func theFilterKeepsOnlyMatchingRows() throws {
        let run = try CLI.run(["--quick", "--json", "--filter", "frame softmax"], subcommand: "bench")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let sizes = try run.stdout.split(separator: "\n").map { line -> String in
            let object = try jsonObject(Data(line.utf8))
            #expect(object["name"] as? String == "frame softmax")
            return object["size"] as? String ?? ""
        }
        #expect(sizes == ["80x24", "240x70"])
    }
}
