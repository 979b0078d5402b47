import ArgumentParser

/// The `gptscope` command: opens up GPT-style Transformers and draws what is inside.
@main
struct GPTScope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gptscope",
        abstract: "See how GPT-style Transformers work: parameters, tokens, attention, and more.",
        discussion: """
        Every command works offline. Figures are written as PNG, SVG or PDF, chosen by the \
        file extension you give.
        """,
        subcommands: [ParamsCommand.self, TokenizeCommand.self, RunCommand.self, GenerateCommand.self, InspectCommand.self, AttentionCommand.self, LayersCommand.self, PosencCommand.self, EmbeddingsCommand.self, ReportCommand.self, BenchCommand.self, TrainTokenizerCommand.self, TrainCommand.self, TrainReportCommand.self]
    )
}
