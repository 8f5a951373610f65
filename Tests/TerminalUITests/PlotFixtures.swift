import TerminalUI

/// The cosine screen's coming plot, built as a screen would: target logit
/// against cos θ_y for NormFace (s·c) and LMCL (s·(c − m)), s = 30, m = 0.35,
/// the strongest rival's logit 9 as a level line, the current cos θ_y = 0.5,
/// and the decision shift from c = 0.3 to 0.65 as an arrow.
func targetLogitPlot(glyphs: GlyphSet, zoomed: Bool = true) -> LinePlot {
    let s = 30.0, m = 0.35
    let grid = stride(from: -1.0, through: 1.0, by: 0.05).map { $0 }
    let (l0, l1) = (PlotSeries.looks[0], PlotSeries.looks[1])
    let normFace = PlotSeries("s·cos θ", points: grid.map { ($0, s * $0) }, shape: l0.shape,
                              style: Style(role: .series1), lineStyle: l0.lineStyle, markEvery: 8)
    let lmcl = PlotSeries("s·(cos θ − m)", points: grid.map { ($0, s * ($0 - m)) }, shape: l1.shape,
                          style: Style(role: .series2), lineStyle: l1.lineStyle, markEvery: 8)
    return LinePlot(
        axes: PlotAxes(x: -1...1, y: -45...30, xTitle: "cos θ_y", yTitle: "target logit"),
        series: [normFace, lmcl],
        references: [ReferenceLine(y: 9, label: "rival 9.0", style: Style(role: .opponent))],
        markers: [VerticalMarker(x: 0.5, label: "cos θ_y 0.50", style: Style(role: .accent))],
        arrows: [HorizontalArrow(from: 0.3, to: 0.65, y: 9, label: "m = 0.35 (20.3°)", style: Style(role: .label))],
        glyphs: glyphs, zoomed: zoomed,
        footer: Line("s = 30  m = 0.35  cos θ_y = 0.50  z_y = 4.50  p_y = 0.12")
    )
}
