import Foundation
import LossMath
import TerminalUI
import TestSupport
import Testing

@testable import Explorer

/// The terminal input parser under random byte streams: whole escape
/// sequences of every kind (known keys, random CSI with parameters and
/// intermediates, SS3, OSC/DCS/APC strings ended by BEL or ST, SGR, urxvt and
/// X10 mouse reports, pastes) and broken ones (cut short, interrupted by Esc or
/// a control character, random bytes), each followed by a sentinel key.
///
/// Checked after every sequence: a whole sequence gives at most one event and
/// never Esc (nor Esc plus loose characters); after a broken one and the escape delay,
/// the parser is idle again; the sentinel always arrives, exactly once; mouse
/// cells are never negative; pasted text holds no control characters; and the
/// events, given to the explorer, never break its state. `swift test` runs a
/// few thousand sequences; `MARGINSCOPE_FUZZ_SEQUENCES=200000` (or the long
/// fuzz's `MARGINSCOPE_FUZZ_EVENTS` above 100,000) runs the long one.
@Suite("Fuzz: escape sequences", .tags(.fuzz), TestRun.slow) struct FuzzEscapeSequenceTests {
    static let environment = ProcessInfo.processInfo.environment
    static let sequences =
        environment["MARGINSCOPE_FUZZ_SEQUENCES"].flatMap { Int($0) }
        ?? (FuzzTests.events > 100_000 ? 200_000 : 5_000)

    /// The sentinel: a key the generator never produces otherwise (F24, xterm's Shift-F12).
    static let sentinel: [UInt8] = Array("\u{1B}[24;2~".utf8)
    static let sentinelEvent = Event.key(.function(24))

    /// Sequences as terminals send them.
    static let known: [String] = [
        "\u{1B}[A", "\u{1B}[B", "\u{1B}[C", "\u{1B}[D", "\u{1B}OA", "\u{1B}OD", "\u{1B}[1;2A", "\u{1B}[1;5C", "\u{1B}[1;3D",
        "\u{1B}[H", "\u{1B}[F", "\u{1B}OH", "\u{1B}OF", "\u{1B}[1~", "\u{1B}[4~", "\u{1B}[7~", "\u{1B}[8~", "\u{1B}[7$",
        "\u{1B}[2~", "\u{1B}[3~", "\u{1B}[5~", "\u{1B}[6~", "\u{1B}[5;5~", "\u{1B}[Z", "\u{1B}[a", "\u{1B}[d",
        "\u{1B}OP", "\u{1B}OS", "\u{1B}[11~", "\u{1B}[15~", "\u{1B}[24~", "\u{1B}[25~", "\u{1B}[34~", "\u{1B}[1;2P",
        "\u{1B}[[A", "\u{1B}[[E", "\u{1B}O2Q", "\u{1B}OM", "\u{1B}Op", "\u{1B}Oj",
        "\u{1B}[I", "\u{1B}[O", "\u{1B}[12;40R", "\u{1B}[?62;22c", "\u{1B}[>0;276;0c", "\u{1B}[?1;2$y",
        "\u{1B}[27;5;108~", "\u{1B}[108;5u", "\u{1B}[114;5u", "\u{1B}[97;3u", "\u{1B}[13u", "\u{1B}[127u",
        "\u{1B}]11;rgb:0000/0000/0000\u{07}", "\u{1B}]52;c;cQ==\u{1B}\\", "\u{1B}P1$r0m\u{1B}\\", "\u{1B}_Gi=1\u{1B}\\",
        "\u{1B}[<0;10;5M", "\u{1B}[<0;10;5m", "\u{1B}[<32;11;6M", "\u{1B}[<64;1;1M", "\u{1B}[<65;300;100M", "\u{1B}[<35;3;3M",
        "\u{1B}[32;7;8M", "\u{1B}[M !!", "\u{1B}[M#!!", "\u{1B}[M`!!", "\u{1B}[200~q\u{03}\u{1B}[A\r\n\u{1B}[201~",
    ]

    @Test func wholeAndBrokenEscapeSequencesNeverLoseTheNextKey() {
        var random = FuzzRandom(seed: Self.environment["MARGINSCOPE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 16)
        var parser = InputParser()
        let app = ExplorerApp(state: ExplorerState(), glyphs: .unicode)
        var failures: [String] = []
        var whole = 0, broken = 0
        for index in 0..<Self.sequences where failures.count < 10 {
            let isWhole = random.chance(0.6)
            let bytes = isWhole ? Self.wholeSequence(&random) : Self.brokenSequence(&random)
            var events = parser.feed(bytes)
            if isWhole {
                whole += 1
                if parser.wait != nil { failures.append("#\(index) whole \(bytes) left the parser waiting") }
                if events.count > 1 || events.contains(.key(.escape)) { failures.append("#\(index) whole \(bytes) gave \(events)") }
            } else {
                broken += 1
                // The escape delay runs out (or the rest arrives later and is dropped).
                events += parser.expire()
                if parser.wait != nil { failures.append("#\(index) broken \(bytes): still waiting after the delay") }
            }
            let after = parser.feed(Self.sentinel)
            if after.filter({ $0 == Self.sentinelEvent }).count != 1 {
                failures.append("#\(index) \(isWhole ? "whole" : "broken") \(bytes): sentinel gave \(after)")
            }
            for event in events + after {
                switch event {
                case .mouse(let mouse) where mouse.x < 0 || mouse.y < 0:
                    failures.append("#\(index) \(bytes): negative mouse cell \(mouse)")
                case .paste(let text) where text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }):
                    failures.append("#\(index) \(bytes): control character in paste \(text.debugDescription)")
                case .key(.character("q")), .key(.control("c")), .key(.escape):
                    continue  // would end the session being fuzzed
                default:
                    app.handle(event)
                }
            }
            if app.state.wantsQuit { failures.append("#\(index) \(bytes): the explorer quit") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(whole + broken >= Self.sequences || !failures.isEmpty)
        #expect(whole > Self.sequences / 3 && broken > Self.sequences / 4)
    }

    /// A well-formed sequence: a known one, or a random CSI, SS3, string or mouse report.
    static func wholeSequence(_ random: inout FuzzRandom) -> [UInt8] {
        switch Int.random(in: 0..<6, using: &random) {
        case 0, 1: return Array(random.pick(known).utf8)
        case 2:
            // CSI: an optional private marker, parameters, intermediates, a final byte.
            var bytes: [UInt8] = [0x1B, 0x5B]
            if random.chance(0.3) { bytes.append(random.pick(Array("<=>?".utf8))) }
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                bytes += Array(String(Int.random(in: 0...99_999, using: &random)).utf8)
                if random.chance(0.8) { bytes.append(random.chance(0.9) ? 0x3B : 0x3A) }
            }
            // Intermediates, but not "$": after parameters it ends the sequence, as rxvt's keys need (InputParser).
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let intermediate = UInt8.random(in: 0x20...0x2F, using: &random)
                bytes.append(intermediate == 0x24 ? 0x23 : intermediate)
            }
            // Not M right after "ESC [" (X10 mouse takes three more bytes) nor "[" (Linux F-key takes one).
            var final = UInt8.random(in: 0x40...0x7E, using: &random)
            if bytes.count == 2 && (final == 0x4D || final == 0x5B) { final = 0x41 }
            return bytes + [final]
        case 3:
            // A string: OSC, DCS, APC, PM or SOS, any printable content, ended by BEL or ST.
            var bytes: [UInt8] = [0x1B, random.pick(Array("]P_^X".utf8))]
            for _ in 0..<Int.random(in: 0...40, using: &random) { bytes.append(UInt8.random(in: 0x20...0x7E, using: &random)) }
            return bytes + (random.chance(0.5) ? [0x07] : [0x1B, 0x5C])
        case 4:
            let b = Int.random(in: 0...127, using: &random), x = Int.random(in: 0...400, using: &random)
            let y = Int.random(in: 0...200, using: &random)
            return Array("\u{1B}[<\(b);\(x);\(y)\(random.chance(0.5) ? "M" : "m")".utf8)
        default:
            // A paste of anything but its end marker.
            var body: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) { body.append(UInt8.random(in: 0...255, using: &random)) }
            while let range = body.firstRange(of: Array("\u{1B}[201~".utf8)) { body.removeSubrange(range) }
            return Array("\u{1B}[200~".utf8) + body + Array("\u{1B}[201~".utf8)
        }
    }

    /// A broken sequence: a whole one cut short, interrupted, or random bytes after Esc.
    static func brokenSequence(_ random: inout FuzzRandom) -> [UInt8] {
        var bytes = wholeSequence(&random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            bytes = Array(bytes.prefix(Int.random(in: 1...max(1, bytes.count - 1), using: &random)))
        case 1:
            let cut = Int.random(in: 1...max(1, bytes.count - 1), using: &random)
            bytes.insert(random.pick([0x1B, 0x03, 0x18, 0x1A, 0x0D, 0x7F]), at: cut)
        case 2:
            bytes = [0x1B] + (0..<Int.random(in: 0...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        default:
            bytes = (0..<Int.random(in: 1...12, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return bytes
    }
}
