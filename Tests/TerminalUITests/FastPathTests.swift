import Testing

@testable import TerminalUI

/// The frame's fast paths against the slow ways they replace: widths read by scalar against
/// widths by grapheme, the diff against the cell-by-cell diff, one-scalar `put` against `put`
/// of a string, and the two-word cell compare against `==`.
@Suite struct FastPathTests {
    /// Scalars of every kind that joins or breaks graphemes: controls, CR LF, combining marks,
    /// ZWJ and ZWNJ, variation selectors, regional indicators, emoji and their modifiers,
    /// Hangul jamo and syllables, Indic spacing marks and viramas, prepended concatenation marks.
    static let awkward: [UInt32] = [
        0x0D, 0x0A, 0x01, 0x7F, 0x85, 0xAD, 0x300, 0x301, 0x36F, 0x483, 0x200B, 0x200C, 0x200D, 0x200E,
        0x2028, 0x2060, 0xFE0F, 0xFE0E, 0x1F1E6, 0x1F1EB, 0x1F600, 0x1F468, 0x1F3FB, 0x1100, 0x1161, 0x11A8,
        0xAC00, 0xAC01, 0x915, 0x93E, 0x94D, 0x600, 0x110BD, 0x302A, 0x3099, 0xFF9E, 0x20D0, 0xE0100,
    ]

    static var loneScalars: [Unicode.Scalar] {
        (0...0xFFFF).compactMap { v in ColumnWidth.isLoneGrapheme(v) ? Unicode.Scalar(v) : nil }
    }

    @Test func everyLoneScalarIsAGraphemeBesideAnyOther() {
        let lone = Self.loneScalars
        let partners: [Unicode.Scalar] = ["a", "\r", "\n", "\u{AD}", "中"]
        for v in lone {
            for w in partners + [v] {
                var pair = String.UnicodeScalarView()
                pair.append(v)
                pair.append(w)
                let s = String(pair)
                let expected = (v == "\r" && w == "\n") ? 1 : 2
                #expect(s.count == expected, "U+\(String(v.value, radix: 16)) then U+\(String(w.value, radix: 16))")
                var reversed = String.UnicodeScalarView()
                reversed.append(w)
                reversed.append(v)
                let r = String(reversed)
                #expect(r.count == ((w == "\r" && v == "\n") ? 1 : 2))
            }
        }
    }

