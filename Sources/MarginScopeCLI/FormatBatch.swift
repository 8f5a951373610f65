import LossMath

/// The three renderings of one evaluated batch, written row by row.
///
/// A batch can be large (4096 samples × 10000 classes with `--gradients` is 41 million
/// numbers, some 800 MB of CSV), so nothing is built whole: each row goes to the writer as
/// soon as it is formatted. Everything that can fail for the user's reasons fails before
/// the first row, so an error never follows partial output.
enum FormatBatch {
    /// How many sample rows the table shows unless `--all` is given.
    static let defaultRowLimit = 20

    // MARK: Table

    /// A headline, the counts per region, the loss, then per-sample rows
    /// (the first `defaultRowLimit` and a "… N more" line unless `all`).
    static func table(_ report: BatchReport, all: Bool, to output: TextWriter) throws(WriteFailure) {
        let batch = report.batch
        var lines = [headline(report)]
        lines.append("\(batch.sampleCount) sample\(batch.sampleCount == 1 ? "" : "s") × \(batch.classCount) classes, \(report.source)")
        lines.append("")

        var regions = FormatTable([("region", .left), ("samples", .right), ("share", .right)])
        for (region, count) in report.regionCounts {
            let share = String(format: "%.1f%%", 100 * Double(count) / Double(batch.sampleCount))
            regions.append([regionTitle(region, report: report), String(count), share])
        }
        lines += regions.lines()
        lines.append("")

        let counting = report.result.countingSamples
        lines.append(
            "loss = \(FormatNumber.fixed(report.result.loss))   (mean over \(counting) counting sample\(counting == 1 ? "" : "s") of \(batch.sampleCount))"
        )
        lines.append("")
        try output.write(lines.joined(separator: "\n") + "\n")

        let table = FormatTable([
            ("sample", .right), ("label", .right), ("rank", .right), ("region", .left), ("margin", .right),
            ("loss", .right), ("‖∂ℓ/∂cos‖", .right), ("target cos", .right), ("rival", .right), ("rival cos", .right),
        ])
        let shown = all ? batch.sampleCount : min(batch.sampleCount, defaultRowLimit)
        try table.write(
            count: shown,
            row: { i in
                let outcome = report.result.samples[i]
                let region = report.region(outcome)
                let counts = outcome.counts ? "" : " (excluded)"
                let cells = [
                    String(i), String(outcome.label), String(outcome.rank), region.identifier + counts,
                    FormatNumber.setting(outcome.margin),
                    FormatNumber.fixed(outcome.loss), FormatNumber.fixed(outcome.gradientNorm),
                    FormatNumber.fixed(outcome.targetCosine, decimals: 4), String(outcome.rivalClass),
                    FormatNumber.fixed(outcome.rivalCosine, decimals: 4),
                ]
                return (cells, "")
            }, to: output)
        if shown < batch.sampleCount {
            try output.write("… \(batch.sampleCount - shown) more samples (--all shows every one)\n")
        }
    }

    static func headline(_ report: BatchReport) -> String {
        var parts = [report.loss.displayName, "s = \(FormatNumber.setting(report.scale))"]
        if report.loss != .normface { parts.append("m = \(FormatNumber.setting(report.margin))") }
        if let topK = report.topK { parts.append("k = \(topK)") }
        if let unselected = report.unselected { parts.append("unselected: \(unselected.rawValue)") }
        return parts.joined(separator: "   ")
    }

    static func regionTitle(_ region: BatchRegion, report: BatchReport) -> String {
        switch region {
        case .satisfied: report.loss == .normface ? "correct (rank 1)" : "margin satisfied (rank 1)"
        case .boundary: "boundary, selected (1 < rank ≤ \(report.topK ?? 0))"
        case .beyondTopK: "beyond top-k (rank > \(report.topK ?? 0))"
        case .violated: report.loss == .normface ? "misclassified (rank > 1)" : "margin violated (rank > 1)"
        }
    }

    // MARK: JSON

    /// `{"kind","scale","margin","topK","unselected","loss","samples":[{"label","rank","selected","margin","loss"}]}`
    /// plus `"gradient"` (B rows of C, ∂L/∂cos θ of the batch loss) when asked.
    /// `topK` and `unselected` are null except for BD-LMCL. Laid out as `JSONText.object`
    /// lays out an object, one member per line, one sample or gradient row per line.
    static func json(_ report: BatchReport, to output: TextWriter) throws(WriteFailure) {
        let members: [(String, String)] = [
            ("kind", JSONText.string(report.loss.rawValue)),
            ("scale", JSONText.number(report.scale)),
            ("margin", JSONText.number(report.margin)),
            ("topK", report.topK.map { String($0) } ?? "null"),
            ("unselected", report.unselected.map { JSONText.string($0.rawValue) } ?? "null"),
            ("loss", JSONText.number(report.result.loss)),
        ]
        try output.write("{\n" + members.map { "  \(JSONText.string($0.0)): \($0.1),\n" }.joined())
        try output.write("  \"samples\": [\n")
        for (i, outcome) in report.result.samples.enumerated() {
            try output.write(
                (i == 0 ? "" : ",\n")
                    + "    {\"label\": \(outcome.label), \"rank\": \(outcome.rank), \"selected\": \(outcome.selected), "
                    + "\"margin\": \(JSONText.number(outcome.margin)), \"loss\": \(JSONText.number(outcome.loss))}")
        }
        try output.write("\n  ]")
        if let gradient = report.result.gradient {
            let c = report.batch.classCount
            try output.write(",\n  \"gradient\": [\n")
            for i in 0..<report.batch.sampleCount {
                try output.write((i == 0 ? "" : ",\n") + "    " + JSONText.array(gradient[(i * c)..<((i + 1) * c)]))
            }
            try output.write("\n  ]")
        }
        try output.write("\n}\n")
    }

    // MARK: CSV

    /// A header, then one row per sample:
    /// `sample,label,rank,region,selected,counts,margin,loss`, plus `grad_0 … grad_{C−1}` when asked.
    static func csv(_ report: BatchReport, to output: TextWriter) throws(WriteFailure) {
        var header = ["sample", "label", "rank", "region", "selected", "counts", "margin", "loss"]
        let c = report.batch.classCount
        let gradient = report.result.gradient
        if gradient != nil { header += (0..<c).map { "grad_\($0)" } }
        try output.write(header.joined(separator: ",") + "\n")
        for (i, outcome) in report.result.samples.enumerated() {
            var row = [
                String(i), String(outcome.label), String(outcome.rank), report.region(outcome).identifier,
                outcome.selected ? "1" : "0", outcome.counts ? "1" : "0",
                CSVText.number(outcome.margin), CSVText.number(outcome.loss),
            ]
            if let gradient { row += gradient[(i * c)..<((i + 1) * c)].map(CSVText.number) }
            try output.write(row.joined(separator: ",") + "\n")
        }
    }
}
