import Explorer
import LossMath

/// The three renderings of one evaluated sample.
///
/// Every renderer returns the whole output as one string (at most 10,000 classes,
/// a few hundred kilobytes), so nothing partial is ever printed.
enum FormatSample {
    // MARK: Table

    /// An aligned table: one row per class (index, angle when given, input, logit,
    /// probability, gradient), the target marked, then the loss.
    static func table(_ report: SampleReport) -> String {
        let sample = report.sample
        var lines = [headline(sample, boundary: report.boundary)]
        lines.append("")

        // The margin family shows ∂L/∂θ beside ∂L/∂cos θ (the cone point makes the latter unbounded).
        let angular = sample.loss.usesCosines && sample.transform.cosineShift == nil
        var columns: [(String, FormatTable.Alignment)] = [("class", .right)]
        if sample.angles != nil { columns.append(("θ (deg)", .right)) }
        if sample.loss.usesCosines {
            columns += [("cos θ", .right), ("logit", .right), ("probability", .right), ("∂L/∂cos θ", .right)]
            if angular { columns.append(("∂L/∂θ", .right)) }
        } else {
            columns += [("logit", .right), ("probability", .right), ("∂L/∂logit", .right)]
        }
        var table = FormatTable(columns)
        for j in sample.inputs.indices {
            var row = [String(j)]
            if let angles = sample.angles { row.append(FormatNumber.fixed(angles[j], decimals: 3)) }
            if sample.loss.usesCosines { row.append(FormatNumber.fixed(sample.inputs[j])) }
            row += [
                FormatNumber.fixed(report.logits[j]),
                FormatNumber.fixed(report.probabilities[j]),
                report.gradient[j].isFinite ? FormatNumber.fixed(report.gradient[j]) : "∞ (unbounded)",
            ]
            if angular, let angle = report.angleGradient { row.append(FormatNumber.fixed(angle[j])) }
            table.append(row, suffix: j == sample.target ? "◀ target" : "")
        }
        lines += table.lines()
        lines.append("")
        if let boundary = report.boundary {
            lines.append(boundaryLine(boundary, classes: sample.inputs.count))
        }
        lines.append(lossLine(report))
        if let note = unboundedNote(report) { lines.append(note) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why ∂L/∂cos θ_y is unbounded, when it is: the cone point of ArcFace or the combined margin.
    static func unboundedNote(_ report: SampleReport) -> String? {
        guard report.gradient.contains(where: { !$0.isFinite }) else { return nil }
        return "∂L/∂cos θ_y is unbounded: f′(cos θ_y) → ∞ at cos θ_y = ±1 (a cone point of the angular margin); ∂L/∂θ_y is finite."
    }

    static func headline(_ sample: ResolvedSample, boundary: BoundaryFacts?) -> String {
        var parts = [sample.loss.displayName]
        if sample.loss.usesCosines { parts.append("s = \(FormatNumber.setting(sample.scale))") }
        let (type, values) = MarginType.of(sample.transform)
        switch sample.transform {
        case .additiveAngular(let m, let fallback):
            parts.append("m = \(FormatNumber.setting(m))")
            parts.append("fallback: \(fallback.rawValue)")
        case .multiplicativeAngular(let m, let lambda):
            parts.append("m = \(m)")
            parts.append("λ = \(FormatNumber.setting(lambda))")
        default:
            // Every other margin: its parameters by the command line's names (m, m1, m2, m3).
            let named = zip(type.parameters, values).map { row, value in
                "\(row.id == .margin ? "m" : row.option ?? row.symbol) = \(FormatNumber.setting(value))"
            }
            if !named.isEmpty { parts.append(named.joined(separator: ", ")) }
        }
        if sample.loss == .bdlmcl, type != .cosFace, type != .normFace {
            parts.append("margin type: \(type.rawValue)")
        }
        if let boundary {
            parts.append("k = \(boundary.topK)")
            parts.append("unselected: \(boundary.unselected.rawValue)")
        }
        parts.append("target = \(sample.target)")
        parts.append("\(sample.inputs.count) classes")
        return parts.joined(separator: "   ")
    }

    static func boundaryLine(_ boundary: BoundaryFacts, classes: Int) -> String {
        let rank = "rank \(boundary.rank) of \(classes) among the margin-adjusted scores"
        if boundary.selected {
            return "\(rank): boundary sample (1 < rank ≤ k), margin \(FormatNumber.setting(boundary.appliedMargin)) applied."
        }
        let why = boundary.rank == 1 ? "margin satisfied (rank 1)" : "beyond top-k (rank > \(boundary.topK))"
        if boundary.counts {
            return "\(rank): \(why), not selected, counted without margin."
        }
        return "\(rank): \(why), not selected, excluded from the loss (loss and gradient are 0)."
    }

    static func lossLine(_ report: SampleReport) -> String {
        let p = report.probabilities[report.sample.target]
        if let boundary = report.boundary, !boundary.counts {
            return "loss = 0 (excluded)   p(target) = \(FormatNumber.fixed(p))"
        }
        return "loss = \(FormatNumber.fixed(report.loss))   p(target) = \(FormatNumber.fixed(p))"
    }

    // MARK: JSON

    /// `{"kind","scale","margin","target","inputs",["angles",]"logits","probabilities","loss","gradient"}`,
    /// plus `"topK","unselected","rank","selected","counts","appliedMargin"` for BD-LMCL.
    /// `scale` and `margin` are null for softmax; `inputs` are the logits (softmax)
    /// or the cosines actually used (for `--angles`, the cosines of the angles).
    static func json(_ report: SampleReport) -> String {
        let sample = report.sample
        var members: [(String, String)] = [
            ("kind", JSONText.string(sample.loss.rawValue)),
            ("scale", sample.loss.usesCosines ? JSONText.number(sample.scale) : "null"),
            ("margin", sample.loss.usesCosines ? JSONText.number(sample.margin) : "null"),
            ("target", String(sample.target)),
            ("inputs", JSONText.array(sample.inputs)),
        ]
        if let angles = sample.angles { members.append(("angles", JSONText.array(angles))) }
        members += [
            ("logits", JSONText.array(report.logits)),
            ("probabilities", JSONText.array(report.probabilities)),
            ("loss", JSONText.number(report.loss)),
            ("gradient", JSONText.array(report.gradient)),
        ]
        if let angle = report.angleGradient { members.append(("angleGradient", JSONText.array(angle))) }
        if let note = unboundedNote(report) { members.append(("note", JSONText.string(note))) }
        if let boundary = report.boundary {
            members += [
                ("topK", String(boundary.topK)),
                ("unselected", JSONText.string(boundary.unselected.rawValue)),
                ("rank", String(boundary.rank)),
                ("selected", String(boundary.selected)),
                ("counts", String(boundary.counts)),
                ("appliedMargin", JSONText.number(boundary.appliedMargin)),
            ]
        }
        return JSONText.object(members) + "\n"
    }

    // MARK: CSV

    /// A header, then one row per class:
    /// `class,target,[angle,]cosine,logit,probability,gradient` (softmax: no angle or cosine column).
    /// The loss is not a per-class quantity: use `--format json` for it.
    static func csv(_ report: SampleReport) -> String {
        let sample = report.sample
        var header = ["class", "target"]
        if sample.angles != nil { header.append("angle") }
        if sample.loss.usesCosines { header.append("cosine") }
        header += ["logit", "probability", "gradient"]
        var lines = [header.joined(separator: ",")]
        for j in sample.inputs.indices {
            var row = [String(j), j == sample.target ? "1" : "0"]
            if let angles = sample.angles { row.append(CSVText.number(angles[j])) }
            if sample.loss.usesCosines { row.append(CSVText.number(sample.inputs[j])) }
            row += [
                CSVText.number(report.logits[j]),
                CSVText.number(report.probabilities[j]),
                CSVText.number(report.gradient[j]),
            ]
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Minimal JSON text building (numbers in shortest round-trip form).
enum JSONText {
    static func number(_ x: Double) -> String { FormatNumber.exact(x) ?? "null" }

    static func array<Values: Collection<Double>>(_ values: Values) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An object with one member per line, values given as JSON text.
    static func object(_ members: [(String, String)], indent: String = "") -> String {
        let inner = members.map { "\(indent)  \(string($0.0)): \($0.1)" }
        return "{\n" + inner.joined(separator: ",\n") + "\n\(indent)}"
    }
}

/// CSV number text: shortest round-trip form, empty for non-finite values.
enum CSVText {
    static func number(_ x: Double) -> String { FormatNumber.exact(x) ?? "" }
}