    @Test func widthsByScalarEqualWidthsByGrapheme() {
        var random = SplitMix(seed: 20_261_202)
        let lone = Self.loneScalars
        let awkward = Self.awkward.compactMap(Unicode.Scalar.init)
        for round in 0..<20_000 {
            var view = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 12) {
                // Mostly lone scalars; every few strings some awkward ones among them.
                let pickAwkward = round % 4 == 0 && random.next() % 3 == 0
                view.append(
                    pickAwkward
                        ? awkward[Int(random.next() % UInt64(awkward.count))] : lone[Int(random.next() % UInt64(lone.count))])
            }
            let s = String(view)
            #expect(ColumnWidth.of(s) == ColumnWidth.ofCharacters(s), "\(s.unicodeScalars.map { $0.value })")
        }
    }

    /// The diff as it was written first: cell by cell, a run grown one cell at a time.
    static func referenceChanges(_ canvas: Canvas, from previous: Canvas?) -> [Canvas.Change] {
        let (width, height, cells) = (canvas.width, canvas.height, canvas.cells)
        let full = previous == nil || previous!.width != width || previous!.height != height
        var result: [Canvas.Change] = []
        for yy in 0..<height {
            var xx = 0
            while xx < width {
                let i = yy * width + xx
                if full || cells[i] != previous!.cells[i] {
                    var run: [Cell] = []
                    var start = xx
                    if cells[i].isContinuation && xx > 0 { start = xx - 1; run.append(cells[i - 1]) }
                    while xx < width && (full || cells[yy * width + xx] != previous!.cells[yy * width + xx]) {
                        run.append(cells[yy * width + xx])
                        xx += 1
                    }
                    result.append(Canvas.Change(x: start, y: yy, cells: run))
                } else {
                    xx += 1
                }
            }
        }
        return result
    }

    static func randomCanvas(_ random: inout SplitMix, width: Int, height: Int, base: Canvas? = nil) -> Canvas {
        var canvas = base ?? Canvas(width: width, height: height)
        let texts = ["a", "bc", "中", "文字", "e\u{301}", "⠁⠂", " ", "θ", "│"]
        let styles: [Style] = [.plain, .plain.bolded, Style(foreground: .red), Style(role: .accent), Style(background: .blue).dimmed]
        for _ in 0..<(height > 0 ? Int(random.next() % 30) : 0) {
            let text = texts[Int(random.next() % UInt64(texts.count))]
            let style = styles[Int(random.next() % UInt64(styles.count))]
            canvas.put(text, x: Int(random.next() % UInt64(width + 2)) - 1, y: Int(random.next() % UInt64(height)), style: style)
        }
        return canvas
    }

    @Test func theDiffIsTheCellByCellDiff() {
        var random = SplitMix(seed: 7)
        for _ in 0..<3000 {
            let (w, h) = (Int(random.next() % 9), Int(random.next() % 4))
            let old = Self.randomCanvas(&random, width: w, height: h)
            let new = Self.randomCanvas(&random, width: w, height: h, base: random.next() % 2 == 0 ? old : nil)
            #expect(new.changes(from: old) == Self.referenceChanges(new, from: old))
            #expect(new.changes(from: nil) == Self.referenceChanges(new, from: nil))
            let other = Canvas(width: w + 1, height: h)
            #expect(new.changes(from: other) == Self.referenceChanges(new, from: other))
        }
    }

    @Test func twoWordCompareIsEquality() {
        var random = SplitMix(seed: 11)
        let canvases = (0..<200).map { _ in Self.randomCanvas(&random, width: 6, height: 2) }
        let cells = canvases.flatMap(\.cells) + [.blank, .continuation]
        for _ in 0..<50_000 {
            let a = cells[Int(random.next() % UInt64(cells.count))], b = cells[Int(random.next() % UInt64(cells.count))]
            #expect(Cell.same(a, b) == (a == b))
        }
    }

    @Test func puttingOneScalarIsPuttingItsString() {
        var random = SplitMix(seed: 3)
        let scalars: [Unicode.Scalar] = ["a", "⠁", "⣿", "▀", "█", "中", "\u{301}", "\u{1}", "θ"]
        for _ in 0..<5000 {
            let base = Self.randomCanvas(&random, width: 7, height: 3)
            let scalar = scalars[Int(random.next() % UInt64(scalars.count))]
            let (x, y) = (Int(random.next() % 9) - 1, Int(random.next() % 4) - 0)
            let clip = Rect(
                x: Int(random.next() % 4), y: Int(random.next() % 3), width: Int(random.next() % 6), height: Int(random.next() % 3))
            var byString = base, byScalar = base
            let a = byString.put(String(scalar), x: x, y: y, style: .plain.bolded, clip: clip)
            let b = byScalar.put(scalar, x: x, y: y, style: .plain.bolded, clip: clip)
            #expect(a == b && byString == byScalar)
        }
    }
}

/// A small seeded generator (SplitMix64), so that failures repeat.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Test func nearestIntegerIsRoundingHalfAwayFromZero() {
    var random = SplitMix(seed: 5)
    var values: [Double] = [
        0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994, 4_503_599_627_370_495.5, 0x1p52, -0x1p52, 1e300,
        -1e300,
    ]
    for k in -400...400 { values.append(Double(k) / 4); values.append(Double(k) / 4 + 1e-12); values.append(Double(k) / 4 - 1e-12) }
    for _ in 0..<100_000 {
        let bits = random.next()
        values.append(
            Double(bitPattern: bits).magnitude < 1e18 ? Double(bitPattern: bits) : Double(Int64(truncatingIfNeeded: bits) % 1_000_000) / 7)
    }
    for v in values where v.isFinite && v.magnitude < 9e18 {
        #expect(nearestInteger(v) == Int(v.rounded()), "\(v)")
    }
}

