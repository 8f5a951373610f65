import Foundation
import Testing

/// Compares `text` with the snapshot file `__Snapshots__/<name>.txt`.
///
/// Snapshots are re-recorded on purpose only: run with `MARGINSCOPE_RECORD=1`
/// to write them. A missing snapshot fails the test (it is never recorded silently).
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent("\(name).txt")
    let record = ProcessInfo.processInfo.environment["MARGINSCOPE_RECORD"].map { !$0.isEmpty && $0 != "0" } ?? false
    let body = text + "\n"
    if record {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? body.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        let report: String = "No snapshot \(file.lastPathComponent); record it with MARGINSCOPE_RECORD=1 swift test --filter \(name)"
        Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        return
    }
    if expected != body {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = body.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
            diff.append("line \(i + 1):\n  expected: \(i < e.count ? String(e[i]) : "")\n  actual:   \(i < a.count ? String(a[i]) : "")")
            if diff.count >= 6 { break }
        }
        let report: String = "Snapshot \(name) differs:\n" + diff.joined(separator: "\n")
        Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
    }
}
