/// The `?` help's glossary: every symbol and abbreviation the screens show, with a
/// one-line meaning in each language.
///
/// One table for every reader: the help overlay lists `entries(on:)` for the screen
/// it covers, and a test checks each description exists in both languages.
public enum Glossary {
    /// A symbol as the screens write it, the screens that show it, and its meaning.
    public struct Entry: Hashable, Sendable {
        public var symbol: String
        public var screens: Set<Screen>
        public var meaning: StringKey
    }

    public static let entries: [Entry] = [
        Entry(symbol: "y", screens: [.softmax, .cosine, .geometry, .compare], meaning: .glossaryTarget),
        Entry(symbol: "j, C", screens: [.softmax, .cosine, .geometry, .batch], meaning: .glossaryClassIndex),
        Entry(symbol: "▶", screens: [.softmax, .cosine, .geometry, .batch, .compare, .train], meaning: .glossaryCursor),
        Entry(symbol: "x_j", screens: [.softmax], meaning: .glossaryLogit),
        Entry(symbol: "p_j, p_y", screens: [.softmax, .cosine, .geometry, .compare], meaning: .glossaryProbability),
        Entry(symbol: "L", screens: [.softmax, .cosine, .geometry, .compare], meaning: .glossaryLoss),
        Entry(symbol: "LSE, M", screens: [.softmax, .cosine], meaning: .glossaryLogSumExp),
        Entry(symbol: "1[j=y]", screens: [.softmax, .cosine, .geometry], meaning: .glossaryIndicator),
        Entry(symbol: "∂L/∂x_j", screens: [.softmax], meaning: .glossaryLogitGradient),
        Entry(symbol: "s", screens: [.cosine, .geometry, .batch, .compare, .train], meaning: .glossaryScale),
        Entry(symbol: "m", screens: [.cosine, .geometry, .batch, .compare, .train], meaning: .glossaryMargin),
        Entry(symbol: "cos θ_j, θ_y", screens: [.cosine, .geometry, .batch, .compare], meaning: .glossaryCosine),
        Entry(symbol: "z_j, z_y", screens: [.cosine], meaning: .glossaryCosineLogit),
        Entry(symbol: "NF", screens: [.cosine, .geometry], meaning: .glossaryNormFace),
        Entry(symbol: "LMCL", screens: [.cosine, .geometry, .batch], meaning: .glossaryLMCL),
        Entry(symbol: "BD-LMCL", screens: [.batch], meaning: .glossaryBDLMCL),
        Entry(symbol: "∂L/∂cos θ_j, G_j", screens: [.cosine, .geometry, .compare], meaning: .glossaryCosineGradient),
        Entry(symbol: "rival", screens: [.cosine, .batch, .compare], meaning: .glossaryRival),
        Entry(symbol: "crossing, shift", screens: [.cosine], meaning: .glossaryCrossing),
        Entry(symbol: "m bound", screens: [.cosine], meaning: .glossaryMarginBound),
        Entry(symbol: "needs s ≥", screens: [.cosine], meaning: .glossaryScaleBound),
        Entry(symbol: "x, W_j", screens: [.geometry], meaning: .glossaryFeature),
        Entry(symbol: "x̂, Ŵ_j", screens: [.geometry], meaning: .glossaryUnitVector),
        Entry(symbol: "φ_j", screens: [.geometry], meaning: .glossaryDirection),
        Entry(symbol: "∂L/∂x, ‖∂L/∂x‖", screens: [.geometry], meaning: .glossaryFeatureGradient),
        Entry(symbol: "x·∂L/∂x", screens: [.geometry], meaning: .glossaryTangent),
        Entry(symbol: "▲ (circle)", screens: [.geometry], meaning: .glossaryDescentArrow),
        Entry(symbol: "N, k", screens: [.batch], meaning: .glossaryBatchSize),
        Entry(symbol: "rank", screens: [.batch], meaning: .glossaryRank),
        Entry(symbol: "ℓ_1, ℓ_k", screens: [.batch], meaning: .glossaryZeroOne),
        Entry(symbol: "ℓ_i", screens: [.batch], meaning: .glossarySampleLoss),
        Entry(symbol: "sel", screens: [.batch], meaning: .glossarySelected),
        Entry(symbol: "m_i", screens: [.batch], meaning: .glossarySampleMargin),
        Entry(symbol: "‖∇‖", screens: [.batch], meaning: .glossaryGradientNorm),
        Entry(symbol: "● ▲ ×", screens: [.batch], meaning: .glossaryRegions),
        Entry(symbol: "2–9, +", screens: [.batch, .train], meaning: .glossaryScatterCount),
        Entry(symbol: "◆", screens: [.batch], meaning: .glossarySelectedSample),
        Entry(symbol: "spread, seed", screens: [.batch], meaning: .glossarySynthetic),
        Entry(symbol: "η", screens: [.train], meaning: .glossaryLearningRate),
        Entry(symbol: "●0 ○1 ■2", screens: [.train], meaning: .glossaryClassMarks),
        Entry(symbol: "θ_y, p95", screens: [.train], meaning: .glossaryTrainingAngle),
        Entry(symbol: "W gap", screens: [.train], meaning: .glossaryClassGap),
        Entry(symbol: "gap", screens: [.train], meaning: .glossaryMedianGap),
    ]

    /// The entries for symbols that `screen` shows, in table order.
    public static func entries(on screen: Screen) -> [Entry] {
        entries.filter { $0.screens.contains(screen) }
    }
}