/// `PlotRaster.drawPolyline` (the plots' path: segments inside the grid rounded once and walked
/// without clipping) against `drawSegment` called for each pair of consecutive finite points, as
/// the plots drew before: every cell's owner, dots and style and the step count at the end agree,
/// on every marker and dash pattern, for lines that leave the grid, jump far outside it, break at
/// non-finite points and cross the cells of earlier series.
@Test func polylineDrawsTheDotsOfItsSegments() {
    var random = SplitMix(seed: 11)
    func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(random.next() >> 11) / 0x1p53
    }
    let styles: [LineStyle] = [.solid, .dotted, .dashed]
    var compared = 0
    for marker in [PlotMarker.braille, .block, .ascii] {
        for trial in 0..<60 {
            let width = 1 + Int(random.next() % 17), height = 1 + Int(random.next() % 9)
            var fast = PlotRaster(width: width, height: height, marker: marker)
            var slow = fast
            let (w, h) = (Double(fast.subWidth), Double(fast.subHeight))
            for owner in 0..<3 {
                var points: [(Double, Double)] = []
                for _ in 0..<(1 + Int(random.next() % 40)) {
                    switch random.next() % 10 {
                    case 0: points.append((uniform(-3 * w...4 * w), uniform(-3 * h...4 * h)))  // outside, mostly
                    case 1: points.append(random.next() % 2 == 0 ? (.nan, 1) : (1, -.infinity))  // a break
                    case 2: points.append((uniform(-1e300...1e300), uniform(-0.5...h)))  // far away
                    case 3: points.append((Double(random.next() % 40) / 2 - 0.5, Double(random.next() % 20) / 2 - 0.5))  // halves, edges
                    default: points.append((uniform(-0.4999...(w - 0.5001)), uniform(-0.4999...(h - 0.5001))))  // inside
                    }
                }
                let lineStyle = styles[(trial + owner) % styles.count]
                let style = Style.plain.bolded
                var fastStep = owner * 5, slowStep = owner * 5
                fast.drawPolyline(points, owner: owner, style: style, glyph: "o", lineStyle: lineStyle, step: &fastStep)
                var previous: (Double, Double)? = nil
                for q in points {
                    guard q.0.isFinite, q.1.isFinite else {
                        previous = nil
                        continue
                    }
                    slow.drawSegment(
                        from: previous ?? q, to: q, owner: owner, style: style, glyph: "o", lineStyle: lineStyle,
                        step: &slowStep, skipFirst: previous != nil)
                    previous = q
                }
                #expect(fastStep == slowStep, "\(marker) trial \(trial) owner \(owner)")
            }
            for (a, b) in zip(fast.cells, slow.cells) {
                #expect(a.owner == b.owner && a.bits == b.bits && a.style == b.style, "\(marker) trial \(trial)")
                compared += a.owner >= 0 ? 1 : 0
            }
            for row in 0..<height {
                for column in 0..<width {
                    #expect(fast.cell(column: column, row: row)?.text == slow.cell(column: column, row: row)?.text)
                }
            }
        }
    }
    #expect(compared > 1000, "the random lines should cover many cells (\(compared))")
}

/// `Interpolation` (the series marks' scan, resumed where the last column's answer was found)
/// against `interpolate` (the scan from the first point) at every x asked: on rising series with
/// breaks, repeated x and vertical steps, on series that turn back (scanned whole), and with
/// x asked in order, with repeats, and out of order.
@Test func resumedInterpolationAnswersAsTheWholeScan() {
    var random = SplitMix(seed: 29)
    func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(random.next() >> 11) / 0x1p53
    }
    var found = 0, resumed = 0
    for trial in 0..<400 {
        var points: [(x: Double, y: Double)] = []
        var x = uniform(-2...0)
        for _ in 0..<(Int(random.next() % 60)) {
            switch random.next() % 12 {
            case 0: points.append((.nan, 1))
            case 1: points.append((x, .infinity))
            case 2: points.append((x, uniform(-1...1)))  // a vertical step: the same x again
            case 3 where trial % 4 == 0: x -= uniform(0...1)  // turns back: not sorted
            default: x += Double(random.next() % 3) / 4 + (random.next() % 2 == 0 ? 0 : uniform(0...0.3))
            }
            points.append((x, uniform(-1...1)))
        }
        var line = Interpolation(points)
        resumed += line.sorted ? 1 : 0
        var queries = (0..<50).map { _ in uniform(-2.5...(x + 0.5)) }.sorted()
        queries += points.prefix(10).map(\.x) + [.nan, -.infinity]  // exact point x, then out of order
        for q in queries {
            let expected = interpolate(points, at: q)
            let got = line.value(at: q)
            #expect(
                got?.bitPattern == expected?.bitPattern,
                "trial \(trial) x \(q): \(String(describing: got)) vs \(String(describing: expected))")
            found += expected == nil ? 0 : 1
        }
    }
    #expect(found > 5000 && resumed > 250 && resumed < 400, "\(found) answers, \(resumed) sorted series")
}
