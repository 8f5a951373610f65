import Foundation
import LossMath
import TerminalUI

@testable import Explorer

/// The fuzzer's seeded generator: the same seed gives the same events.
typealias FuzzRandom = SplitMix64

extension SplitMix64 {
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &self)] }
}

/// Makes the fuzzer's events: keys (bound and arbitrary), mouse events aimed at
/// the regions of the last frame or anywhere, resizes, and typed values.
///
/// Sizes run from 1×1 to 300×100: half of the resizes pick from the sizes
/// worth hitting exactly (the minimum 60×20 and one below it, 80×24, 79×23,
/// the tiny ones), half are uniform over the whole range.
struct FuzzEvents {
    var random: FuzzRandom

    init(seed: UInt64) { random = FuzzRandom(seed: seed) }

    /// Every key the key table binds, and the keys the prompt reads.
    static let boundKeys: [Key] = Array(
        Set(
            KeyTable.bindings.flatMap(\.keys)
                + [.enter, .escape, .backspace, .delete, .character("."), .character("-"), .character("e")]
                + (0...9).map { Key.character(Character(String($0))) })
    )
    .sorted { "\($0)" < "\($1)" }

    /// Keys nothing is bound to, or only on some screens; characters a prompt must survive.
    static let otherKeys: [Key] = [
        .shiftUp, .shiftDown, .insert, .delete, .backspace, .control("z"), .control("\\"), .control("d"),
        .control("l"), .control("["), .function(1), .function(5), .function(12), .function(0), .function(64),
        .character(" "), .character("θ"), .character("中"), .character("é"), .character("\u{301}"),
        .character("🙂"), .character("\t"), .character("\u{7F}"), .character("'"), .character("\""),
        .character("°"), .character("−"), .character("N"), .character("I"), .character("%"),
    ]

    /// Values worth typing into a prompt: the limits, just past them, and things that are not numbers.
    static let typedValues = [
        "0", "0.01", "0.005", "1000", "1000.01", "30", "64", "0.35", "0.45", "2", "2.01", "1e6", "-1e6", "1e6.5",
        "1000000", "-1000000", "1000000.01", "1e-300", "1e308", "1e309", "-1e309", "nan", "NaN", "inf", "-inf",
        "infinity", "1", "-1", "1.0001", "-1.0001", "0.999", "180", "180.05", "359.9", "360", "-0.05", "4096",
        "4097", "10000", "10001", "12", "-0", "  3 ", "−0.5", "45°", "", ".", "-", "e", "0x10", "1_000", "٣", "½",
        "99999999999999999999", "1e15", "18446744073709551616",
    ]

    static let namedSizes: [(Int, Int)] = [
        (1, 1), (2, 2), (10, 3), (79, 23), (80, 24), (300, 100), (60, 20), (59, 20), (60, 19), (61, 21),
        (100, 30), (120, 40), (160, 48), (200, 60), (40, 12), (0, 0), (1, 100), (300, 1),
    ]

    /// The next events (one, or a few for a typed value) for a screen of `width`×`height` with mouse regions `hits`.
    mutating func next(width: Int, height: Int, hits: HitMap) -> [Event] {
        let roll = Double.random(in: 0..<1, using: &random)
        switch roll {
        case ..<0.55: return [.key(random.pick(Self.boundKeys))]
        case ..<0.62: return [.key(random.pick(Self.otherKeys))]
        case ..<0.64: return [.key(arbitraryKey())]
        case ..<0.82: return [.mouse(mouse(width: width, height: height, hits: hits))]
        case ..<0.87:
            let (w, h) = size()
            return [.resize(width: w, height: h)]
        default:
            // A whole entry: open the prompt, type a value, submit (or cancel).
            let text = random.pick(Self.typedValues)
            let end: Key = random.chance(0.9) ? .enter : .escape
            return [.key(.enter)] + text.map { .key(.character($0)) } + [.key(end)]
        }
    }

    mutating func size() -> (Int, Int) {
        if random.chance(0.5) { return random.pick(Self.namedSizes) }
        return (Int.random(in: 1...300, using: &random), Int.random(in: 1...100, using: &random))
    }

