import LossMath
import TerminalUI

/// Every plot of the app, by name: what `z` zooms, presenter mode shows, and the
/// tests render in every size, glyph set and theme.
///
/// The focused plot of a screen is its one plot (softmax), the plot `v` has chosen
/// (cosine), or the scatter unless `v` has chosen the gradient view (batch). The
/// geometry screen's picture is not a plot of series and has no zoom.
public enum AppPlot: Hashable, Sendable, CaseIterable {
    case softmaxLoss
    case cosine(CosinePlot)
    case batchScatter
    case batchHistogram

    public static var allCases: [AppPlot] {
        [.softmaxLoss] + CosinePlot.allCases.map(AppPlot.cosine) + [.batchScatter, .batchHistogram]
    }

    /// The screen that shows the plot.
    public var screen: Screen {
        switch self {
        case .softmaxLoss: return .softmax
        case .cosine: return .cosine
        case .batchScatter, .batchHistogram: return .batch
        }
    }

    /// The focused plot of the state's screen, nil on the geometry screen.
    public static func focused(_ state: ExplorerState) -> AppPlot? {
        switch state.screen {
        case .softmax: return .softmaxLoss
        case .cosine: return .cosine(state.cosinePlot)
        case .geometry, .compare, .train: return nil
        case .batch: return state.batch.view == .gradients ? .batchHistogram : .batchScatter
        }
    }

    /// The plot's title, as its panel shows it.
    public func title(_ strings: Strings) -> String {
        switch self {
        case .softmaxLoss: return strings[.softmaxPlotTitle]
        case .cosine(let p): return strings.title(of: p)
        case .batchScatter: return strings[.batchScatterWide]
        case .batchHistogram: return strings[.batchGradientTitle]
        }
    }

    /// The plot as drawn for `context`, in its panel (`zoomed` false) or alone in the window:
    /// the zoomed layout (axis titles, at least 5 labelled ticks per axis, the legend, the
    /// current numbers in the footer), large point markers in presenter mode. nil for a
    /// batch plot without batch numbers.
    func widget(context: FrameContext, zoomed: Bool, width: Int) -> (any SeriesMarkedPlot)? {
        let large = context.state.display.presenter ? MarkerSize.large : .normal
        switch self {
        case .softmaxLoss:
            var plot = SoftmaxScreen.lossPlot(context.evaluation.softmax, context: context)
            plot.zoomed = zoomed
            plot.footer = zoomed ? SoftmaxScreen.footer(context) : Line([])
            plot.markerSize = large
            return plot
        case .cosine(let which):
            var plot = CosinePlots.plot(which, context: context)
            plot.zoomed = zoomed
            plot.footer = zoomed ? CosinePlots.footer(which, context: context) : Line([])
            plot.markerSize = large
            return plot
        case .batchScatter:
            guard let snapshot = context.batch, snapshot.batch.sampleCount > 0 else { return nil }
            var plot = BatchPlots.scatter(
                snapshot, selected: BatchPlots.selected(snapshot, context.state),
                wide: zoomed || width >= 70, context: context)
            if zoomed {
                // Twice the panel's ticks: at least 5 labels on each axis of a window.
                plot.axes.xTickCount *= 2
                plot.axes.yTickCount *= 2
            }
            plot.markerSize = large
            return plot
        case .batchHistogram:
            guard let snapshot = context.batch, snapshot.batch.sampleCount > 0 else { return nil }
            return BatchPlots.histogram(snapshot, width: width, context: context, zoomed: zoomed)
        }
    }

    /// The one-line footer the batch plots get when zoomed (the line plots draw their own).
    func batchFooter(context: FrameContext) -> Line? {
        guard let snapshot = context.batch, snapshot.batch.sampleCount > 0 else { return nil }
        let g = context.glyphs
        switch self {
        case .batchScatter:
            return Line(
                ScreenParts.spell(BatchPlots.sampleSummary(snapshot, BatchPlots.selected(snapshot, context.state), context: context), g))
        case .batchHistogram:
            return Line(ScreenParts.spell(BatchPlots.histogramSummary(snapshot, glyphs: g), g))
        default:
            return nil
        }
    }
}

/// The focused plot alone in the window: `z` (zoom) keeps a title row with the way back,
/// presenter mode (`P`) puts the numbers that matter there instead and draws large markers.
enum PlotZoom {
    static func render(_ plot: AppPlot, in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        let g = context.glyphs, state = context.state
        let (top, body) = area.splitTop(1)
        let back = state.strings[state.display.presenter ? .presenterBack : .zoomBack]
        var x = canvas.put(ScreenParts.spell(plot.title(context.strings), g), x: top.x, y: top.y, style: Theme.title, clip: top)
        let right = state.message ?? (state.display.presenter ? headline(context) + "   " + back : back)
        let rightWidth = ColumnWidth.of(right)
        if top.maxX - rightWidth > x + 1 {
            x = top.maxX - rightWidth
            canvas.put(right, x: x, y: top.y, style: state.message != nil ? Theme.warning : Theme.label, clip: top)
        }
        guard let widget = plot.widget(context: context, zoomed: true, width: body.width) else {
            canvas.put("No batch to show.", x: body.x, y: body.y, style: Theme.label, clip: body)
            return
        }
        var plotArea = body
        if let footer = plot.batchFooter(context: context) {
            let (upper, bottom) = body.splitBottom(1)
            plotArea = upper
            canvas.draw(footer, in: bottom, ellipsis: g.ellipsis)
        }
        widget.render(in: plotArea, on: &canvas)
        context.hits.add(plotArea, .zoom)
    }

    /// The numbers that matter on each screen, for the presenter's title row.
    static func headline(_ context: FrameContext) -> String {
        let state = context.state, g = context.glyphs, e = context.evaluation
        let n = { (v: Double) in ScreenParts.number(v, 4, glyphs: g) }
        switch state.screen {
        case .softmax:
            return "L = \(n(e.softmax.loss))  p_y = \(n(e.softmax.probabilities[state.target]))"
        case .cosine, .geometry, .compare:
            return "L = \(n(e.margined.loss))  p_y = \(n(e.margined.probabilities[state.target]))"
        case .batch:
            guard let b = context.batch else { return "" }
            return "L LMCL = \(n(b.lmcl.loss))  L BD-LMCL = \(n(b.bdlmcl.loss))"
        case .train:
            return ""
        }
    }
}
