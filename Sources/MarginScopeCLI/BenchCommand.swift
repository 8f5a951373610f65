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
        4096×10000 (s = 30, m = 0.35, k = 2), each beside the same computation by NumPy in float64 \
        (Scripts/bench_numpy.py, when python3 with NumPy is present; it gets the very same batches); \
        one whole frame of each screen at 80×24 and 240×70; a keypress through the reducer to the new \
        frame, for one sample and for the 1024×5994 batch; start-up of `marginscope frame --size 80x24` \
        as a new process. Each figure is the median of repeated runs after a warm-up. \
        Build with -c release for meaningful figures.
        """
    )

    @Flag(name: .long, help: "One JSON object per line: name, size, median_ms, numpy_ms (null where NumPy has no peer).")
    var json = false

    @Flag(name: .long, help: "A small, fast run for CI: 256×1000 batches only, few repetitions.")
    var quick = false

    @Flag(name: .customLong("no-numpy"), help: "Skip the NumPy column.")
    var noNumpy = false

    @Option(name: .long, help: ArgumentHelp("Only the rows whose name and size (\"frame cosine 240x70\") contain this text, e.g. lmcl, frame, 1024x5994.", valueName: "text"))
    var filter: String?

    @Option(name: .long, help: ArgumentHelp("The Python interpreter for the NumPy column.", valueName: "program"))
    var python = "python3"

    @Option(name: .customLong("numpy-script"), help: ArgumentHelp(
        "Path of bench_numpy.py. (default: Scripts/bench_numpy.py in the working directory or the source tree)",
        valueName: "path"))
    var numpyScript: String?

    func run() throws {
        let timing = quick
            ? BenchTiming(warmup: 1, runs: 3, budget: 0.5)
            : BenchTiming(warmup: 2, runs: 15, budget: 3)
        let cases = BenchCases(timing: timing, filter: filter)
        var notes: [String] = []
        var rows: [BenchRow] = []

        let batches = cases.batches(quick: quick)
        let lossRows = cases.losses(batches)
        var numpy: [String: BenchNumPy.Result] = [:]
        if !noNumpy && !lossRows.isEmpty {
            if let script = BenchNumPy.locateScript(explicit: numpyScript) {
                let runner = BenchNumPy(script: script, python: python, warmup: 1, runs: quick ? 3 : 7)
                do { numpy = try runner.run(batches: batches, rule: BenchCases.rule) } catch let note as BenchNote {
                    notes.append(note.message)
                }
            } else {
                notes.append("NumPy column skipped: Scripts/bench_numpy.py not found (run from the package root, or give --numpy-script).")
            }
        }
        var worstDisagreement = 0.0
        for (row, kind, loss) in lossRows {
            var row = row
            if let peer = numpy["\(kind) \(row.size)"] {
                row.numpyMilliseconds = peer.medianMilliseconds
                worstDisagreement = max(worstDisagreement, abs(peer.loss - loss) / max(abs(loss), .leastNormalMagnitude))
            }
            rows.append(row)
        }
        let trainRows = BenchTrain(timing: timing, quick: quick).rows(
            wants: cases.wants, numpy: noNumpy ? nil : (python, BenchNumPy.locateScript(explicit: numpyScript)), notes: &notes)
        rows += trainRows
        try emit(rows, json: json)
        if !numpy.isEmpty {
            notes.append(String(format: "NumPy and MarginScope batch losses agree to %.1e relative (worst row)%@.", worstDisagreement,
                                worstDisagreement > 1e-9 ? ": WARNING, they should agree to ~1e-12" : ""))
        }

        let batchSize = quick ? (samples: 256, classes: 1000) : (samples: 1024, classes: 5994)
        let engine = BatchEngine()
        let frameRows = cases.frames(engine: engine, batchSize: batchSize)
        try emit(frameRows, json: json)
        let keyRows = cases.keypresses(engine: engine, batchSize: batchSize)
        try emit(keyRows, json: json)
        rows += frameRows + keyRows

        if cases.wants("startup to first frame", "80x24") {
            do {
                let row = try cases.startup(executable: Self.executablePath)
                try emit([row], json: json)
                rows.append(row)
            } catch let note as BenchNote {
                notes.append(note.message)
            }
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
           let name = line.split(separator: ":", maxSplits: 1).last {
            cpu = name.trimmingCharacters(in: .whitespaces)
        }
        #if DEBUG
        let build = "DEBUG build: figures are not representative, use swift run -c release"
        #else
        let build = "release build"
        #endif
        return [
            "Medians of up to \(timing.runs) runs after \(timing.warmup) warm-up; \(build).",
            "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores; exp kernel: \(BatchLoss.kernelDescription).",
        ]
    }
}
