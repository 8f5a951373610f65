import ArgumentParser

/// The `marginscope` command: the explorer by default, and its subcommands.
public struct MarginScope: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marginscope",
        abstract: "Explore softmax cross-entropy, LMCL (CosFace) and BD-LMCL in the terminal.",
        subcommands: [Compute.self]
    )
    public init() {}
    public func run() throws {}
}
