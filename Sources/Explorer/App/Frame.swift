import LossMath
import TerminalUI

/// Draws a whole frame: the tab bar, the current screen, the status line, the
/// hint bar and any overlay. A pure function of the state (and the batch
/// numbers), so it is what `marginscope frame` prints and what snapshots test.
public enum Frame {
    /// Below this size the explorer shows a "too small" notice instead of a screen.
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    public struct Rendered {
        public var canvas: Canvas
        public var hits: HitMap
        /// Where each panel of the screen was drawn.
        public var panels: [Panel: Rect] = [:]
        /// Where the lesson box was drawn, when a lesson is open.
        public var lessonBox: Rect?
    }

    public static func render(
        _ state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?,
        train: TrainingSnapshot? = nil
    ) -> Rendered {
        var canvas = Canvas(width: state.width, height: state.height)
        var context = FrameContext(state: state, glyphs: glyphs, batch: batch, train: train)
        guard state.width >= minimumWidth, state.height >= minimumHeight else {
            drawTooSmall(on: &canvas, state: state)
            canvas.apply(Palette(state.display.theme))
            return Rendered(canvas: canvas, hits: context.hits)
        }
        let display = state.display
        var layout: LessonLayout?
        if display.zoomed || display.presenter, let plot = AppPlot.focused(state) {
            // The focused plot alone: no tabs, status or hint bar (zoom keeps a title row with the way back).
            PlotZoom.render(plot, in: canvas.bounds, on: &canvas, context: &context)
        } else if display.presenter {
            // A screen without a plot (geometry) keeps its panels, without the chrome.
            drawScreen(in: canvas.bounds, on: &canvas, context: &context)
        } else {
            let (top, rest) = canvas.bounds.splitTop(1)
            let (body, bottom) = rest.splitBottom(2)
            drawTabs(in: top, on: &canvas, context: &context)
            layout = lessonLayout(in: body, state: state, glyphs: glyphs, batch: batch)
            drawScreen(in: layout?.screen ?? body, on: &canvas, context: &context)
            drawStatus(in: Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: 1), on: &canvas, context: context)
            drawHints(in: Rect(x: bottom.x, y: bottom.y + 1, width: bottom.width, height: 1), on: &canvas, context: context)
            if let layout { drawLesson(in: layout.box, on: &canvas, context: &context) }
        }
        switch state.overlay {
        case .none: break
        case .help: HelpOverlay.render(in: canvas.bounds, on: &canvas, context: &context)
        case .glossary: HelpOverlay.renderGlossary(in: canvas.bounds, on: &canvas, context: context)
        case .entry(let field, let text): EntryOverlay.render(field: field, text: text, in: canvas.bounds, on: &canvas, context: context)
        case .stateString: EntryOverlay.renderStateString(in: canvas.bounds, on: &canvas, context: context)
        case .lessonPicker(let selected): LessonPicker.render(selected: selected, in: canvas.bounds, on: &canvas, context: context)
        case .explain(let panel): drawExplanation(of: panel, in: canvas.bounds, on: &canvas, context: context)
        }
        // Themes restyle the finished frame by role, so no view needs to know the theme.
        canvas.apply(Palette(display.theme))
        return Rendered(canvas: canvas, hits: context.hits, panels: context.panels.rects, lessonBox: layout?.box)
    }

    /// The current screen's panels in `area`.
    static func drawScreen(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        switch context.state.screen {
        case .softmax: SoftmaxScreen.render(in: area, on: &canvas, context: &context)
        case .cosine: CosineScreen.render(in: area, on: &canvas, context: &context)
        case .geometry: GeometryScreen.render(in: area, on: &canvas, context: &context)
        case .batch: BatchScreen.render(in: area, on: &canvas, context: &context)
        case .compare: CompareScreen.render(in: area, on: &canvas, context: &context)
        case .train: TrainScreen.render(in: area, on: &canvas, context: &context)
        }
    }

    static func drawTooSmall(on canvas: inout Canvas, state: ExplorerState) {
        let strings = state.strings
        let lines = [
            strings.format(.frameTooSmallNeeds, ["size": "\(minimumWidth)x\(minimumHeight)"]),
            strings.format(.frameTooSmallIs, ["size": "\(state.width)x\(state.height)"]),
            strings[.frameTooSmallHint],
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < state.height {
            let x = max(0, (state.width - ColumnWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + i, style: i == 0 ? Theme.warning : .plain)
        }
    }

    static func drawTabs(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        // Full titles when they, the name and the help fit; else the other screens' one-word titles,
        // then every title in one word; then the same without the program's name; then the other
        // screens' numbers only. Widths are display columns (Chinese titles take two per character).
        let active = context.state.screen, strings = context.strings
        let help = strings[.frameHelpTab], brand = "MarginScope "
        func short(_ screen: Screen) -> String { strings.language == .en ? screen.shortTitle : strings.title(of: screen) }
        // Each set of labels is made only when the ones before it do not fit (the first fits on a wide screen).
        let full = { Screen.allCases.map { " \($0.rawValue + 1) \(strings.title(of: $0)) " } }
        let shortLabels = { Screen.allCases.map { " \($0.rawValue + 1) \(short($0)) " } }
        let activeFull = {
            Screen.allCases.map {
                $0 == active ? " \($0.rawValue + 1) \(strings.title(of: $0)) " : " \($0.rawValue + 1) \(short($0)) "
            }
        }
        let numbers = { Screen.allCases.map { $0 == active ? " \($0.rawValue + 1) \(short($0)) " : " \($0.rawValue + 1) " } }
        func fits(_ labels: [String], branded: Bool) -> Bool {
            area.x + (branded ? ColumnWidth.of(brand) : 0) + labels.reduce(0) { $0 + ColumnWidth.of($1) } + ColumnWidth.of(help) + 1
                <= area.maxX
        }
        let choices: [(() -> [String], Bool)] = [
            (full, true), (activeFull, true), (shortLabels, true), (activeFull, false), (shortLabels, false),
        ]
        var (labels, branded) = ([String](), true)
        if let fitting = choices.lazy.map({ ($0.0(), $0.1) }).first(where: { fits($0.0, branded: $0.1) }) {
            (labels, branded) = fitting
        } else {
            (labels, branded) = (numbers(), true)
        }
        var x = branded ? canvas.put(brand, x: area.x, y: area.y, style: Theme.title, clip: area) : area.x
        for (screen, label) in zip(Screen.allCases, labels) {
            let start = x
            x = canvas.put(label, x: x, y: area.y, style: screen == context.state.screen ? Theme.tabActive : Theme.tab, clip: area)
            context.hits.add(Rect(x: start, y: area.y, width: x - start, height: 1), .screen(screen))
        }
        if x + ColumnWidth.of(help) + 1 <= area.maxX {
            canvas.put(help, x: area.maxX - ColumnWidth.of(help), y: area.y, style: Theme.dim, clip: area)
        }
    }

    /// The message, or what the focused field is and how to change it.
    static func drawStatus(in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        let state = context.state
        if let message = state.message {
            canvas.put(message, x: area.x, y: area.y, style: Theme.warning, clip: area)
            return
        }
        canvas.put(fieldHelp(state, glyphs: context.glyphs), x: area.x, y: area.y, style: Theme.dim, clip: area)
    }

    static func fieldHelp(_ state: ExplorerState, glyphs: GlyphSet) -> String {
        let field = state.focusedField
        let name = ScreenParts.replacingTheta(
            ExplorerState.name(of: field, angle: state.inputMode == .angle, strings: state.strings), with: glyphs.theta)
        let strings = state.strings, arrows = "\(glyphs.arrowLeft)/\(glyphs.arrowRight)", pm = glyphs.plusMinus
        if let file = state.batch.file, [.batchSamples, .batchClasses, .batchSpread, .batchSeed].contains(field) {
            return strings.format(.frameFixedByFile, ["name": name, "file": file])
        }
        if let (grid, _) = state.gridAndSteps(of: field) {
            let fine = grid.format(value: grid.value(grid.fineSteps)), coarse = grid.format(value: grid.value(grid.coarseSteps))
            return strings.format(
                .frameFieldGrid,
                [
                    "name": name, "arrows": arrows,
                    "fine": pm + StateString.trim(fine), "coarse": pm + StateString.trim(coarse),
                ])
        }
        // The sizes N and C step through, shortened to their first few and the last.
        func sizes(_ list: [Int], first: Int) -> String {
            list.prefix(first).map(String.init).joined(separator: ", ") + " … \(list.last!)"
        }
        let k = Settings.topK.grid, seed = Settings.seed.grid
        switch field {
        case .topK:
            return strings.format(
                .frameFieldTopK, ["name": name, "arrows": arrows, "fine": "\(pm)\(k.fineSteps)", "low": "\(k.minimumSteps)"])
        case .unselectedRule: return strings.format(.frameFieldRule, ["name": name, "arrows": arrows])
        case .batchSamples:
            return strings.format(.frameFieldSizes, ["name": name, "arrows": arrows, "sizes": sizes(BatchSettings.sampleSizes, first: 3)])
        case .batchClasses:
            return strings.format(.frameFieldSizes, ["name": name, "arrows": arrows, "sizes": sizes(BatchSettings.classSizes, first: 2)])
        case .batchSeed: return strings.format(.frameFieldSeed, ["name": name, "arrows": arrows, "fine": "\(pm)\(seed.fineSteps)"])
        default: return name
        }
    }

    /// The hint bar: the current screen's bindings that carry a hint, from the key table.
    static func drawHints(in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        let hints = KeyTable.bindings(on: context.state.screen).compactMap { b -> (String, String)? in
            guard let hint = b.hint else { return nil }
            return (hintKeys(b, glyphs: context.glyphs), ScreenParts.spell(context.strings[hint], context.glyphs))
        }
        var x = area.x
        let w = { (text: String) in ColumnWidth.of(text) }
        for (i, (keys, label)) in hints.enumerated() {
            let width = w(keys) + w(label) + 2
            let isLast = i == hints.count - 1
            // Keep room for the last hint (quit) whatever else is dropped.
            let reserve = isLast ? 0 : (hints.last.map { w($0.0) + w($0.1) + 2 } ?? 0)
            if x + width + reserve > area.maxX && !isLast { continue }
            x = canvas.put(keys, x: x, y: area.y, style: Theme.hintKey, clip: area)
            x = canvas.put(" \(label) ", x: x, y: area.y, style: .plain, clip: area)
        }
    }

    /// The first one or two keys of a binding, as the hint bar shows them.
    static func hintKeys(_ b: KeyBinding, glyphs: GlyphSet) -> String {
        func name(_ k: Key) -> String { glyphs.isUnicode ? k.name : k.asciiName }
        switch b.action {
        case .focusPrevious: return glyphs.arrowUp + glyphs.arrowDown
        case .decrease: return glyphs.arrowLeft + glyphs.arrowRight
        case .nextScreen: return "Tab"
        case .quit: return "q"
        case .beginEntry: return "Enter"
        default: return name(b.keys[0])
        }
    }
}
