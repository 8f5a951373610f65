/// Where a batch sample sits relative to its margin and the BD-LMCL top-k boundary.
///
/// With rank `r = 1 + #{j≠y : cos θ_j > f(cos θ_y)}` (the target's place among the
/// margin-adjusted scores) and the BD-LMCL rule's k:
/// - `satisfied`: r = 1, the target beats every rival even after the margin;
/// - `boundary`: 1 < r ≤ k, the margin is violated but the target is in the top k
///   (BD-LMCL selects it and gives it the margin);
/// - `beyondTopK`: r > k (not selected);
/// - `violated`: r > 1 when there is no k (plain LMCL or NormFace): `boundary ∪ beyondTopK`.
/// `allCases` are the three regions of the BD-LMCL rule, which the batch screen always
/// shows; `regions(topK:)` lists the ones a report with or without k shows.
/// One definition for the batch screen and `compute`; see Docs/Math.md, "BD-LMCL".
public enum BatchRegion: Int, CaseIterable, Hashable, Sendable {
    case satisfied, boundary, beyondTopK, violated

    /// The BD-LMCL regions, in display order.
    public static let allCases: [BatchRegion] = [.satisfied, .boundary, .beyondTopK]

    /// The regions a report shows, in display order: the BD-LMCL three with a k,
    /// `satisfied` and `violated` without one.
    public static func regions(topK: Int?) -> [BatchRegion] {
        topK == nil ? [.satisfied, .violated] : allCases
    }

    /// The region of rank `r` under top-k (`topK` nil: no k, only satisfied or violated).
    public init(rank: Int, topK: Int?) {
        if rank <= 1 {
            self = .satisfied
        } else if let topK {
            self = rank <= topK ? .boundary : .beyondTopK
        } else {
            self = .violated
        }
    }

    /// The region of an outcome by its own `ℓ_1` and `ℓ_k` (its rule's k; 2 for plain LMCL).
    public init(_ outcome: SampleOutcome) {
        if !outcome.topOneError {
            self = .satisfied
        } else if outcome.topKError {
            self = .beyondTopK
        } else {
            self = .boundary
        }
    }

    /// The name in `compute`'s tables, CSV and JSON.
    public var identifier: String {
        switch self {
        case .satisfied: "satisfied"
        case .boundary: "boundary"
        case .beyondTopK: "beyond-k"
        case .violated: "violated"
        }
    }

    /// A short name for narrow panels.
    public var shortName: String {
        switch self {
        case .satisfied: "satisfied"
        case .boundary: "boundary"
        case .beyondTopK: "beyond k"
        case .violated: "violated"
        }
    }

    /// The name with its rank condition, for wide panels.
    public func mediumName(topK: Int) -> String {
        switch self {
        case .satisfied: "satisfied (rank 1)"
        case .boundary: "boundary (1<rank≤\(topK))"
        case .beyondTopK: "beyond k (rank>\(topK))"
        case .violated: "violated (rank>1)"
        }
    }
}
