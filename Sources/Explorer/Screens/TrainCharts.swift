import TerminalUI
import Training

/// The training screen's small plots over time: one quantity each, both runs on one pair of axes.
enum TrainChart: CaseIterable {
    case loss, testAccuracy, medianGap, trainAccuracy, meanAngle, p95Angle, minClassGap

    /// The chart's title in the string table.
    var titleKey: StringKey {
        switch self {
        case .loss: return .trainChartLoss
        case .testAccuracy: return .trainChartTestAccuracy
        case .medianGap: return .trainChartMedianGap
        case .trainAccuracy: return .trainChartTrainAccuracy
        case .meanAngle: return .trainChartMeanAngle
        case .p95Angle: return .trainChartP95Angle
        case .minClassGap: return .trainChartMinClassGap
        }
    }

    func value(_ m: EpochMetrics) -> Double? {
        switch self {
        case .loss: return m.loss
        case .testAccuracy: return m.testAccuracy
        case .medianGap: return m.medianGap
        case .trainAccuracy: return m.trainAccuracy
        case .meanAngle: return m.meanAngle
        case .p95Angle: return m.p95Angle
        case .minClassGap: return m.minClassGap
        }
    }

    /// The y range: accuracies on [0, 1], the rest from the data (with a floor of zero where it cannot go below).
    func range(_ values: [Double]) -> ClosedRange<Double> {
        if self == .testAccuracy || self == .trainAccuracy { return 0...1 }
        let finite = values.filter(\.isFinite)
        guard var lo = finite.min(), var hi = finite.max() else { return 0...1 }
        if self != .medianGap { lo = min(lo, 0) }
        if hi - lo < 1e-9 { hi = lo + 1 }
        return lo...hi
    }

    /// The plot of this quantity for both panes: the baseline solid with ●, the margin dashed with ■.
    func plot(_ panes: [TrainingPaneSnapshot], glyphs: GlyphSet) -> LinePlot {
        let looks = [(PlotSeries.looks[0], Theme.normFace), (PlotSeries.looks[2], Theme.lmcl)]
        var series: [PlotSeries] = []
        var all: [Double] = []
        var lastEpoch = 1
        for (pane, (look, style)) in zip(panes, looks) {
            let points = pane.history.map { (x: Double($0.epoch), y: value($0) ?? .nan) }
            all += points.map(\.y)
            lastEpoch = max(lastEpoch, pane.epoch)
            series.append(
                PlotSeries(
                    TrainScreen.shortName(pane.objective), points: points, shape: look.shape, style: style,
                    lineStyle: look.lineStyle, markEvery: 8))
        }
        let axes = PlotAxes(x: 0...Double(lastEpoch), y: range(all), xTitle: "", yTitle: "", xTickCount: 3, yTickCount: 2, style: Theme.dim)
        return LinePlot(axes: axes, series: series, showsLegend: false, glyphs: glyphs)
    }
}
