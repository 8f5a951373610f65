import Foundation

/// The built `marginscope` executable, for the tests that run it as a user would.
public enum MarginScopeBinary {
    /// `MARGINSCOPE_BINARY` if set (to run the tests against another build), else the first
    /// executable named `marginscope` beside the test bundle or in a folder above it (SwiftPM puts
    /// both in the same products folder, also with `--scratch-path`); nil when none is built.
    public static let url: URL? = {
        let manager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["MARGINSCOPE_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let starts = [
            Bundle.main.executableURL, Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments.first ?? "."),
        ].compactMap { $0 }
        for start in starts {
            var directory = start.standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<6 {
                for sub in ["", "debug", "release"] {
                    let candidate = (sub.isEmpty ? directory : directory.appendingPathComponent(sub)).appendingPathComponent("marginscope")
                    var isDirectory: ObjCBool = false
                    if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                        manager.isExecutableFile(atPath: candidate.path)
                    {
                        return candidate
                    }
                }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }()
}
