import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension NcursesBackend {
    /// Runs a small full-screen check of the backend (hidden `--backend-demo`).
    ///
    /// Draws text in every colour and attribute, a braille sine curve, wide
    /// (CJK) characters and box drawing, and echoes the last event, the size
    /// and the capabilities; `q`, Esc or Ctrl-C quits, anything else is
    /// echoed. With `forceTrap` the first key after the first frame triggers
    /// a Swift runtime trap instead, which the end-to-end tests use to check
    /// that a crash restores the terminal.
    public static func demo(options: NcursesOptions, forceTrap: Bool = false) throws {
        let backend = try start(options: options)
        defer { backend.stop() }
        var lastEvent = "none yet"
        var eventCount = 0
        backend.draw(demoFrame(backend: backend, lastEvent: lastEvent, eventCount: eventCount, forceTrap: forceTrap))
        while let event = backend.nextEvent() {
            if forceTrap { forceTrapForTesting() }
            switch event {
            case .key(.character("q")), .key(.escape), .key(.control("c")):
                return
            default:
                eventCount += 1
                lastEvent = describe(event)
            }
            backend.draw(demoFrame(backend: backend, lastEvent: lastEvent, eventCount: eventCount, forceTrap: forceTrap))
        }
    }

    /// Stops the program with a Swift runtime trap (`fatalError`), as a bug
    /// would; test-only (hidden `--force-trap`).
    public static func forceTrapForTesting() -> Never {
        fatalError("forced trap for testing")
    }

    private static func demoFrame(backend: NcursesBackend, lastEvent: String, eventCount: Int, forceTrap: Bool) -> Canvas {
        let (width, height) = backend.size
        var canvas = Canvas(width: width, height: height)
        let unicode = backend.capabilities.unicode
        canvas.put("MarginScope backend demo", x: 1, y: 0, style: Style().bolded)
        let hint = forceTrap ? "press any key to trap" : "q, Esc or Ctrl-C quits; other keys and the mouse are echoed"
        canvas.put(hint, x: 1, y: 1, style: Style().dimmed)

        var x = 1
        for color in Color.allCases {
            x = canvas.put(" \(color) ", x: x, y: 3, style: Style(foreground: color, reverse: true)) + 1
        }
        x = 1
        for color in Color.allCases {
            x = canvas.put("\(color)", x: x, y: 4, style: Style(foreground: color, bold: true)) + 1
        }
        x = canvas.put("bold", x: 1, y: 5, style: Style().bolded) + 1
        x = canvas.put("dim", x: x, y: 5, style: Style().dimmed) + 1
        x = canvas.put("underline", x: x, y: 5, style: Style().underlined) + 1
        x = canvas.put("reverse", x: x, y: 5, style: Style().reversed) + 1
        canvas.put("yellow on blue", x: x, y: 5, style: Style(foreground: .yellow, background: .blue))

        let sample = unicode ? "θ cos θ − m  ░▒▓█ ┌─┐ 角度 ✓" : "theta cos(theta) - m  #=+ [-] ok"
        canvas.put(sample, x: 1, y: 6)

        // A braille sine curve: each cell holds a 2×4 grid of dots.
        let plotTop = 8
        let plotRows = max(0, min(6, height - plotTop - 5))
        if plotRows > 0 && width > 2 {
            let dotRows = plotRows * 4
            var bits = Array(repeating: UInt32(0), count: width * plotRows)
            for dotX in 0..<(2 * (width - 2)) {
                let phase = Double(dotX) / Double(2 * (width - 2)) * 4 * Double.pi
                let dotY = Int(((1 - sin(phase)) / 2 * Double(dotRows - 1)).rounded())
                let cell = (dotY / 4) * width + dotX / 2 + 1
                let bitTable: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
                bits[cell] |= bitTable[dotX % 2][dotY % 4]
            }
            for row in 0..<plotRows {
                for column in 0..<width where bits[row * width + column] != 0 {
                    let glyph = unicode ? String(Unicode.Scalar(0x2800 + bits[row * width + column])!) : "*"
                    canvas.set(x: column, y: plotTop + row, Cell(glyph, style: Style(foreground: .cyan)))
                }
            }
        }

        let info = height - 4
        canvas.put(
            "size \(width)\(unicode ? "×" : "x")\(height)  terminal \(backend.terminalName)  colour \(backend.capabilities.color)  unicode \(unicode)",
            x: 1, y: info)
        canvas.put("events \(eventCount)  last: \(lastEvent)", x: 1, y: info + 1, style: Style(foreground: .green))
        if let note = backend.fallbackNote {
            canvas.put(note, x: 1, y: info + 2, style: Style(foreground: .red))
        }
        return canvas
    }

    /// A short description of `event` for the demo's echo line.
    private static func describe(_ event: Event) -> String {
        switch event {
        case .key(let key): return "key \(key.asciiName)"
        case .mouse(let mouse): return "mouse \(mouse.action) \(mouse.button) at x \(mouse.x), y \(mouse.y)"
        case .resize(let width, let height): return "resize to \(width)x\(height)"
        case .paste(let text): return "paste of \(text.count) characters"
        }
    }
}
