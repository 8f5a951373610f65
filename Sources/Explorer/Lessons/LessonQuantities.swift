import Foundation
import LossMath

/// The numbers a lesson's narrative may name, `{loss}`, `{p_y}`, `{shift_deg}`, …,
/// each computed from the live state so the text can never disagree with the screen.
///
/// One table, many readers: the lesson view fills placeholders from `values(_:)`,
/// the checker accepts exactly the names listed here, and Docs/Lessons.md lists them.
/// Everything comes from `Evaluation` (LossMath's results), `CosFaceBounds`, the
/// cosine plot's crossing angle and the batch screen's `BatchSnapshot`; nothing is
/// recomputed here. Names that depend on the screen (`loss`, `p_y`, `cos_y`, …) read
/// the panel the state's screen shows: softmax logits, the cosine screen's LMCL,
/// the geometry screen's LMCL, the batch's BD-LMCL.
public enum LessonQuantities {
    /// What a quantity is computed from.
    public struct Inputs {
        public var state: ExplorerState
        public var evaluation: Evaluation
        /// The batch screen's numbers; nil when not computed (batch names then show `—`).
        public var batch: BatchSnapshot?

        public init(state: ExplorerState, evaluation: Evaluation? = nil, batch: BatchSnapshot? = nil) {
            self.state = state
            self.evaluation = evaluation ?? Evaluation(state)
            self.batch = batch
        }
    }

    /// One named number: its meaning (for Docs/Lessons.md), the widest text it can
    /// take (for the checker's fit test), and how it is computed and written.
    ///
    /// The widths hold at the grids' extremes: s = 1000 and m = 2 give losses up to
    /// about 4000 ("4000.0000") and logits down to −3000 ("-3000.000").
    public struct Quantity: Sendable {
        public var name: String
        public var meaning: String
        public var widest: Int
        let text: @Sendable (Inputs) -> String?
    }

