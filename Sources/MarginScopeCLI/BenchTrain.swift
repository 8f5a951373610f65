import Foundation
import Training

/// The `train` rows of `marginscope bench`: one full-batch epoch of the Training network,
/// beside the same network in NumPy (Scripts/train_numpy.py).
///
/// Two sizes: the built-in clusters as `train` uses them (640 training rows of 16 features,
/// 8 classes) and a stand-in of the UCI hand-written digits' shape (1797 rows of 64 features,
/// 10 classes; Gaussian clusters, all rows in training; not with `--quick`). CosFace, s = 16, m = 0.2, width 32,
/// tanh, the default learning rate and momentum. Each timed run is `epochsPerRun` epochs of a
/// trainer that keeps training; the row is the median per epoch, held to 3.3 ms (300 epochs per second).
/// NumPy gets the very same data and initial parameters and runs with one BLAS thread (the
/// Swift side uses one core); after `epochsPerRun` epochs from the start both report the loss,
/// and the note says how well they agree.
struct BenchTrain {
    var timing: BenchTiming
    var quick: Bool

    /// NumPy's time and loss for one size.
    struct PeerResult {
        var medianMilliseconds: Double
        var loss: Double
    }

    static let epochsPerRun = 20
    static let objective = Objective(loss: .cosface, scale: 16, margin: 0.2)

    /// The trainers to time, named by their training size.
    func cases(_ wants: (String, String) -> Bool) -> [(size: String, trainer: Trainer)] {
        let configuration = TrainingConfiguration(objective: Self.objective, seed: 1)
        var digits = GaussianClusters()
        digits.classCount = 10
        digits.dimension = 64
        digits.samplesPerClass = 180
        var candidates = [DataSplit(Train.builtInData, holdout: 0.2, standardize: true, seed: 1)]
        if !quick {
            candidates.append(DataSplit(digits.make(seed: 1).subset(Array(0..<1797)), holdout: 0, standardize: true, seed: 1))
        }
        return candidates.compactMap { split in
            let size = "\(split.train.sampleCount)x\(split.train.dimension)"
            return wants("train epoch", size) ? (size, Trainer(configuration: configuration, data: split)) : nil
        }
    }

    /// Times every case; adds the NumPy column when `numpy` (interpreter, script) is given.
    func rows(wants: (String, String) -> Bool, numpy: (python: String, script: URL?)?, notes: inout [String]) -> [BenchRow] {
        let cases = cases(wants)
        guard !cases.isEmpty else { return [] }
        var rows: [BenchRow] = []
        var swiftLosses: [String: Double] = [:]
        for (size, start) in cases {
            var trainer = start
            let milliseconds =
                timing.median {
                    for _ in 0..<Self.epochsPerRun { trainer.step() }
                } / Double(Self.epochsPerRun)
            benchConsume(trainer.network)
            rows.append(
                BenchRow(
                    name: "train epoch", size: size, medianMilliseconds: milliseconds,
                    target: BenchTarget(maximumMilliseconds: 3.3, minimumRatio: nil)))
            var fresh = start
            for _ in 0..<Self.epochsPerRun { fresh.step() }
            swiftLosses[size] = fresh.metrics().loss
        }
        guard let numpy else { return rows }
        guard let script = numpy.script?.deletingLastPathComponent().appendingPathComponent("train_numpy.py"),
            FileManager.default.fileExists(atPath: script.path)
        else {
            notes.append("NumPy train column skipped: Scripts/train_numpy.py not found beside bench_numpy.py (give --numpy-script).")
            return rows
        }
        do {
            let peers = try runNumPy(script: script, python: numpy.python, cases: cases)
            var worst = 0.0
            for index in rows.indices {
                guard let peer = peers[rows[index].size], let ours = swiftLosses[rows[index].size] else { continue }
                rows[index].peer = "NumPy"
                rows[index].peerMilliseconds = peer.medianMilliseconds
                worst = max(worst, abs(peer.loss - ours) / abs(ours))
            }
            notes.append(
                String(
                    format: "Train rows: NumPy and MarginScope agree on the loss after %d epochs to %.1e relative%@.",
                    Self.epochsPerRun, worst, worst > 1e-8 ? ": WARNING, they should agree to ~1e-12" : ""))
        } catch let note as BenchNote {
            notes.append(note.message)
        } catch {
            notes.append("NumPy train column skipped: \(error.localizedDescription)")
        }
        return rows
    }

    private func runNumPy(script: URL, python: String, cases: [(size: String, trainer: Trainer)]) throws -> [String: PeerResult] {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("marginscope-bench-train-\(UUID().uuidString)")
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: directory) }
        var specifications: [String] = []
        for (size, trainer) in cases {
            let train = trainer.data.train
            func write(_ values: [UInt64], _ suffix: String) throws {
                try values.map(\.littleEndian).withUnsafeBytes {
                    try Data($0).write(to: directory.appendingPathComponent("\(size).\(suffix)"))
                }
            }
            try write(train.features.map(\.bitPattern), "inputs")
            try write(train.labels.map { UInt64(bitPattern: Int64($0)) }, "labels")
            try write(trainer.network.parameters.map(\.bitPattern), "parameters")
            specifications.append("\(size):\(train.sampleCount):\(train.dimension):\(trainer.network.hiddenWidth):\(train.classCount)")
        }
        let configuration = cases[0].trainer.configuration
        let arguments = [
            "--dir", directory.path, "--cases", specifications.joined(separator: ","),
            "--scale", "\(Self.objective.scale)", "--margin", "\(Self.objective.margin)",
            "--learning-rate", "\(configuration.learningRate)", "--momentum", "\(configuration.momentum)",
            "--epochs", "\(Self.epochsPerRun)", "--warmup", "1", "--runs", quick ? "3" : "7",
        ]
        // One BLAS thread: the Swift side trains on one core.
        let oneThread = Dictionary(uniqueKeysWithValues: ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"].map { ($0, "1") })
        let text = try BenchPeerScript.execute(
            python: python, script: script, arguments: arguments, environment: oneThread,
            directory: directory, label: "NumPy train column")
        var results: [String: PeerResult] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let size = object["size"] as? String,
                let median = (object["median_ms"] as? NSNumber)?.doubleValue,
                let loss = (object["loss"] as? NSNumber)?.doubleValue
            else { continue }
            results[size] = PeerResult(medianMilliseconds: median, loss: loss)
        }
        return results
    }
}
