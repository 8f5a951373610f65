import Foundation
import LossMath

/// The one-line text form of a state, so a teacher can hand a class an exact setup.
///
/// `ms1;screen=cosine;s=30;m=0.35;y=0;cos=0.62,0.5,0.2,-0.1;…` — fields separated by `;`,
/// each `name=value`, lists comma-separated. `marginscope --state '…'` reads it back;
/// fields left out keep their defaults. Only inputs are written (never a loss).
public enum StateString {
    public static let prefix = "ms1"

    /// The state as one line.
    public static func encode(_ s: ExplorerState) -> String {
        func list(_ steps: [Int], _ g: ValueGrid) -> String { steps.map { trim(g.format($0)) }.joined(separator: ",") }
        var parts = [prefix, "screen=\(s.screen.key)"]
        // s and m always (strings from before the margin family read the same); the rest only where they apply.
        let written = [Settings.scale, Settings.margin] + s.marginType.parameters.filter { $0.id != .margin }
        parts += written.map { "\($0.stateKey)=\(trim($0.grid.format(s[$0.id])))" }
        if s.marginType != .cosFace { parts.append("loss=\(s.marginType.rawValue)") }
        if s.marginType == .arcFace { parts.append("fallback=\(s.fallback.rawValue)") }
        parts.append("y=\(s.target)")
        parts.append(
            (s.inputMode == .cosine ? "cos=" : "deg=") + s.inputs.map { input(text: $0, mode: s.inputMode) }.joined(separator: ","))
        parts.append("logits=" + list(s.logitSteps, .logit))
        parts.append("x=" + trim(ValueGrid.direction.format(s.featureDirectionSteps)))
        parts.append("W=" + list(s.weightDirectionSteps, .direction))
        if let f = s.batch.file {
            parts.append("batch=" + f.replacingOccurrences(of: ";", with: "%3B"))
        } else {
            parts.append("N=\(s.batch.samples)")
            parts.append("C=\(s.batch.classes)")
            parts.append("spread=\(trim(ValueGrid.spread.format(s.batch.spreadSteps)))")
            parts.append("seed=\(s.batch.seed)")
        }
        parts.append("k=\(s.batch.topK)")
        parts.append("rule=\(s.batch.unselected.rawValue)")
        parts.append("plot=\(s.cosinePlot.rawValue)")
        if s.batch.view != .scatter { parts.append("view=\(s.batch.view.rawValue)") }
        if s.batch.selectedSample != 0 { parts.append("row=\(s.batch.selectedSample)") }
        if s.compared != ExplorerState().compared { parts.append("compare=" + s.compared.map(\.rawValue).joined(separator: ",")) }
        if s.comparePlot != .logitAgainstAngle { parts.append("cplot=\(s.comparePlot.rawValue)") }
        // The training screen's fields only where they matter, so other screens' strings stay as they were.
        for row in Settings.trainingValues where s.screen == .train || s[row.id] != row.defaultSteps {
            parts.append("\(row.stateKey)=\(trim(row.grid.format(s[row.id])))")
        }
        if s.train.baseline != TrainSettings().baseline { parts.append("base=\(s.train.baseline.rawValue)") }
        if s.train.epoch != 0 { parts.append("epoch=\(s.train.epoch)") }
        return parts.joined(separator: ";")
    }

