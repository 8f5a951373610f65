import TerminalUI
import Testing

@Test func sliderShowsLabelTrackKnobAndValue() {
    let slider = Slider("s", value: 0.5, range: 0...1, valueText: "0.5")
    // track = columns 4…9 (6 cells); knob at round(0.5·5) = 3 → column 7.
    #expect(lines(slider, width: 14, height: 1) == ["  s ━━━●── 0.5"])
    let ascii = Slider("s", value: 0, range: 0...1, valueText: "0", highlighted: true, glyphs: .ascii)
    #expect(lines(ascii, width: 12, height: 1) == ["> s O----- 0"])
}

@Test func sliderMapsColumnsBackToValues() {
    let slider = Slider("s", value: 0.5, range: 0...1, valueText: "0.5")
    let area = Rect(x: 0, y: 0, width: 14, height: 1)
    #expect(slider.track(in: area) == Rect(x: 4, y: 0, width: 6, height: 1))
    #expect(slider.value(atColumn: 4, in: area) == 0)
    #expect(slider.value(atColumn: 9, in: area) == 1)
    #expect(abs(slider.value(atColumn: 7, in: area) - 0.6) < 1e-12)
    #expect(slider.value(atColumn: 100, in: area) == 1)
    #expect(slider.value(atColumn: -5, in: area) == 0)
}

@Test func sliderKnobAndClickAgree() {
    let area = Rect(x: 3, y: 2, width: 40, height: 1)
    for v in stride(from: 0.0, through: 64, by: 4) {
        let slider = Slider("scale", value: v, range: 0...64, valueText: "64.00")
        let column = slider.knobColumn(in: area)!
        // The knob's column maps back to within half a column of the value.
        let halfColumn = 64.0 / Double(slider.track(in: area).width - 1) / 2
        #expect(abs(slider.value(atColumn: column, in: area) - v) <= halfColumn + 1e-9)
    }
}