    mutating func arbitraryKey() -> Key {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .character(Character(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &random))))
        case 1: return .control(Character(UnicodeScalar(UInt8.random(in: 0x61...0x7A, using: &random))))
        case 2: return .function(Int.random(in: -1...70, using: &random))
        default:
            let scalar = UnicodeScalar(UInt32.random(in: 0xA0...0x2FFFF, using: &random)) ?? "?"
            return .character(Character(scalar))
        }
    }

    mutating func mouse(width: Int, height: Int, hits: HitMap) -> MouseEvent {
        let actions: [MouseAction] = [.press, .press, .drag, .release]
        let buttons: [MouseButton] = [.left, .left, .left, .left, .right, .middle, .wheelUp, .wheelDown]
        let action = random.pick(actions)
        var button = random.pick(buttons)
        if !hits.regions.isEmpty, random.chance(0.8) {
            // Aim at a region the last frame drew: a tab, a field, a slider, a table row.
            let r = random.pick(hits.regions).rect
            if random.chance(0.5) { button = .left }
            let x = Int.random(in: r.x..<max(r.x + 1, r.maxX), using: &random)
            let y = Int.random(in: r.y..<max(r.y + 1, r.maxY), using: &random)
            return MouseEvent(action, button, x: x, y: y)
        }
        return MouseEvent(
            action, button, x: Int.random(in: -3...(width + 3), using: &random),
            y: Int.random(in: -3...(height + 3), using: &random))
    }
}

/// The explorer's invariants, as lists of violations (empty when all hold).
enum FuzzInvariants {
    /// Values within bounds and on their grid, a valid target, consistent class lists, a valid batch setting.
    static func check(_ s: ExplorerState) -> [String] {
        var v: [String] = []
        func grid(_ name: String, _ g: ValueGrid, _ steps: Int) {
            if !g.contains(steps) { v.append("\(name) = \(steps) steps is outside \(g.minimumSteps)...\(g.maximumSteps)") }
            if g.steps(nearest: g.value(steps)) != steps { v.append("\(name) = \(steps) steps is off its grid") }
        }
        grid("s", .scale, s.scaleSteps)
        grid("m", .margin, s.marginSteps)
        grid("direction of x", .direction, s.featureDirectionSteps)
        grid("spread", .spread, s.batch.spreadSteps)
        for (j, x) in s.logitSteps.enumerated() { grid("logit \(j)", .logit, x) }
        for (j, c) in s.inputSteps.enumerated() { grid("input \(j)", s.inputGrid, c) }
        for (j, d) in s.weightDirectionSteps.enumerated() { grid("direction of W\(j)", .direction, d) }
        let counts = [s.logitSteps.count, s.inputSteps.count, s.weightDirectionSteps.count]
        if Set(counts).count != 1 { v.append("class lists disagree: \(counts)") }
        if !(ExplorerState.minimumClasses...ExplorerState.maximumClasses).contains(s.classCount) {
            v.append("\(s.classCount) classes")
        }
        if !(0..<s.classCount).contains(s.target) { v.append("target \(s.target) with \(s.classCount) classes") }
        // A file batch may be larger than a synthetic one can be made.
        let samples = s.batch.file == nil ? BatchSettings.sampleRange : 1...Int.max
        let classes = s.batch.file == nil ? BatchSettings.classRange : 2...Int.max
        if !samples.contains(s.batch.samples) { v.append("batch N = \(s.batch.samples)") }
        if !classes.contains(s.batch.classes) { v.append("batch C = \(s.batch.classes)") }
        if !(2...max(2, s.batch.classes)).contains(s.batch.topK) { v.append("k = \(s.batch.topK) with C = \(s.batch.classes)") }
        if !(0..<s.batch.samples).contains(s.batch.selectedSample) {
            v.append("selected sample \(s.batch.selectedSample) of \(s.batch.samples)")
        }
        if s.width < 0 || s.height < 0 { v.append("size \(s.width)x\(s.height)") }
        if !s.fields(on: s.screen).contains(s.focusedField) { v.append("focus \(s.focusedField) not on \(s.screen)") }
        if case .entry(let field, _) = s.overlay, s.gridAndSteps(of: field) == nil,
            ![.topK, .batchSamples, .batchClasses, .batchSeed].contains(field)
        {
            v.append("prompt open for \(field), which cannot be typed")
        }
        return v
    }

