import Foundation
import LossMath

/// Runs `Scripts/bench_numpy.py` on the batches the Swift side timed.
///
/// The batches are handed over as raw little-endian files (int64 labels, float64
/// cosines), so both sides compute on the same numbers and the losses can be compared.
struct BenchNumPy {
    /// The script's answer for one loss and size.
    struct Result {
        var medianMilliseconds: Double
        var loss: Double
    }

    var script: URL
    var python: String
    var warmup: Int
    var runs: Int

    /// `Scripts/bench_numpy.py`: `explicit` if given, else under the working directory,
    /// else next to the sources this binary was built from.
    static func locateScript(explicit: String?) -> URL? {
        let manager = FileManager.default
        if let explicit { return manager.fileExists(atPath: explicit) ? URL(fileURLWithPath: explicit) : nil }
        let relative = "Scripts/bench_numpy.py"
        let candidates = [
            URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent(relative),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(relative),
        ]
        return candidates.first { manager.fileExists(atPath: $0.path) }
    }

    /// Times LMCL and BD-LMCL (with `rule`) on every batch; keys are `"lmcl BxC"` and `"bdlmcl BxC"`.
    ///
    /// Throws a message a user can act on when python3 or NumPy is missing or the script fails.
    func run(batches: [CosineBatch], rule: BoundaryRule) throws -> [String: Result] {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("marginscope-bench-\(UUID().uuidString)")
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: directory) }
        var sizes: [String] = []
        for batch in batches {
            let size = "\(batch.sampleCount)x\(batch.classCount)"
            sizes.append(size)
            let labels = batch.labels.map { Int64($0).littleEndian }
            try labels.withUnsafeBytes { try Data($0).write(to: directory.appendingPathComponent("\(size).labels")) }
            let cosines = batch.cosines.map { $0.bitPattern.littleEndian }
            try cosines.withUnsafeBytes { try Data($0).write(to: directory.appendingPathComponent("\(size).cosines")) }
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, "--dir", directory.path, "--sizes", sizes.joined(separator: ","),
                             "--scale", "\(rule.scale)", "--margin", "\(rule.margin)", "--top-k", "\(rule.topK)",
                             "--unselected", rule.unselected.rawValue, "--warmup", "\(warmup)", "--runs", "\(runs)"]
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = manager.createFile(atPath: outURL.path, contents: nil)
        _ = manager.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw BenchNote("NumPy column skipped: could not start \(python) (\(error.localizedDescription)).")
        }
        process.waitUntilExit()
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let reason = stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw BenchNote("NumPy column skipped: \(reason)")
        }
        var results: [String: Result] = [:]
        let text = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let name = object["name"] as? String, let size = object["size"] as? String,
                  let median = (object["median_ms"] as? NSNumber)?.doubleValue,
                  let loss = (object["loss"] as? NSNumber)?.doubleValue else { continue }
            results["\(name) \(size)"] = Result(medianMilliseconds: median, loss: loss)
        }
        return results
    }
}

/// A sentence for the notes under the table.
struct BenchNote: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