    /// Every quantity, in the order Docs/Lessons.md lists them.
    public static let all: [Quantity] = [
        // Settings
        Quantity(name: "s", meaning: "scale s", widest: 6) { trim($0.state.scale, 2) },
        Quantity(name: "m", meaning: "margin m", widest: 4) { trim($0.state.margin, 2) },
        Quantity(name: "y", meaning: "target class", widest: 2) { "\($0.state.target)" },
        Quantity(name: "C", meaning: "number of classes (softmax, cosine, geometry screens)", widest: 2) { "\($0.state.classCount)" },
        Quantity(name: "N", meaning: "samples in the batch", widest: 5) { "\($0.state.batch.samples)" },
        Quantity(name: "k", meaning: "top-k of the BD-LMCL rule", widest: 5) { "\($0.state.batch.topK)" },
        // The screen's own loss
        Quantity(name: "loss", meaning: "the loss the screen shows (batch: BD-LMCL batch loss)", widest: 9) { i in
            switch i.state.screen {
            case .softmax: return f4(i.evaluation.softmax.loss)
            case .cosine, .compare: return f4(i.evaluation.margined.loss)
            case .geometry: return f4(i.evaluation.geometry.cosineResult.loss)
            case .batch: return i.batch.map { f4($0.bdlmcl.loss) }
            case .train: return nil
            }
        },
        Quantity(name: "p_y", meaning: "target probability on the screen (LMCL on cosine and geometry)", widest: 6) { i in
            probabilities(i).map { f4($0[i.state.target]) }
        },
        Quantity(name: "rival", meaning: "strongest other class (largest logit or cosine)", widest: 2) { i in
            rival(i).map { "\($0)" }
        },
        Quantity(name: "p_rival", meaning: "probability of the rival", widest: 6) { i in
            guard let r = rival(i), let p = probabilities(i) else { return nil }
            return f4(p[r])
        },
        // Softmax screen
        Quantity(name: "x_y", meaning: "target logit", widest: 6) { f2($0.state.logits[$0.state.target]) },
        Quantity(name: "lse", meaning: "LSE of the logits", widest: 9) { i in
            f4(i.evaluation.softmax.loss + i.state.logits[i.state.target])
        },
        Quantity(name: "grad_y", meaning: "softmax ∂L/∂x_y = p_y − 1", widest: 7) { i in
            f4(i.evaluation.softmax.gradient[i.state.target])
        },
        Quantity(name: "grad_rival", meaning: "softmax ∂L/∂x of the rival = p_rival", widest: 7) { i in
            guard i.state.screen == .softmax, let r = rival(i) else { return nil }
            return f4(i.evaluation.softmax.gradient[r])
        },
        // Cosines (cosine screen, or the geometry picture)
        Quantity(name: "cos_y", meaning: "cos θ_y", widest: 6) { i in cosines(i).map { f3($0[i.state.target]) } },
        Quantity(name: "theta_y", meaning: "θ_y in degrees", widest: 5) { i in
            cosines(i).map { f1(ExplorerState.degrees(acosOf: $0[i.state.target])) }
        },
        Quantity(name: "cos_rival", meaning: "cos θ of the rival", widest: 6) { i in
            guard let r = rival(i), let c = cosines(i) else { return nil }
            return f3(c[r])
        },
        Quantity(name: "gap", meaning: "cos θ_y − m − cos θ_rival (negative: the margin is violated)", widest: 6) { i in
            guard let r = rival(i), let c = cosines(i) else { return nil }
            return f3(c[i.state.target] - i.state.margin - c[r])
        },
        Quantity(name: "z_y", meaning: "LMCL target logit s·(cos θ_y − m)", widest: 9) { i in
            f3(i.evaluation.lmcl.logits[i.state.target])
        },
        Quantity(name: "z_rival", meaning: "LMCL logit of the rival s·cos θ_rival", widest: 9) { i in
            guard let r = rival(i) else { return nil }
            return f3(i.evaluation.lmcl.logits[r])
        },
        Quantity(name: "loss_nf", meaning: "NormFace loss of the cosine screen", widest: 9) { f4($0.evaluation.normFace.loss) },
        Quantity(name: "p_y_nf", meaning: "NormFace p_y of the cosine screen", widest: 6) { i in
            f4(i.evaluation.normFace.probabilities[i.state.target])
        },
        Quantity(name: "loss_lmcl", meaning: "LMCL loss of the cosine screen", widest: 9) { f4($0.evaluation.lmcl.loss) },
        Quantity(name: "p_y_lmcl", meaning: "LMCL p_y of the cosine screen", widest: 6) { i in
            f4(i.evaluation.lmcl.probabilities[i.state.target])
        },
        Quantity(name: "dcos_y", meaning: "LMCL ∂L/∂cos θ_y", widest: 9) { i in f3(i.evaluation.lmcl.gradient[i.state.target]) },
        Quantity(name: "dcos_y_nf", meaning: "NormFace ∂L/∂cos θ_y", widest: 9) { i in
            f3(i.evaluation.normFace.gradient[i.state.target])
        },
        Quantity(name: "crossing_nf", meaning: "θ_y (deg) where the target ties the rival without margin", widest: 5) { i in
            crossing(i, margin: 0).map(f1)
        },
        Quantity(name: "crossing_lmcl", meaning: "θ_y (deg) where the target ties the rival with margin m", widest: 5) { i in
            crossing(i, margin: i.state.margin).map(f1)
        },
        Quantity(name: "shift_deg", meaning: "how far the margin moves that crossing, in degrees", widest: 5) { i in
            guard let a = crossing(i, margin: 0), let b = crossing(i, margin: i.state.margin) else { return nil }
            return f1(a - b)
        },
        // Bounds (CosFace paper)
        Quantity(name: "s_bound", meaning: "smallest s for p_y = 0.99 with C classes", widest: 6) { i in
            f2(CosFaceBounds.minimumScale(classes: i.state.classCount, targetProbability: 0.99))
        },
        Quantity(name: "m_bound_2d", meaning: "largest m for 2-D features, 1 − cos(2π/C)", widest: 5) { i in
            f2(CosFaceBounds.maximumMarginPlanar(classes: i.state.classCount))
        },
        Quantity(name: "m_bound_d", meaning: "largest m when d ≥ C − 1, C/(C − 1)", widest: 5) { i in
            f2(CosFaceBounds.maximumMarginHighDimensional(classes: i.state.classCount))
        },
        // Geometry screen
        Quantity(name: "phi_x", meaning: "direction of x in degrees", widest: 5) { i in
            f1(ValueGrid.direction.value(i.state.featureDirectionSteps))
        },
        Quantity(name: "grad_norm", meaning: "‖∂L/∂x‖ on the geometry screen", widest: 8) { i in
            f3(norm(i.evaluation.geometry.featureGradient))
        },
        Quantity(name: "x_dot_grad", meaning: "x·∂L/∂x on the geometry screen (0 up to rounding)", widest: 8) { i in
            let x = i.evaluation.feature, g = i.evaluation.geometry.featureGradient
            // Rounding leaves ~1e-16; the screen writes it in exponent form, the narrative as 0.000.
            return f3(zip(x, g).reduce(0) { $0 + $1.0 * $1.1 })
        },
        Quantity(name: "loss_geo_nf", meaning: "NormFace loss of the geometry picture", widest: 9) {
            f4($0.evaluation.geometryNormFace.loss)
        },
        // Batch screen
        Quantity(name: "n_satisfied", meaning: "samples with rank 1 (margin satisfied)", widest: 5) { region($0, .satisfied) },
        Quantity(name: "n_boundary", meaning: "boundary samples (1 < rank ≤ k), the ones BD-LMCL selects", widest: 5) {
            region($0, .boundary)
        },
        Quantity(name: "n_beyond", meaning: "samples beyond the top k (rank > k)", widest: 5) { region($0, .beyondTopK) },
        Quantity(name: "loss_batch_lmcl", meaning: "LMCL batch loss", widest: 9) { i in i.batch.map { f4($0.lmcl.loss) } },
        Quantity(name: "loss_batch_bdlmcl", meaning: "BD-LMCL batch loss", widest: 9) { i in i.batch.map { f4($0.bdlmcl.loss) } },
        Quantity(name: "share_boundary_lmcl", meaning: "% of LMCL's gradient spent on boundary samples", widest: 3) {
            share($0, .boundary, bd: false)
        },
        Quantity(name: "share_boundary_bdlmcl", meaning: "% of BD-LMCL's gradient spent on boundary samples", widest: 3) {
            share($0, .boundary, bd: true)
        },
        Quantity(name: "share_beyond_lmcl", meaning: "% of LMCL's gradient spent on samples beyond k", widest: 3) {
            share($0, .beyondTopK, bd: false)
        },
    ]

