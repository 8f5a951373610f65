import Foundation
import LossMath
import TerminalUI
import Training

/// The training screen's picture of one run: the unit circle with every training feature,
/// the class directions, where each class gathers, and the decision regions.
///
/// Rings from the inside out: each class direction W_j as a line from the centre to its
/// class mark at radius 0.6 (the tip); the features on the circle (radius 1), each marked
/// by its class; at 1.12 each class's angular spread (the arc holding 90 % of its
/// features, `ClassSpread`); at 1.2 where each class wins without a margin (arcs that
/// meet: the argmax of cos θ_j); at 1.28 where it wins with the margin m (the CosFace
/// rule `cos θ_j − m ≥ max_{k≠j} cos θ_k`, `DecisionBoundary.targetWins`), whose gaps
/// are the zones no class claims by the margin.
enum TrainCircle {
    static let tipRadius = 0.6
    static let spreadRadius = 1.12
    static let decisionRadius = 1.2
    static let marginRadius = 1.28

    /// Class marks, told apart without colour: never `+` (a cell of ten or more points) nor a digit (a count).
    static let classShapes: [MarkerShape] = [
        .dot, .circle, .square, .openSquare, .triangle, .openTriangle,
        .diamond, .openDiamond, .cross, .star,
    ]
    static let classStyles: [Style] = [
        Theme.normFace, Theme.lmcl, Theme.target, Theme.rival, Theme.positive,
        Theme.negative, Theme.label, .plain,
    ]

    static func category(_ j: Int) -> ScatterPlot.Category {
        ScatterPlot.Category("\(j)", shape: classShapes[j % classShapes.count], style: classStyles[j % classStyles.count])
    }

    static func point(_ degrees: Double, _ radius: Double) -> (x: Double, y: Double) {
        let u = ExplorerState.unitVector(degrees: degrees)
        return (radius * u.x, radius * u.y)
    }

    static func degrees(_ p: Point2) -> Double {
        let d = atan2(p.y, p.x) * 180 / .pi
        return d < 0 ? d + 360 : d
    }

    /// The picture of `pane`, with the margin `margin` for the outer ring.
    static func plot(_ pane: TrainingPaneSnapshot, margin: Double, glyphs: GlyphSet, legend: Bool = true) -> ScatterPlot {
        let classCount = pane.directions.count
        let drawing = pane.circleMemo.drawing(margin: margin) { Self.drawing(pane, margin: margin) }
        // A diverged run has no directions left to draw; its points are skipped rather than piled at a corner.
        let points =
            zip(pane.features, pane.labels).filter { $0.0.x.isFinite && $0.0.y.isFinite }
            .map { ScatterPlot.Point(x: $0.0.x, y: $0.0.y, category: $0.1) } + drawing.tips
        let axes = PlotAxes(x: -1.35...1.35, y: -1.35...1.35, xTitle: "", yTitle: "", xTickCount: 3, yTickCount: 3, style: Theme.dim)
        return ScatterPlot(
            axes: axes, categories: (0..<classCount).map(category), points: points, lines: drawing.lines,
            showsLegend: legend, glyphs: glyphs)
    }

    /// What of the picture depends on the pane's directions and spreads and on the margin alone:
    /// the lines (circle, class directions, spreads, both rings) and the class marks at the tips.
    struct Drawing: Sendable {
        var lines: [PlotSeries]
        var tips: [ScatterPlot.Point]
    }

