import Foundation
import Testing

extension Tag {
    /// Runs the real binary in tmux, as a user would (needs tmux; seconds per test).
    @Tag public static var terminal: Self
    /// Runs the built binary as a subprocess (command line, files, exit codes).
    @Tag public static var subprocess: Self
    /// Random inputs in bulk (fuzz runs).
    @Tag public static var fuzz: Self
    /// Compares with the independent NumPy implementation (needs python3 and numpy).
    @Tag public static var reference: Self
}

/// What this run of the tests includes.
public enum TestRun {
    /// `MARGINSCOPE_FAST=1`: only the tests that need no subprocess, terminal or fuzz run
    /// (the math, the widgets, the reducer and the frames; about a minute).
    public static let fastOnly: Bool = ProcessInfo.processInfo.environment["MARGINSCOPE_FAST"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// The trait of a slow suite: disabled under `MARGINSCOPE_FAST=1`.
    public static var slow: ConditionTrait {
        .enabled(if: !fastOnly, "MARGINSCOPE_FAST=1 runs only the fast tests")
    }
}
