import Foundation
import LossMath
import TestSupport
import Testing

/// Runs the built `marginscope` executable (`MarginScopeBinary`).
enum CLI {
    static var binary: URL? { MarginScopeBinary.url }

    /// Runs `marginscope compute <arguments>` (or the bare command with `subcommand: nil`).
    static func run(_ arguments: [String], stdin: Data? = nil, subcommand: String? = "compute") throws -> RunResult {
        let binary = try #require(binary, "the marginscope executable was not found next to the test bundle")
        return try Subprocess.run(binary, (subcommand.map { [$0] } ?? []) + arguments, stdin: stdin)
    }
}

/// A small seeded generator for test inputs.
typealias SeededGenerator = SplitMix64

/// Parses JSON output into a dictionary, recording a failure when it is not an object.
func jsonObject(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: data)
    return try #require(value as? [String: Any], "output is not a JSON object", sourceLocation: sourceLocation)
}
