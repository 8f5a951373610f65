import TerminalUI

extension Frame {
    /// Where the screen and the lesson box go in the body of the frame.
    struct LessonLayout {
        var screen: Rect
        var box: Rect
    }

    /// The lesson layout: the box over the top or the bottom of the screen, whichever
    /// hides less of the step's highlighted panel; when that would still hide more than a
    /// third of the panel (a panel as tall as the screen), the screen is drawn in the rows
    /// above the box instead, so the panel shrinks but stays whole.
    ///
    /// Overlaying keeps the screen's layout as in free exploration (what the student learns
    /// to read stays where it was); it is the common case at 80×24, where the box takes
    /// 6 to 13 of the body's 21 rows. A box that would leave fewer than 4 rows of screen is
    /// drawn only as tall as the body allows, its key hint kept on its last row.
    static func lessonLayout(in body: Rect, state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?) -> LessonLayout? {
        guard let session = state.lesson else { return nil }
        let height = min(
            stepView(session, state: state, glyphs: glyphs, batch: batch).preferredHeight(width: body.width),
            max(3, body.height - 4))
        let bottom = Rect(x: body.x, y: body.maxY - height, width: body.width, height: height)
        let top = Rect(x: body.x, y: body.y, width: body.width, height: height)
        guard !session.isFinished, let panel = session.step.panel, panel.screen == state.screen else {
            return LessonLayout(screen: body, box: bottom)
        }
        // Where the panel lands when the screen has the whole body: a scratch drawing, thrown away.
        var scratch = Canvas(width: body.maxX, height: body.maxY)
        var context = FrameContext(state: state, glyphs: glyphs, batch: batch)
        drawScreen(in: body, on: &scratch, context: &context)
        guard let rect = context.panels[panel] else { return LessonLayout(screen: body, box: bottom) }
        let covered = { (box: Rect) in box.intersection(rect).width * box.intersection(rect).height }
        let box = covered(top) < covered(bottom) ? top : bottom
        if covered(box) * 3 <= rect.width * rect.height {
            return LessonLayout(screen: body, box: box)
        }
        return LessonLayout(screen: Rect(x: body.x, y: body.y, width: body.width, height: body.height - height), box: bottom)
    }

    /// The lesson box for the current step, with the live numbers.
    static func stepView(_ session: LessonSession, state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?) -> LessonStepView {
        LessonStepView(
            session: session, number: state.lessonNumber, strings: state.strings,
            values: LessonQuantities.values(.init(state: state, batch: batch)), glyphs: glyphs)
    }

    /// Draws the lesson box in `box`, over whatever the screen drew there.
    static func drawLesson(in box: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        guard let session = context.state.lesson else { return }
        canvas.fill(box)
        stepView(session, state: context.state, glyphs: context.glyphs, batch: context.batch).render(in: box, on: &canvas)
        // Clicks on the box go nowhere beneath it.
        context.hits.add(box, .screen(context.state.screen))
    }

    /// The `e` box: the panel's two or three sentences, centred.
    static func drawExplanation(of panel: Panel, in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        let view = PanelExplanationView(panel: panel, strings: context.strings, glyphs: context.glyphs)
        let width = min(screen.width, 72)
        let height = min(screen.height, view.preferredHeight(width: width))
        let box = Rect(
            x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2,
            width: width, height: height)
        view.render(in: box, on: &canvas)
    }
}
