import TerminalUI

extension Frame {
    /// The lesson box over the screen, placed where it hides least of the highlighted panel.
    ///
    /// The screen keeps its whole layout (the panels' sizes do not change from free
    /// exploration to a lesson, so what the student learns to read stays where it was);
    /// the box covers the top or the bottom of the body, whichever overlaps the step's
    /// panel less, the bottom on a tie. At 80×24 the box takes 6 to 13 of the body's 21
    /// rows. A box that would leave fewer than 4 rows of screen is drawn only as tall
    /// as the body allows, its key hint kept on its last row.
    static func drawLesson(in body: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard let session = context.state.lesson else { return }
        let view = LessonStepView(session: session, number: context.state.lessonNumber, strings: context.strings,
                                  values: LessonQuantities.values(.init(state: context.state, evaluation: context.evaluation,
                                                                        batch: context.batch)),
                                  glyphs: context.glyphs)
        let height = min(view.preferredHeight(width: body.width), max(3, body.height - 4))
        let box = lessonBox(height: height, in: body, avoiding: context.highlightedPanel.flatMap { context.panels[$0] })
        canvas.fill(box)
        view.render(in: box, on: &canvas)
        // Clicks on the box go nowhere beneath it.
        context.hits.add(box, .screen(context.state.screen))
    }

    /// The box's rectangle: `height` rows at the bottom or the top of `body`, whichever
    /// overlaps `panel` less (the bottom on a tie).
    static func lessonBox(height: Int, in body: Rect, avoiding panel: Rect?) -> Rect {
        let bottom = Rect(x: body.x, y: body.maxY - height, width: body.width, height: height)
        let top = Rect(x: body.x, y: body.y, width: body.width, height: height)
        guard let panel else { return bottom }
        let overlap = { (r: Rect) in r.intersection(panel).height * r.intersection(panel).width }
        return overlap(top) < overlap(bottom) ? top : bottom
    }

    /// The `e` box: the panel's two or three sentences, centred.
    static func drawExplanation(of panel: Panel, in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        let view = PanelExplanationView(panel: panel, strings: context.strings, glyphs: context.glyphs)
        let width = min(screen.width, 72)
        let height = min(screen.height, view.preferredHeight(width: width))
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2,
                       width: width, height: height)
        view.render(in: box, on: &canvas)
    }
}
