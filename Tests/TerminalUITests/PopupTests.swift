import TerminalUI
import Testing

@Test func popupIsCentredAndClearsWhatIsUnderIt() {
    var canvas = Canvas(width: 11, height: 5)
    canvas.fill(canvas.bounds, with: Cell("x"))
    Popup(title: "Hi", lines: ["abc"]).render(in: canvas.bounds, on: &canvas)
    #expect(canvas.lines == ["xxxxxxxxxxx", "x┏ Hi ━━┓xx", "x┃ abc  ┃xx", "x┗━━━━━━┛xx", "xxxxxxxxxxx"])
}

@Test func popupIsClippedToTheArea() {
    let popup = Popup(title: "Help", lines: ["a long line of help text"])
    let area = Rect(x: 2, y: 1, width: 10, height: 3)
    #expect(popup.frame(in: area) == area)
    var canvas = Canvas(width: 14, height: 5)
    popup.render(in: area, on: &canvas)
    #expect(canvas.lines == ["", "  ┏ Help ━━┓", "  ┃ a long ┃", "  ┗━━━━━━━━┛", ""])
}