    /// A state string that cannot be read, with the part at fault and what is accepted.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Reads a state string; every problem names the field and what would be accepted.
    public static func decode(_ text: String, into base: ExplorerState = ExplorerState()) throws -> ExplorerState {
        var s = base
        var parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";", omittingEmptySubsequences: true).map(
            String.init)
        guard parts.first == prefix else {
            throw ParseError(description: "state string must start with '\(prefix);' (copy it whole from the explorer's S key)")
        }
        parts.removeFirst()
        var cosines: [ClassInput]?, degrees: [ClassInput]?, logits: [Int]?, weights: [Int]?
        for part in parts {
            guard let eq = part.firstIndex(of: "=") else {
                throw ParseError(description: "state string: '\(part)' is not name=value")
            }
            let name = String(part[..<eq]), value = String(part[part.index(after: eq)...])
            switch name {
            case "screen":
                guard let sc = Screen(key: value) else {
                    throw ParseError(
                        description: "state string: screen '\(value)' is not one of \(Screen.allCases.map(\.key).joined(separator: ", "))")
                }
                s.screen = sc
            case "y":
                guard let y = Int(value), y >= 0 else {
                    throw ParseError(description: "state string: y must be a class index 0, 1, 2, …; got '\(value)'")
                }
                s.target = y
            case "cos": cosines = try inputs(value, name, mode: .cosine)
            case "deg": degrees = try inputs(value, name, mode: .angle)
            case "logits": logits = try many(value, name, .logit)
            case "x": s.featureDirectionSteps = try one(value, name, .direction)
            case "W": weights = try many(value, name, .direction)
            case "N": s.batch.samples = try integer(value, name, BatchSettings.sampleRange)
            case "C": s.batch.classes = try integer(value, name, BatchSettings.classRange)
            case "spread": s.batch.spreadSteps = try one(value, name, .spread)
            case "seed":
                guard let v = UInt64(value) else {
                    throw ParseError(description: "state string: seed must be a whole number ≥ 0; got '\(value)'")
                }
                s.batch.seed = v
            case "k": s.batch.topK = try integer(value, name, 2...BatchSettings.classRange.upperBound)
            case "rule":
                guard let r = UnselectedTreatment(rawValue: value) else {
                    throw ParseError(description: "state string: rule must be no-margin or excluded; got '\(value)'")
                }
                s.batch.unselected = r
            case "plot":
                guard let p = Int(value).flatMap(CosinePlot.init(rawValue:)) else {
                    throw ParseError(description: "state string: plot must be 0 to \(CosinePlot.allCases.count - 1); got '\(value)'")
                }
                s.cosinePlot = p
            case "view":
                guard let v = Int(value).flatMap(BatchView.init(rawValue:)) else {
                    throw ParseError(description: "state string: view must be 0, 1 or 2; got '\(value)'")
                }
                s.batch.view = v
            case "loss":
                guard let t = MarginType(rawValue: value) else {
                    throw ParseError(description: "state string: loss must be one of \(MarginType.names); got '\(value)'")
                }
                s.marginType = t
            case "fallback":
                guard let f = ArcFaceFallback(rawValue: value) else {
                    throw ParseError(description: "state string: fallback must be one of \(ArcFaceFallback.names); got '\(value)'")
                }
                s.fallback = f
            case "compare": s.compared = try compared(value)
            case "cplot":
                guard let p = Int(value).flatMap(ComparePlot.init(rawValue:)) else {
                    throw ParseError(description: "state string: cplot must be 0, 1 or 2; got '\(value)'")
                }
                s.comparePlot = p
            case "row": s.batch.selectedSample = try integer(value, name, 0...Int.max)
            case "base":
                guard let loss = TrainSettings.baselines.first(where: { $0.rawValue == value }) else {
                    let names = TrainSettings.baselines.map(\.rawValue).joined(separator: " or ")
                    throw ParseError(description: "state string: base must be \(names); got '\(value)'")
                }
                s.train.baseline = loss
            case "epoch": s.train.epoch = try integer(value, name, 0...TrainSettings.maximumEpoch)
            case "batch":
                // The explorer reads keys from standard input, and "standard input" is what it writes for `--batch -`.
                guard value != "-", value != "standard input" else {
                    throw ParseError(
                        description:
                            "state string: batch=\(value) names standard input, which cannot be read back; give the batch file's path")
                }
                s.batch.file = value.replacingOccurrences(of: "%3B", with: ";")
            default:
                guard let setting = Settings.storedValues.first(where: { $0.stateKey == name }) else {
                    let known =
                        ["screen"] + Settings.storedValues.map(\.stateKey) + [
                            "y", "cos", "deg", "logits", "x", "W", "N", "C", "spread", "seed", "k", "rule", "plot", "view", "row", "batch",
                            "loss", "fallback", "compare", "cplot", "base", "epoch",
                        ]
                    throw ParseError(description: "state string: unknown field '\(name)' (known: \(known.joined(separator: " ")))")
                }
                s[setting.id] = try one(value, name, setting.grid)
            }
        }
        if cosines != nil && degrees != nil {
            throw ParseError(description: "state string: give cos or deg, not both")
        }
        let inputs = cosines ?? degrees
        if let inputs { s.inputs = inputs; s.inputMode = cosines != nil ? .cosine : .angle }
        let count = inputs?.count ?? logits?.count ?? weights?.count ?? s.classCount
        guard (ExplorerState.minimumClasses...ExplorerState.maximumClasses).contains(count) else {
            throw ParseError(
                description:
                    "state string: \(count) classes; the explorer takes \(ExplorerState.minimumClasses) to \(ExplorerState.maximumClasses)")
        }
        s.inputs = try fit(
            inputs ?? s.inputs, count, "cos/deg", fill: s.inputMode == .cosine ? .cosine(0) : .angle(900), given: inputs != nil)
        s.logitSteps = try fit(logits ?? s.logitSteps, count, "logits", fill: 0, given: logits != nil)
        s.weightDirectionSteps = try fit(weights ?? s.weightDirectionSteps, count, "W", fill: nil, given: weights != nil)
        guard s.target < count else {
            throw ParseError(description: "state string: y = \(s.target) but there are \(count) classes (0 to \(count - 1))")
        }
        guard s.batch.topK <= s.batch.classes || s.batch.file != nil else {
            throw ParseError(description: "state string: k = \(s.batch.topK) must be from 2 to C = \(s.batch.classes)")
        }
        s.batch.selectedSample = min(s.batch.selectedSample, max(0, s.batch.samples - 1))
        return s
    }

    /// A list given in the string must have `count` entries; a default list is padded or cut.
    private static func fit(_ list: [Int], _ count: Int, _ name: String, fill: Int?, given: Bool) throws -> [Int] {
        var out = try fit(list, count, name, given: given)
        while out.count < count { out.append(fill ?? ExplorerState.directionInLargestGap(out)) }
        return out
    }

    private static func fit(_ list: [ClassInput], _ count: Int, _ name: String, fill: ClassInput, given: Bool) throws -> [ClassInput] {
        let out = try fit(list, count, name, given: given)
        return out + Array(repeating: fill, count: count - out.count)
    }

    /// The list itself when it has `count` entries; a given list of another length is refused, a default one cut.
    private static func fit<T>(_ list: [T], _ count: Int, _ name: String, given: Bool) throws -> [T] {
        if list.count == count { return list }
        if given {
            throw ParseError(description: "state string: \(name) has \(list.count) values but there are \(count) classes")
        }
        return Array(list.prefix(count))
    }

    /// The suffix that marks an input held in the other form than the list's (`cos=0.62,60deg`, `deg=51.7,0.62cos`).
    private static func suffix(of mode: CosineInputMode) -> String { mode == .cosine ? "cos" : "deg" }

    /// One class input as the `cos=`/`deg=` list of `mode` writes it: plain when in that form, else with its form's suffix.
    private static func input(text input: ClassInput, mode: CosineInputMode) -> String {
        switch input {
        case .cosine(let steps): return trim(ValueGrid.cosine.format(steps)) + (mode == .cosine ? "" : suffix(of: .cosine))
        case .angle(let steps): return trim(ValueGrid.angle.format(steps)) + (mode == .angle ? "" : suffix(of: .angle))
        }
    }

    /// A `cos=` or `deg=` list; an entry may carry the other form's suffix (what `encode` writes after `c`).
    private static func inputs(_ text: String, _ name: String, mode: CosineInputMode) throws -> [ClassInput] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            let other: CosineInputMode = mode == .cosine ? .angle : .cosine
            let form = entry.hasSuffix(suffix(of: other)) ? other : mode
            let number = String(entry.dropLast(form == mode ? 0 : 3))
            let grid: ValueGrid = form == .cosine ? .cosine : .angle
            return ClassInput(steps: try one(number, form == mode ? name : suffix(of: other), grid), mode: form)
        }
    }

    /// The compare screen's losses: 2 to 4 distinct names of the margin family.
    private static func compared(_ text: String) throws -> [MarginType] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var out: [MarginType] = []
        for name in names {
            guard let t = MarginType(rawValue: name) else {
                throw ParseError(description: "state string: compare lists losses from \(MarginType.names); got '\(name)'")
            }
            guard !out.contains(t) else { throw ParseError(description: "state string: compare names \(name) twice") }
            out.append(t)
        }
        guard (ExplorerState.comparedRange).contains(out.count) else {
            throw ParseError(description: "state string: compare takes 2 to 4 losses; got \(out.count)")
        }
        return out
    }

    private static func one(_ text: String, _ name: String, _ grid: ValueGrid) throws -> Int {
        guard let v = Double(text), v.isFinite else {
            throw ParseError(
                description:
                    "state string: \(name) must be a number from \(trim(grid.format(grid.minimumSteps))) to \(trim(grid.format(grid.maximumSteps))); got '\(text)'"
            )
        }
        guard let steps = grid.exactSteps(v) else {
            throw ParseError(description: "state string: \(name) = \(text) is not on the grid of \(name) (steps of \(trim(grid.spacing)))")
        }
        guard grid.contains(steps) else {
            throw ParseError(
                description:
                    "state string: \(name) = \(text) is outside \(trim(grid.format(grid.minimumSteps)))…\(trim(grid.format(grid.maximumSteps)))"
            )
        }
        return steps
    }

    private static func many(_ text: String, _ name: String, _ grid: ValueGrid) throws -> [Int] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { try one(String($0), name, grid) }
    }

    private static func integer(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let v = Int(text), range.contains(v) else {
            throw ParseError(
                description: "state string: \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'")
        }
        return v
    }

    /// "30.00" → "30", "0.350" → "0.35": the shortest text that reads back to the same grid point.
    public static func trim(_ s: String) -> String {
        // ASCII text (every number) is trimmed byte by byte: its characters are its bytes (CR LF aside,
        // which is neither "0" nor "."), and Foundation's substring search is slow.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(s.utf8)
            guard bytes.contains(UInt8(ascii: ".")) else { return s }
            var end = bytes.count
            while end > 0 && bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
            if end > 0 && bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            let t = String(decoding: bytes[..<end], as: UTF8.self)
            return t == "-0" ? "0" : t
        }
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }
}
