import Foundation

/// One measured row of `marginscope bench`.
struct BenchRow: Sendable {
    /// What was timed, e.g. `lmcl loss+grad`.
    var name: String
    /// The size it was timed at: `BxC` for a batch, `WxH` for a frame.
    var size: String
    /// Median wall time in milliseconds.
    var medianMilliseconds: Double
    /// The peer timed on the same computation beside this row (`NumPy`, `PyTorch fused, 2 threads`), if any.
    var peer: String?
    /// The peer's median for the same computation.
    var peerMilliseconds: Double?
    /// The target this row is held to, if any.
    var target: BenchTarget?

    /// The peer's time over ours (how many times faster we are).
    var ratio: Double? { peerMilliseconds.map { $0 / medianMilliseconds } }

    /// Whether the row meets its target (nil without one, or when the target needs a peer that did not run).
    var meetsTarget: Bool? {
        guard let target else { return nil }
        if let maximum = target.maximumMilliseconds, medianMilliseconds > maximum { return false }
        if let minimum = target.minimumRatio {
            guard let ratio else { return nil }
            return ratio >= minimum
        }
        return true
    }

    /// The same row set beside a peer, held to `minimumRatio` against it as well as to its own time bound.
    func beside(_ peer: String, milliseconds: Double, minimumRatio: Double) -> BenchRow {
        BenchRow(
            name: name, size: size, medianMilliseconds: medianMilliseconds, peer: peer, peerMilliseconds: milliseconds,
            target: BenchTarget(
                maximumMilliseconds: target?.maximumMilliseconds, minimumRatio: minimumRatio,
                basis: target?.basis))
    }

    /// `{"name": …, "size": …, "median_ms": …, "peer": …, "peer_ms": …}` on one line (peer keys null without a peer).
    var json: String {
        func number(_ v: Double) -> String { v.isFinite ? String(format: "%.4f", v) : "null" }
        return "{\"name\": \(Self.quoted(name)), \"size\": \(Self.quoted(size)), "
            + "\"median_ms\": \(number(medianMilliseconds)), \"peer\": \(peer.map(Self.quoted) ?? "null"), "
            + "\"peer_ms\": \(peerMilliseconds.map(number) ?? "null")}"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A performance target from the issues: at most so many milliseconds, and/or at least
/// so many times faster than the row's peer.
struct BenchTarget: Sendable {
    var maximumMilliseconds: Double?
    var minimumRatio: Double?
    /// Where the time bound comes from when it is measured, not fixed (e.g. `1.5× floor`).
    var basis: String?

    var description: String {
        var parts: [String] = []
        if let maximumMilliseconds {
            parts.append("≤ \(BenchReport.decimal(maximumMilliseconds)) ms" + (basis.map { " = \($0)" } ?? ""))
        }
        if let minimumRatio { parts.append("≥ \(BenchReport.short(minimumRatio))× peer") }
        return parts.joined(separator: ", ")
    }
}

/// The table `marginscope bench` prints.
enum BenchReport {
    static func table(_ rows: [BenchRow], notes: [String]) -> String {
        let header = ["benchmark", "size", "median ms", "peer", "peer ms", "peer/ours", "target"]
        var cells: [[String]] = [header]
        for row in rows {
            var target = ""
            if let t = row.target {
                switch row.meetsTarget {
                case true?: target = "met (\(t.description))"
                case false?: target = "MISSED (\(t.description))"
                case nil: target = "\(t.description): no peer figure"
                }
            }
            cells.append([
                row.name, row.size, decimal(row.medianMilliseconds), row.peer ?? "",
                row.peerMilliseconds.map(decimal) ?? "–",
                row.ratio.map { String(format: "%.1f×", $0) } ?? "–",
                target,
            ])
        }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in cells.enumerated() {
            var line = ""
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                // Names left-aligned, numbers right-aligned, the target note last and ragged.
                switch column {
                case 0, 1, 3: line += cell + pad + "  "
                case header.count - 1: line += cell
                default: line += pad + cell + "  "
                }
            }
            lines.append(line.trimmingTrailingSpaces)
            if index == 0 { lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))) }
        }
        return (lines + [""] + notes).joined(separator: "\n") + "\n"
    }

    /// Three significant figures, without exponent notation for bench-sized values.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        if value >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }

    /// A target figure as written in the issue (16, 1, 100, 5).
    static func short(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
