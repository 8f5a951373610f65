import LossMath
import TerminalUI

extension ExplorerState {
    /// Chooses the next loss of the margin family (the margin key).
    mutating func cycleMarginType() {
        marginType = marginType.next
        message = "Margin: \(marginName), target logit \(marginType.formula)."
    }

    /// Chooses ArcFace's next fallback; on another loss it says the fallback is ArcFace's.
    mutating func cycleFallback() {
        fallback = fallback.next
        message =
            marginType == .arcFace
            ? "ArcFace fallback: \(fallback.rawValue)."
            : "ArcFace fallback: \(fallback.rawValue) (applies when the margin is ArcFace; M changes the margin)."
    }

    /// Sets s to AdaCos's fixed scale √2·ln(C − 1) for the cosine screen's C, saying when it was rounded to the s grid.
    mutating func applyAdaCosScale() {
        let c = classCount
        guard let exact = AdaCosScale.fixedScale(classes: c) else {
            message = "AdaCos's scale √2·ln(C − 1) needs C ≥ \(AdaCosScale.minimumClasses) classes (it is 0 for C = 2); s unchanged."
            return
        }
        let grid = Settings.scale.grid
        guard let steps = grid.steps(nearest: exact) else { return }
        scaleSteps = steps
        let shown = StateString.trim(grid.format(steps))
        message =
            "AdaCos scale for C = \(c): √2·ln(\(c - 1)) = \(formatNumber(exact, decimals: 4, sign: false, missing: "?")), rounded to s = \(shown) (the s grid has steps of 0.01)."
    }

    /// Compare screen: shows one more loss (the first not shown), up to four.
    mutating func addComparedLoss() {
        guard compared.count < Self.comparedRange.upperBound,
            let t = MarginType.allCases.first(where: { !compared.contains($0) })
        else {
            message = "The compare screen shows at most \(Self.comparedRange.upperBound) losses; x removes the last."
            return
        }
        compared.append(t)
        message = "Compare: added \(t.title)."
    }

    /// Compare screen: drops the last loss shown, down to two.
    mutating func removeComparedLoss() {
        guard compared.count > Self.comparedRange.lowerBound else {
            message = "The compare screen shows at least \(Self.comparedRange.lowerBound) losses; a adds one."
            return
        }
        let t = compared.removeLast()
        message = "Compare: removed \(t.title)."
    }

    /// Compare screen: replaces the last loss shown with the next one not shown.
    mutating func cycleComparedLoss() {
        guard let last = compared.last else { return }
        var t = last.next
        while compared.contains(t) && t != last { t = t.next }
        compared[compared.count - 1] = t
        message = "Compare: \(compared.map(\.title).joined(separator: ", "))."
    }
}
