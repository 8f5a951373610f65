import Foundation
import LossMath

/// Runs a peer script (`Scripts/bench_numpy.py`, `Scripts/bench_peers.py`) on the batches
/// the Swift side timed.
///
/// The batches are handed over as raw little-endian files (int64 labels, float64
/// cosines), so both sides compute on the same numbers and the losses can be compared.
struct BenchPeerScript {
    /// The script's answer for one peer and size.
    struct Result {
        /// The peer, e.g. `NumPy` or `PyTorch fused, 2 threads`.
        var name: String
        var size: String
        /// The MarginScope row it is set beside: `lmcl`, `lmcl kept`, `bdlmcl`, … (`1t`: one thread).
        var compare: String
        var medianMilliseconds: Double
        var loss: Double
    }

    /// What the script printed: the rows it ran and the sentences for the rows it skipped.
    struct Output {
        var results: [Result] = []
        var skipped: [String] = []
    }

    var script: URL
    var python: String
    var warmup: Int
    var runs: Int

    /// `Scripts/<name>`: `explicit` if given (an error naming it when it does not exist),
    /// else in the package this binary was built from, found from this source file's path
    /// (not the working directory); nil when that tree is not on this machine.
    static func locate(_ name: String, explicit: String?) throws -> URL? {
        let manager = FileManager.default
        if let explicit {
            guard manager.fileExists(atPath: explicit) else {
                throw BenchNote("\(explicit) does not exist: give the path of \(name) (in the package's Scripts folder).")
            }
            return URL(fileURLWithPath: explicit)
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = package.appendingPathComponent("Scripts").appendingPathComponent(name)
        return manager.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// Runs the script with the batches and `arguments`; `label` names it in messages.
    ///
    /// Throws a message a user can act on when python3 or the script's modules are missing or it fails.
    func run(batches: [CosineBatch], arguments: [String], label: String) throws -> Output {
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

        let text = try Self.execute(
            python: python, script: script,
            arguments: [
                "--dir", directory.path, "--sizes", sizes.joined(separator: ","),
                "--warmup", "\(warmup)", "--runs", "\(runs)",
            ] + arguments,
            directory: directory, label: label)
        var output = Output()
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let name = object["name"] as? String, let size = object["size"] as? String
            else { continue }
            if let reason = object["skipped"] as? String {
                output.skipped.append("\(name) \(size) skipped: \(reason).")
                continue
            }
            guard let median = (object["median_ms"] as? NSNumber)?.doubleValue,
                let loss = (object["loss"] as? NSNumber)?.doubleValue
            else { continue }
            // bench_numpy.py names its rows by the MarginScope row they pair with.
            let compare = object["compare"] as? String ?? name
            output.results.append(
                Result(
                    name: object["compare"] == nil ? "NumPy" : name, size: size,
                    compare: compare, medianMilliseconds: median, loss: loss))
        }
        return output
    }
}

extension BenchPeerScript {
    /// Runs `python script arguments…` with its output in files under `directory`, and returns
    /// what it printed on standard output.
    ///
    /// Throws a `BenchNote` naming `label` when python cannot start or the script fails (its last
    /// line of standard error says why). `environment` is added to this process's environment.
    static func execute(
        python: String, script: URL, arguments: [String], environment: [String: String] = [:],
        directory: URL, label: String
    ) throws -> String {
        let manager = FileManager.default
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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
            throw BenchNote("\(label) skipped: could not start \(python) (\(error.localizedDescription)).")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
            let reason = stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw BenchNote("\(label) skipped: \(reason)")
        }
        return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    }
}

/// A sentence for the notes under the table.
struct BenchNote: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
