import ArgumentParser
import Charts
import Foundation
import GPTModel
import Visualizations

/// `gptscope architecture`: the block diagram of a model with its real shapes, from its configuration.
struct ArchitectureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "architecture",
        abstract: "Draw a model's block diagram with the real tensor shape on every edge and each box's parameters.",
        discussion: """
        The diagram follows from the configuration alone: token and position embeddings, one \
        block expanded with its norms where the model puts them (after each residual add in \
        GPT-1 and the original Transformer, before each sublayer in GPT-2, GPT-3 and Llama), \
        attention with its heads (and grouped key/value heads), the MLP (GELU or SwiGLU), the \
        number of blocks, the final norm, and the output head, tied or not. The original \
        Transformer draws as encoder and decoder.

        MODEL is a preset (gptscope params --list), a config.json or a checkpoint folder; \
        without one, the built-in model. --compare A B draws two side by side and outlines what differs.

        Examples:
          gptscope architecture gpt2 --chart output/architecture.gpt2.png
          gptscope architecture transformer-base --chart output/architecture.transformer.svg
          gptscope architecture --compare gpt1 gpt2 --chart output/architecture.gpt1-gpt2.png
        """
    )

    @Argument(help: "A preset, config.json or checkpoint folder (default: the built-in model).")
    var model: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Two models to draw side by side, e.g. --compare gpt1 gpt2.", valueName: "model"))
    var compare: [String] = []

    @Option(help: ArgumentHelp("Where to draw the diagram (.png, .svg or .pdf).", valueName: "path"))
    var chart: String

    @Option(help: ArgumentHelp("PNG pixels per point.", valueName: "s"))
    var scale = 2.0

    func validate() throws {
        if !compare.isEmpty && compare.count != 2 {
            throw ValidationError("--compare takes exactly two models, e.g. --compare gpt1 gpt2")
        }
        if !compare.isEmpty && model != nil { throw ValidationError("give a model or --compare A B, not both") }
        try FigurePath.check(chart, option: "--chart")
        if !(scale > 0 && scale <= 8) { throw ValidationError("--scale must be between 0 and 8, e.g. 2") }
    }

    @OptionGroup var language: LanguageOption

    func run() throws {
        let figure: Charts.Figure
        if compare.count == 2 {
            let a = try Self.configuration(for: compare[0]), b = try Self.configuration(for: compare[1])
            figure = try ArchitectureComparison(a, b).figure()
        } else {
            figure = try ArchitectureDiagram(try Self.configuration(for: model)).figure()
        }
        let url = URL(fileURLWithPath: chart)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try figure.localized(language.language).write(to: url, scale: scale)
        print("Wrote \(chart)")
    }

    /// A preset, a config file or folder, or (for `nil`) the built-in model's configuration.
    static func configuration(for argument: String?) throws -> GPTConfiguration {
        guard let argument else { return try DefaultModel.load().configuration }
        return try ModelSpecifier.configuration(for: argument)
    }
}