    /// The quantity called `name`, if there is one.
    public static func named(_ name: String) -> Quantity? { byName[name] }

    /// Every quantity's text for these inputs; a quantity that means nothing here
    /// (a batch number without a batch, a rival with one class) is `—`.
    public static func values(_ inputs: Inputs) -> [String: String] {
        var out: [String: String] = [:]
        for q in all { out[q.name] = q.text(inputs) ?? "—" }
        return out
    }

    private static let byName: [String: Quantity] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    // MARK: Reading the evaluation

    private static func probabilities(_ i: Inputs) -> [Double]? {
        switch i.state.screen {
        case .softmax: return i.evaluation.softmax.probabilities
        case .cosine, .compare: return i.evaluation.margined.probabilities
        case .geometry: return i.evaluation.geometry.cosineResult.probabilities
        case .batch, .train: return nil
        }
    }

    private static func cosines(_ i: Inputs) -> [Double]? {
        switch i.state.screen {
        case .geometry: return i.evaluation.geometry.cosineResult.cosines
        case .softmax, .cosine, .batch, .compare: return i.state.cosines
        case .train: return nil
        }
    }

    /// The class with the largest logit (softmax) or cosine (otherwise) other than y.
    private static func rival(_ i: Inputs) -> Int? {
        let values = i.state.screen == .softmax ? i.state.logits : (cosines(i) ?? [])
        return values.indices.filter { $0 != i.state.target }.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }
    }

    private static func crossing(_ i: Inputs, margin: Double) -> Double? {
        guard let r = DecisionBoundary.strongestRival(cosines: i.state.cosines, target: i.state.target) else { return nil }
        let transform: TargetTransform = margin == 0 ? .identity : .additiveCosine(margin: margin)
        return DecisionBoundary.crossing(transform: transform, rivalCosine: r.cosine)
    }

    private static func region(_ i: Inputs, _ r: BatchRegion) -> String? {
        i.batch.map { "\($0.summary.regions[r.rawValue].count)" }
    }

    private static func share(_ i: Inputs, _ r: BatchRegion, bd: Bool) -> String? {
        guard let summary = i.batch?.summary else { return nil }
        let total = bd ? summary.bdlmclGradientTotal : summary.lmclGradientTotal
        let part = bd ? summary.regions[r.rawValue].bdlmclGradient : summary.regions[r.rawValue].lmclGradient
        return total > 0 ? String(format: "%.0f", 100 * part / total) : "0"
    }

    private static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    // MARK: Writing numbers

    private static func f1(_ v: Double) -> String { fixed(v, 1) }
    private static func f2(_ v: Double) -> String { fixed(v, 2) }
    private static func f3(_ v: Double) -> String { fixed(v, 3) }
    private static func f4(_ v: Double) -> String { fixed(v, 4) }

    /// Fixed decimals, never "-0.000" (a tiny negative rounds to plain 0).
    private static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "—" : (v > 0 ? "∞" : "−∞") }
        let s = String(format: "%.\(digits)f", v)
        return s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(s.dropFirst()) : s
    }

    /// A setting as the state string writes it: 30 rather than 30.00, 0.35 rather than 0.350.
    private static func trim(_ v: Double, _ digits: Int) -> String { StateString.trim(fixed(v, digits)) }
}
