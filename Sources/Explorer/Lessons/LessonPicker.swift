import TerminalUI

/// The lesson picker (`marginscope lesson`, or `g` in the explorer): one row per
/// lesson of the library, its number, title and number of steps, the chosen one reversed.
enum LessonPicker {
    static func render(selected: Int, in screen: Rect, on canvas: inout Canvas, context: FrameContext) {
        let strings = context.strings, lessons = context.state.lessonLibrary
        let lines: [Line] = lessons.enumerated().map { i, lesson in
            let steps = strings.format(.lessonStepCount, ["steps": "\(lesson.steps.count)"])
            let text = ScreenParts.spell("\(i + 1). \(lesson.title(strings.language))  (\(steps))", context.glyphs)
            return Line(text, style: i == selected ? Theme.focused.reversed : .plain)
        }
        let width = min(screen.width - 4, max(lines.map(\.width).max() ?? 0, ColumnWidth.of(strings[.lessonPickerKeys])))
        Popup(
            title: strings[.lessonPickerTitle], lines: lines + [Line(""), Line(strings[.lessonPickerKeys], style: Theme.dim)],
            width: width, glyphs: context.glyphs
        ).render(in: screen, on: &canvas)
    }
}
