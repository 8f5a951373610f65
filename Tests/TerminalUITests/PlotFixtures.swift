import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cosine screen's coming plot, built as a screen would: target logit
/// against cos θ_y for NormFace (s·c) and LMCL (s·(c − m)), s = 30, m = 0.35,
/// the strongest rival's logit 9 as a level line, the current cos θ_y = 0.5,
/// and the decision shift from c = 0.3 to 0.65 as an arrow.
func targetLogitPlot(glyphs: GlyphSet, zoomed: Bool = true) -> LinePlot {
    let s = 30.0, m = 0.35
    let grid = stride(from: -1.0, through: 1.0, by: 0.05).map { $0 }
    let (l0, l1) = (PlotSeries.looks[0], PlotSeries.looks[1])
    let normFace = PlotSeries(
        "s·cos θ", points: grid.map { ($0, s * $0) }, shape: l0.shape,
        style: Style(role: .series1), lineStyle: l0.lineStyle, markEvery: 8)
    let lmcl = PlotSeries(
        "s·(cos θ − m)", points: grid.map { ($0, s * ($0 - m)) }, shape: l1.shape,
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

/// The two-class boundary plot for "what does m do to the decision?": θ_rival
/// against θ_y in degrees, the softmax boundary θ_r = θ_y, the LMCL boundary
/// cos θ_y − m = cos θ_r (m = 0.35), the margin band between them, the width
/// of the band at the sample's θ_r as an arrow, and the sample (60°, 75°).
func boundaryPlot(glyphs: GlyphSet, zoomed: Bool = true) -> LinePlot {
    let m = 0.35
    let degrees = stride(from: 0.0, through: 180.0, by: 2.0).map { $0 }
    func rad(_ d: Double) -> Double { d * .pi / 180 }
    func deg(_ r: Double) -> Double { r * 180 / .pi }
    let softmax = degrees.map { (x: $0, y: $0) }
    let lmcl = degrees.compactMap { d -> (x: Double, y: Double)? in
        let c = cos(rad(d)) - m
        return c >= -1 ? (d, deg(acos(c))) : nil
    }
    let (l0, l1) = (PlotSeries.looks[0], PlotSeries.looks[2])
    let sampleRival = 75.0
    let lmclAtRival = deg(acos(cos(rad(sampleRival)) + m))
    let width = sampleRival - lmclAtRival
    return LinePlot(
        axes: PlotAxes(x: 0...180, y: 0...180, xTitle: "θ_y (°)", yTitle: "θ_rival (°)"),
        series: [
            PlotSeries(
                "softmax θ_r = θ_y", points: softmax, shape: l0.shape, style: Style(role: .series1),
                lineStyle: l0.lineStyle, markEvery: 8),
            PlotSeries(
                "LMCL cos θ_y − m = cos θ_r", points: lmcl, shape: l1.shape, style: Style(role: .series2),
                lineStyle: l1.lineStyle, markEvery: 8),
        ],
        curveBands: [CurveBand(lower: lmcl, upper: softmax, label: "margin band", style: Style(role: .secondary))],
        arrows: [
            HorizontalArrow(
                from: sampleRival, to: lmclAtRival, y: sampleRival,
                label: "band \(formatNumber(width, decimals: 1))°", style: Style(role: .label))
        ],
        highlights: [
            HighlightPoint(
                x: 60, y: sampleRival, label: "sample (60°, 75°)", shape: .diamond,
                style: Style(role: .accent))
        ],
        glyphs: glyphs, zoomed: zoomed,
        footer: Line("m = 0.35  θ_y = 60.0°  θ_rival = 75.0°  band at θ_rival: \(formatNumber(width, decimals: 1))°")
    )
}
