import LossMath

extension Strings {
    /// A screen's title in this language (the tabs, the help's title).
    ///
    /// Looked up by the screen's state-string name (`screen.cosine`), so a screen added
    /// to `Screen` shows its English `title` until the table has an entry for it.
    public func title(of screen: Screen) -> String {
        Self.screenTitleKeys[screen.rawValue].map { self[$0] } ?? screen.title
    }

    /// `StringKey(rawValue: "screen." + key)` of every screen, by its raw value, looked up once
    /// (the key's initialiser compares the name with every key in turn).
    private static let screenTitleKeys: [StringKey?] = Screen.allCases.map { StringKey(rawValue: "screen." + $0.key) }
}

extension Strings {
    /// A cosine plot's title in this language.
    public func title(of plot: CosinePlot) -> String {
        Self.plotTitleKeys[plot].map { self[$0] } ?? plot.title
    }

    private static let plotTitleKeys: [CosinePlot: StringKey] = [
        .targetLogit: .plotTargetLogit, .targetProbability: .plotTargetProbability, .decisionPlane: .plotDecisionPlane,
        .targetLogitOnCosine: .plotTargetLogitOnCosine, .targetProbabilityOnCosine: .plotTargetProbabilityOnCosine,
    ]

    /// A batch region's name: short (`boundary`) or with its rank condition (`boundary (1<rank≤2)`).
    public func name(of region: BatchRegion, topK: Int, withRanks: Bool) -> String {
        switch (region, withRanks) {
        case (.satisfied, false): return self[.regionSatisfied]
        case (.boundary, false): return self[.regionBoundary]
        case (.beyondTopK, false): return self[.regionBeyond]
        case (.violated, false): return self[.regionViolated]
        case (.satisfied, true): return self[.regionSatisfiedMedium]
        case (.boundary, true): return format(.regionBoundaryMedium, ["k": "\(topK)"])
        case (.beyondTopK, true): return format(.regionBeyondMedium, ["k": "\(topK)"])
        case (.violated, true): return self[.regionViolatedMedium]
        }
    }
}