    /// Probabilities that sum to 1 within 1e-12, and nothing but finite numbers, on every single-sample screen.
    static func check(_ e: Evaluation) -> [String] {
        var v: [String] = []
        func distribution(_ name: String, probabilities p: [Double], logits: [Double], loss: Double, gradient: [Double]) {
            let sum = p.reduce(0, +)
            if !(abs(sum - 1) <= 1e-12) { v.append("\(name): probabilities sum to \(sum)") }
            if p.contains(where: { !($0 >= 0 && $0 <= 1) }) { v.append("\(name): probability outside [0, 1]: \(p)") }
            if !loss.isFinite || loss < -1e-9 { v.append("\(name): loss \(loss)") }
            if (logits + gradient).contains(where: { !$0.isFinite }) { v.append("\(name): non-finite logit or gradient") }
        }
        // The margin family: ∂L/∂cos θ_y may be infinite only at a cone point (cos θ_y = ±1); ∂L/∂θ is always finite.
        func margined(_ name: String, _ r: CosineLossResult) {
            let y = r.target
            let rivals = r.gradient.enumerated().filter { $0.offset != y }.map(\.element)
            distribution(name, probabilities: r.probabilities, logits: r.logits, loss: r.loss, gradient: rivals + r.angleGradient)
            if !r.gradient[y].isFinite && abs(r.cosines[y]) != 1 { v.append("\(name): ∂L/∂cos θ_y infinite at cos θ_y = \(r.cosines[y])") }
        }
        distribution(
            "softmax", probabilities: e.softmax.probabilities, logits: e.softmax.logits,
            loss: e.softmax.loss, gradient: e.softmax.gradient)
        for (name, r) in [
            ("NormFace", e.normFace), ("LMCL", e.lmcl), ("margined", e.margined), ("geometry", e.geometry.cosineResult),
            ("geometry NormFace", e.geometryNormFace),
        ] {
            margined(name, r)
            if r.cosines.contains(where: { !($0 >= -1 && $0 <= 1) }) { v.append("\(name): cosine outside [-1, 1]") }
        }
        let geometry = e.geometry.featureGradient + e.geometry.weightGradients.flatMap { $0 } + e.feature + e.weights.flatMap { $0 }
        if geometry.contains(where: { !$0.isFinite }) { v.append("geometry: non-finite vector") }
        return v
    }

    /// Finite batch numbers.
    static func check(_ b: BatchSnapshot) -> [String] {
        var v: [String] = []
        for (name, r) in [("LMCL", b.lmcl), ("BD-LMCL", b.bdlmcl)] {
            if !r.loss.isFinite { v.append("batch \(name) loss \(r.loss)") }
            if r.samples.count != b.batch.sampleCount { v.append("batch \(name): \(r.samples.count) outcomes") }
            if r.samples.contains(where: { !$0.loss.isFinite || !$0.gradientNorm.isFinite || !$0.margin.isFinite }) {
                v.append("batch \(name): non-finite sample outcome")
            }
        }
        let s = b.summary
        if ![s.lmclGradientTotal, s.bdlmclGradientTotal].allSatisfy(\.isFinite) { v.append("batch summary not finite") }
        if !(2...max(2, b.batch.classCount)).contains(b.rule.topK) { v.append("rule k = \(b.rule.topK)") }
        return v
    }

    /// No "nan" or "inf" drawn, mouse regions inside the frame, the frame the size of the terminal.
    ///
    /// Text the user typed (shown in the prompt, and quoted in a refusal) is masked first:
    /// typing "nan" must be refused, and the refusal may quote it.
    static func check(_ canvas: Canvas, hits: HitMap, state: ExplorerState) -> [String] {
        var v: [String] = []
        if canvas.width != state.width || canvas.height != state.height {
            v.append("frame \(canvas.width)x\(canvas.height) for a \(state.width)x\(state.height) terminal")
        }
        for (y, line) in canvas.lines.enumerated() {
            for word in words(masked(line, prompt: state.overlay != .none)) where ["nan", "inf", "infinity"].contains(word) {
                v.append("row \(y) shows '\(word)': \(line)")
            }
        }
        for region in hits.regions where region.rect.intersection(canvas.bounds) != region.rect {
            v.append("mouse region \(region.rect) for \(region.target) leaves the \(canvas.width)x\(canvas.height) frame")
        }
        return v
    }

    /// The line without user-typed text: quoted spans, and what follows a prompt's "> " while an overlay is open.
    static func masked(_ line: String, prompt: Bool) -> String {
        var out = ""
        var quoted = false
        for ch in line {
            if ch == "'" { quoted.toggle(); continue }
            if !quoted { out.append(ch) }
        }
        if prompt, let start = out.range(of: "> ") { out = String(out[..<start.lowerBound]) }
        return out
    }

    /// Lower-case runs of letters.
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }
}
