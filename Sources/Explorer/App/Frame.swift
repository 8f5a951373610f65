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
    }

    public static func render(_ state: ExplorerState, glyphs: GlyphSet, batch: BatchSnapshot?,
                              train: TrainingSnapshot? = nil) -> Rendered {
        var canvas = Canvas(width: state.width, height: state.height)
        var context = FrameContext(state: state, glyphs: glyphs, batch: batch, train: train)
        guard state.width >= minimumWidth, state.height >= minimumHeight else {
            drawTooSmall(on: &canvas, state: state)
            return Rendered(canvas: canvas, hits: context.hits)
        }
        let (top, rest) = canvas.bounds.splitTop(1)
        let (body, bottom) = rest.splitBottom(2)
        drawTabs(in: top, on: &canvas, context: &context)
        switch state.screen {
        case .softmax: SoftmaxScreen.render(in: body, on: &canvas, context: &context)
        case .cosine: CosineScreen.render(in: body, on: &canvas, context: &context)
        case .geometry: GeometryScreen.render(in: body, on: &canvas, context: &context)
        case .batch: BatchScreen.render(in: body, on: &canvas, context: &context)
        case .train: TrainScreen.render(in: body, on: &canvas, context: &context)
        }
        drawStatus(in: Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: 1), on: &canvas, context: context)
        drawHints(in: Rect(x: bottom.x, y: bottom.y + 1, width: bottom.width, height: 1), on: &canvas, context: context)
        switch state.overlay {
        case .none: break
        case .help: HelpOverlay.render(in: canvas.bounds, on: &canvas, context: &context)
        case .entry(let field, let text): EntryOverlay.render(field: field, text: text, in: canvas.bounds, on: &canvas, context: context)
        case .stateString: EntryOverlay.renderStateString(in: canvas.bounds, on: &canvas, context: context)
        }
        return Rendered(canvas: canvas, hits: context.hits)
    }

    static func drawTooSmall(on canvas: inout Canvas, state: ExplorerState) {
        let lines = [
            "MarginScope needs \(minimumWidth)x\(minimumHeight)",
            "this terminal is \(state.width)x\(state.height)",
            "enlarge it, or press q",
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < state.height {
            let x = max(0, (state.width - line.count) / 2)
            canvas.put(line, x: x, y: top + i, style: i == 0 ? Theme.warning : .plain)
        }
    }

    static func drawTabs(in area: Rect, on canvas: inout Canvas, context: inout FrameContext) {
        var x = canvas.put("MarginScope ", x: area.x, y: area.y, style: Theme.title, clip: area)
        // Full titles when they and the help fit; else the other screens' one-word titles, then
        // every title in one word, then the other screens' numbers only.
        let start0 = x, active = context.state.screen
        func fits(_ labels: [String]) -> Bool { start0 + labels.reduce(0) { $0 + $1.count } + "? help".count + 1 <= area.maxX }
        let full = Screen.allCases.map { " \($0.rawValue + 1) \($0.title) " }
        let short = Screen.allCases.map { " \($0.rawValue + 1) \($0.shortTitle) " }
        let activeFull = Screen.allCases.map { $0 == active ? " \($0.rawValue + 1) \($0.title) " : " \($0.rawValue + 1) \($0.shortTitle) " }
        let numbers = Screen.allCases.map { $0 == active ? " \($0.rawValue + 1) \($0.shortTitle) " : " \($0.rawValue + 1) " }
        let labels = [full, activeFull, short].first(where: fits) ?? numbers
        for (screen, label) in zip(Screen.allCases, labels) {
            let start = x
            x = canvas.put(label, x: x, y: area.y, style: screen == context.state.screen ? Theme.tabActive : Theme.tab, clip: area)
            context.hits.add(Rect(x: start, y: area.y, width: x - start, height: 1), .screen(screen))
        }
        let help = "? help"
        if x + help.count + 1 <= area.maxX {
            canvas.put(help, x: area.maxX - help.count, y: area.y, style: Theme.dim, clip: area)
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
        let name = ExplorerState.name(of: field, angle: state.inputMode == .angle).replacingOccurrences(of: "θ", with: glyphs.theta)
        let l = glyphs.arrowLeft, r = glyphs.arrowRight
        if let file = state.batch.file, [.batchSamples, .batchClasses, .batchSpread, .batchSeed].contains(field) {
            return "\(name): fixed by the batch file \(file)"
        }
        if let (grid, _) = state.gridAndSteps(of: field) {
            let fine = grid.format(value: grid.value(grid.fineSteps)), coarse = grid.format(value: grid.value(grid.coarseSteps))
            return "\(name): \(l)/\(r) \(glyphs.plusMinus)\(StateString.trim(fine)), H/L \(glyphs.plusMinus)\(StateString.trim(coarse)), Enter types a value"
        }
        // The sizes N and C step through, shortened to their first few and the last.
        func sizes(_ list: [Int], first: Int) -> String {
            list.prefix(first).map(String.init).joined(separator: ", ") + " … \(list.last!)"
        }
        let k = Settings.topK.grid, seed = Settings.seed.grid
        switch field {
        case .topK: return "\(name): \(l)/\(r) k \(glyphs.plusMinus)\(k.fineSteps) (\(k.minimumSteps) to C), Enter types a value"
        case .unselectedRule: return "\(name): \(l)/\(r) or e switches no-margin / excluded"
        case .batchSamples: return "\(name): \(l)/\(r) through \(sizes(BatchSettings.sampleSizes, first: 3)), Enter types a value"
        case .batchClasses: return "\(name): \(l)/\(r) through \(sizes(BatchSettings.classSizes, first: 2)), Enter types a value"
        case .batchSeed: return "\(name): \(l)/\(r) \(glyphs.plusMinus)\(seed.fineSteps), n draws the next batch"
        default: return name
        }
    }

    /// The hint bar: the current screen's bindings that carry a hint, from the key table.
    static func drawHints(in area: Rect, on canvas: inout Canvas, context: FrameContext) {
        let hints = KeyTable.bindings(on: context.state.screen).compactMap { b -> (String, String)? in
            guard let hint = b.hint else { return nil }
            return (hintKeys(b, glyphs: context.glyphs), ScreenParts.spell(hint, context.glyphs))
        }
        var x = area.x
        for (i, (keys, label)) in hints.enumerated() {
            let width = keys.count + label.count + 2
            let isLast = i == hints.count - 1
            // Keep room for the last hint (quit) whatever else is dropped.
            let reserve = isLast ? 0 : (hints.last.map { $0.0.count + $0.1.count + 2 } ?? 0)
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