    /// The lines and tips of `pane`'s picture with the margin `margin`, computed afresh.
    static func drawing(_ pane: TrainingPaneSnapshot, margin: Double) -> Drawing {
        let classCount = pane.directions.count
        let phis = pane.directions.map(degrees)
        var tips: [ScatterPlot.Point] = []
        var lines = [PlotSeries("", points: unitCircle, shape: .dot, style: Theme.dim)]
        let margined = TargetTransform.additiveCosine(margin: margin)
        // Who wins at each half degree, worked out once for all classes (`DecisionBoundary.targetWins`'s rule).
        let cosines = halfDegreeCosines(phis)
        let plain = winners(cosines, classes: classCount, transform: .identity)
        let withMargin = winners(cosines, classes: classCount, transform: margined)
        for j in 0..<classCount {
            let style = classStyles[j % classStyles.count]
            let tip = point(phis[j], tipRadius)
            lines.append(PlotSeries("", points: [(0, 0), tip], style: style))
            tips.append(ScatterPlot.Point(x: tip.x, y: tip.y, category: j))
            if let spread = pane.spreads[j] {
                let steps = max(1, Int((2 * spread.halfWidth).rounded(.up)))
                let arc = (0...steps).map { i in
                    point(spread.centre - spread.halfWidth + 2 * spread.halfWidth * Double(i) / Double(steps), spreadRadius)
                }
                lines.append(PlotSeries("", points: arc, style: style))
            }
            lines.append(PlotSeries("", points: ring(decisionRadius) { plain[$0 * classCount + j] }, style: style))
            lines.append(
                PlotSeries("", points: ring(marginRadius) { withMargin[$0 * classCount + j] }, style: style, lineStyle: .dotted))
        }
        return Drawing(lines: lines, tips: tips)
    }

    /// The unit circle at every degree, computed once.
    static let unitCircle: [(x: Double, y: Double)] = (0...360).map { point(Double($0), 1) }

    /// cos θ_j at every half degree for the directions in degrees, flat: entry `i * C + j` is
    /// cos(i/2° − φ_j). Computed once per picture and shared by both rings.
    static func halfDegreeCosines(_ directions: [Double]) -> [Double] {
        var table: [Double] = []
        table.reserveCapacity(721 * directions.count)
        for i in 0...720 {
            for phi in directions { table.append(Angle.cosine(degrees: Double(i) / 2 - phi)) }
        }
        return table
    }

    /// Whether class j wins at half degree i under `transform` (entry `i * classes + j`), from
    /// `halfDegreeCosines`: j wins where `f(cos θ_j) ≥ max_{k≠j} cos θ_k`, ties counting for j, as
    /// `DecisionBoundary.targetWins` decides. The rivals' maximum is the largest cosine, or the
    /// second largest for the class that holds the largest.
    static func winners(_ table: [Double], classes: Int, transform: TargetTransform) -> [Bool] {
        var wins = [Bool](repeating: false, count: table.count)
        guard classes > 0 else { return wins }
        for row in stride(from: 0, to: table.count, by: classes) {
            var first = -1, best = -Double.infinity, second = -Double.infinity
            for j in 0..<classes {
                let c = table[row + j]
                if c > best {
                    (second, best, first) = (best, c, j)
                } else if c > second {
                    second = c
                }
            }
            for j in 0..<classes {
                let rival = classes < 2 ? -1 : (j == first ? second : best)
                wins[row + j] = transform.value(table[row + j]) >= rival
            }
        }
        return wins
    }

    /// The unit vector at every half degree, computed once.
    static let halfDegreeUnitVectors: [(x: Double, y: Double)] = (0...720).map { i in
        let u = ExplorerState.unitVector(degrees: Double(i) / 2)
        return (u.x, u.y)
    }

    /// Points of the circle of `radius` at every half degree i/2 where `wins(i)` holds; one NaN breaks
    /// the arc where it does not (a run of NaNs breaks a line as one does, so a class that wins a
    /// small part of the circle leaves a short list to rasterise, not 721 points).
    static func ring(_ radius: Double, wins: (Int) -> Bool) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        for i in halfDegreeUnitVectors.indices {
            if wins(i) {
                let u = halfDegreeUnitVectors[i]
                points.append((radius * u.x, radius * u.y))
            } else if let last = points.last, !last.x.isNaN {
                points.append((x: .nan, y: .nan))
            }
        }
        return points
    }
}

/// A pane's `TrainCircle.Drawing` for the last margin asked, kept by its snapshot: redrawing the
/// same snapshot (a paused run, a resize, a key that does not train) reuses it instead of
/// computing thousands of cosines again. A new epoch is a new snapshot, with an empty memo.
final class TrainCircleMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var margin: UInt64?
    private var kept: TrainCircle.Drawing?

    /// The drawing for `margin`, from `make` unless the last one was for the same margin.
    func drawing(margin: Double, _ make: () -> TrainCircle.Drawing) -> TrainCircle.Drawing {
        lock.lock()
        defer { lock.unlock() }
        if let kept, self.margin == margin.bitPattern { return kept }
        let made = make()
        self.margin = margin.bitPattern
        kept = made
        return made
    }
}
