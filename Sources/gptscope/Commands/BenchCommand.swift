import ArgumentParser

/// `gptscope bench`: speed measurements in a release build, side by side with a reference.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure GPTScope's speed (build with -c release).",
        discussion: """
        Benchmarks are not tests: run them in a release build, e.g.
          swift run -c release gptscope bench <subcommand>
        The Python comparators in Tests/Scripts/ run the reference implementation on the same \
        input in the same run and print both columns and the ratio.
        """,
        subcommands: [BenchTokenizerCommand.self, BenchForwardCommand.self, BenchPatchCommand.self]
    )
}
