import Foundation
import TestSupport
import Testing

/// `marginscope bench`: a smoke test of the quick run's JSON lines (no figures are checked:
/// timings belong in BENCHMARKS.md, not in a test).
@Suite(.tags(.subprocess), TestRun.slow) struct BenchCommandTests {
    @Test func quickJSONPrintsOneObjectPerRowWithTheDocumentedKeys() throws {
        let run = try CLI.run(["--quick", "--json"], subcommand: "bench")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        var names: [String] = []
        for line in lines {
            let object = try jsonObject(Data(line.utf8))
            #expect(Set(object.keys) == ["name", "size", "median_ms", "peer", "peer_ms"], "\(line)")
            let name = try #require(object["name"] as? String)
            names.append(name)
            #expect((object["size"] as? String)?.contains("x") == true)
            let median = try #require((object["median_ms"] as? NSNumber)?.doubleValue, "\(line)")
            #expect(median > 0 && median.isFinite)
            // Peers (NumPy, PyTorch, JAX) exist only for the batch losses and the training epoch; elsewhere both keys are null.
            if object["peer_ms"] is NSNull {
                #expect(object["peer"] is NSNull, "\(line)")
                continue
            }
            #expect(name.contains("loss+grad") || name == "train epoch", "peer_ms on a row without a peer: \(line)")
            #expect(object["peer"] is String, "\(line)")
            #expect(((object["peer_ms"] as? NSNumber)?.doubleValue ?? -1) > 0)
        }
        // Every kind of row the issue asks for, each screen at both sizes.
        for expected in [
            "lmcl loss+grad", "bdlmcl loss+grad", "lmcl loss+grad, kept buffer, 1 thread", "floor: exponentials",
            "floor: memory stream", "keypress sample s+", "keypress batch s+", "keypress batch s+, looked ahead",
            "keypress batch s+, held",
            "keypress batch N±", "keypress batch C±", "keypress batch spread±", "keypress batch seed±", "startup to first frame",
            "train epoch",
        ] {
            #expect(names.contains(expected), "missing row \(expected)")
        }
        for screen in ["softmax", "cosine", "geometry", "batch"] {
            #expect(names.filter { $0 == "frame \(screen)" }.count == 2, "frame \(screen) at 80x24 and 240x70")
        }
    }

    @Test func aPeerScriptPathThatDoesNotExistIsNamedInTheNotes() throws {
        let missing = "/nonexistent/bench_peers.py"
        let run = try CLI.run(
            ["--quick", "--filter", "lmcl loss+grad 256", "--no-numpy", "--peer-script", missing],
            subcommand: "bench")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("\(missing) does not exist"), "\(run.stdout)")
    }

    /// A filter that keeps nothing is a mistake, not an empty benchmark: refused with the usage
    /// status, naming the text and what row names look like; an empty one before anything runs.
    @Test func aFilterThatKeepsNoRowIsRefused() throws {
        let run = try CLI.run(["--quick", "--filter", "lmcll"], subcommand: "bench")
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--filter \"lmcll\": no row's name and size contain it"))
        #expect(run.stderr.contains("lmcl loss+grad 256x1000"))
        let empty = try CLI.run(["--quick", "--filter", " "], subcommand: "bench")
        #expect(empty.status == 64, "stderr: \(empty.stderr)")
        #expect(empty.stderr.contains("--filter: give some text of the rows to keep"))
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
