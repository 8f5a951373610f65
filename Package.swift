// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MarginScope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "marginscope", targets: ["marginscope"]),
        .library(name: "LossMath", targets: ["LossMath"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // MARK: - Libraries (no terminal)

        /// The mathematics: log-sum-exp, softmax, NormFace, LMCL, BD-LMCL, bounds. Pure, no I/O.
        .target(name: "LossMath", dependencies: ["CKernels"]),
        /// LossMath's hot row loops for AVX2 + FMA, chosen at run time (Docs/Decisions.md). Not a public API.
        .target(name: "CKernels"),
        /// A small network trained under a chosen loss (softmax, NormFace, CosFace), data sets, metrics.
        .target(name: "Training", dependencies: ["LossMath"]),
        /// Cells, canvas, layout, widgets, plots, events. Knows nothing of losses.
        .target(name: "TerminalUI"),
        /// The application: state, actions, reducer, key table, screens.
        .target(
            name: "Explorer", dependencies: ["LossMath", "Training", "TerminalUI"],
            resources: [.copy("Lessons/BuiltIn")]
        ),
        /// The command line: compute, frame, bench (parsing, validation, formatting).
        .target(
            name: "MarginScopeCLI",
            dependencies: [
                "LossMath", "Training", "TerminalUI", "Explorer", "NcursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Terminal

        /// ncursesw (Debian: libncurses-dev), with the macros Swift cannot import wrapped in a shim header.
        /// Linked by the module map, not pkg-config: SwiftPM refuses the -D flags of ncursesw.pc
        /// ("prohibited flag(s)"); shim.h defines NCURSES_WIDECHAR itself (Docs/Decisions.md).
        .systemLibrary(name: "CNcurses"),
        /// The only Swift code that calls ncurses.
        .target(name: "NcursesBackend", dependencies: ["CNcurses", "TerminalUI"]),

        // MARK: - Executables

        .executableTarget(name: "marginscope", dependencies: ["MarginScopeCLI", "LossMath"]),

        // MARK: - Tests

        /// What the test targets share: running the built binary, temporary files, tags.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "LossMathTests", dependencies: ["LossMath", "TestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "LossMath"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(
            name: "ExplorerTests",
            dependencies: ["Explorer", "LossMath", "Training", "TerminalUI", "TestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["MarginScopeCLI", "Explorer", "LossMath", "TestSupport"]
        ),
    ]
)
