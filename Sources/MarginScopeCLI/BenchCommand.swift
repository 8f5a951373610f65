import ArgumentParser
import Explorer
import Foundation
import LossMath

/// `marginscope bench`: the performance figures of BENCHMARKS.md, in one run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the batch losses (beside NumPy), whole frames, keypresses and start-up.",
        discussion: """
            Rows: LMCL and BD-LMCL loss with the B×C gradient ∂L/∂cos θ at 256×1000, 1024×5994 and \
            4096×10000 (s = 30, m = 0.35, k = 2), each beside the same computation in float64 by NumPy \
            (Scripts/bench_numpy.py) and by PyTorch and JAX (Scripts/bench_peers.py), when python3 has \
            those modules; the scripts get the very same batches and their losses are compared. The \
            floor of the loss on this machine (the exponentials alone, the memory traffic alone); \
            one whole frame of each screen at 80×24 and 240×70; keypresses through the reducer to the new \
            frame (s and m on the batch, computed in place and as the explorer does them, with the next \
            value computed ahead while it waits, and s held down, a press every 33 ms; N, C, spread and seed, \
            which make a new batch); start-up of \
            `marginscope frame --size 80x24` as a new process. Each figure is the median of repeated runs after a warm-up; \
            the loss and floor rows of one size are timed in interleaved rounds. \
            Build with -c release for meaningful figures.
            """
    )

    @Flag(name: .long, help: "One JSON object per line: name, size, median_ms, peer, peer_ms (null where there is no peer).")
    var json = false

    @Flag(name: .long, help: "A small, fast run for CI: 256×1000 batches only, few repetitions.")
    var quick = false

    @Flag(name: .customLong("no-numpy"), help: "Skip the NumPy rows.")
    var noNumpy = false

    @Flag(name: .customLong("no-peers"), help: "Skip the PyTorch and JAX rows.")
    var noPeers = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only the rows whose name and size (\"frame cosine 240x70\") contain this text, e.g. lmcl, frame, 1024x5994.", valueName: "text"
        ))
    var filter: String?

    @Option(name: .long, help: ArgumentHelp("The Python interpreter for the peer scripts.", valueName: "program"))
    var python = "python3"

    @Option(
        name: .customLong("numpy-script"),
        help: ArgumentHelp(
            "Path of bench_numpy.py. (default: Scripts/bench_numpy.py of the package this binary was built from)",
            valueName: "path"))
    var numpyScript: String?

    @Option(
        name: .customLong("peer-script"),
        help: ArgumentHelp(
            "Path of bench_peers.py (PyTorch, JAX). (default: Scripts/bench_peers.py of the package this binary was built from)",
            valueName: "path"))
    var peerScript: String?

    func validate() throws {
        if let filter, filter.allSatisfy(\.isWhitespace) {
            throw ValidationError(
                "--filter: give some text of the rows to keep, e.g. lmcl, frame, 1024x5994 (an empty filter keeps no row)")
        }
    }

    func run() throws {
        let timing =
            quick
            ? BenchTiming(warmup: 1, runs: 3, budget: 0.5)
            : BenchTiming(warmup: 2, runs: 15, budget: 3, minimumSeconds: 0.1)
        let cases = BenchCases(timing: timing, filter: filter)
        var notes: [String] = []
        var rows: [BenchRow] = []

        let batches = cases.batches(quick: quick)
        let lossRows = cases.losses(batches)
        var peers: [BenchPeerScript.Result] = []
        if !lossRows.isEmpty {
            let runs = quick ? 3 : 7
            let rule = BenchCases.rule
            let scripts: [(skip: Bool, file: String, explicit: String?, label: String, arguments: [String])] = [
                (
                    noNumpy, "bench_numpy.py", numpyScript, "NumPy rows",
                    [
                        "--scale", "\(rule.scale)", "--margin", "\(rule.margin)", "--top-k", "\(rule.topK)",
                        "--unselected", rule.unselected.rawValue,
                    ]
                ),
                (
                    noPeers, "bench_peers.py", peerScript, "PyTorch and JAX rows",
                    ["--scale", "\(rule.scale)", "--margin", "\(rule.margin)"]
                ),
            ]
            for script in scripts where !script.skip {
                do {
                    guard let path = try BenchPeerScript.locate(script.file, explicit: script.explicit) else {
                        notes.append(
                            "\(script.label) skipped: Scripts/\(script.file) is not beside this build's sources; "
                                + "give its path with --\(script.file == "bench_numpy.py" ? "numpy" : "peer")-script.")
                        continue
                    }
                    let runner = BenchPeerScript(script: path, python: python, warmup: 1, runs: runs)
                    let output = try runner.run(batches: batches, arguments: script.arguments, label: script.label)
                    peers += output.results
                    notes += output.skipped
                } catch let note as BenchNote {
                    notes.append(note.message)
                }
            }
        }
        var worstDisagreement = 0.0
        for (row, compare, loss) in lossRows {
            let beside = peers.filter { $0.size == row.size && $0.compare == compare }
            if beside.isEmpty { rows.append(row) }
            for peer in beside {
                rows.append(row.beside(peer.name, milliseconds: peer.medianMilliseconds, minimumRatio: BenchCases.peerRatio(peer.name)))
                worstDisagreement = max(worstDisagreement, abs(peer.loss - loss) / max(abs(loss), .leastNormalMagnitude))
            }
        }
        let trainRows = BenchTrain(timing: timing, quick: quick).rows(
            wants: cases.wants, numpy: noNumpy ? nil : (python, try? BenchPeerScript.locate("bench_numpy.py", explicit: numpyScript)),
            notes: &notes)
        rows += trainRows
        try emit(rows, json: json)
        if !peers.isEmpty {
            notes.append(
                String(
                    format: "Every peer's batch loss agrees with MarginScope's to %.1e relative (worst row)%@.",
                    worstDisagreement, worstDisagreement > 1e-9 ? ": WARNING, they should agree to ~1e-12" : ""))
        }

        let batchSize = quick ? (samples: 256, classes: 1000) : (samples: 1024, classes: 5994)
        let engine = BatchEngine()
        let frameRows = cases.frames(engine: engine, batchSize: batchSize)
        try emit(frameRows, json: json)
        let keyRows = cases.keypresses(engine: engine, batchSize: batchSize)
        try emit(keyRows, json: json)
        let regenerationRows = cases.regenerations(
            sizes: quick ? [(256, 1000)] : [(samples: 1024, classes: 5994), (samples: 4096, classes: 10_000)])
        try emit(regenerationRows, json: json)
        rows += frameRows + keyRows + regenerationRows
        notes += BenchCases.targetsBelowTheFloor(rows)

        if cases.wants("startup to first frame", "80x24") {
            do {
                let row = try cases.startup(executable: Self.executablePath)
                try emit([row], json: json)
                rows.append(row)
            } catch let note as BenchNote {
                notes.append(note.message)
            }
        }

        if let filter, rows.isEmpty {
            throw ValidationError(
                "--filter \"\(PrintableText.escaped(filter))\": no row's name and size contain it; rows read like "
                    + "\"lmcl loss+grad 256x1000\" or \"frame cosine 240x70\" (without --filter, the table lists them all)")
        }
        notes.append(contentsOf: Self.machineNotes(timing: timing))
        if json {
            for note in notes { TextWriter.standardError().report("marginscope bench: \(PrintableText.escaped(note))") }
        } else {
            let output = TextWriter.standardOutput()
            try output.write(BenchReport.table(rows, notes: notes.map { PrintableText.escaped($0) }))
            try output.flush()
        }
    }

    /// JSON rows go out as soon as they are measured; the table waits for all of them.
    private func emit(_ rows: [BenchRow], json: Bool) throws {
        guard json else { return }
        let output = TextWriter.standardOutput()
        try output.write(rows.map { $0.json + "\n" }.joined())
        try output.flush()
    }

    /// This binary, for the start-up row (Linux: /proc/self/exe; elsewhere Foundation's answer).
    static var executablePath: String {
        let resolved = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return resolved != "/proc/self/exe" ? resolved : (Bundle.main.executablePath ?? CommandLine.arguments[0])
    }

    static func machineNotes(timing: BenchTiming) -> [String] {
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let name = line.split(separator: ":", maxSplits: 1).last
        {
            cpu = name.trimmingCharacters(in: .whitespaces)
        }
        #if DEBUG
            let build = "DEBUG build: figures are not representative, use swift run -c release"
        #else
            let build = "release build"
        #endif
        return [
            "\(timing.summary) after \(timing.warmup) warm-up; \(build). "
                + "The loss and floor rows of one size are timed in interleaved rounds (one run of each a round).",
            "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores; exp kernel: \(BatchLoss.kernelDescription).",
        ]
    }
}
