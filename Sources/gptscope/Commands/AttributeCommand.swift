import ArgumentParser
import Experiments
import Foundation
import GPTModel
import Visualizations

/// `gptscope attribute`: direct logit attribution of a logit difference to every head and MLP.
struct AttributeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Direct logit attribution: split logit(answer) − logit(wrong) into each head's and MLP's part.",
        discussion: """
        The final residual stream is a sum of what the embeddings, every head and every MLP wrote. \
        Each part is read through the final norm with its scale frozen from this run (as \
        TransformerLens's apply_ln_to_stack does), so the parts add up to the logit difference; \
        the residual (floating-point error) is printed. Only direct paths to the output count.

        Example:
          gptscope attribute --model models/gpt2 --prompt "When Mary and John went to the store, John gave a drink to" \\
              --answer " Mary" --wrong " John" --chart output/attribute-ioi.png
        """
    )

    @OptionGroup var input: ModelInputOptions

    @Option(help: "The expected next token: the text of one token, or its id.")
    var answer: String

    @Option(help: "The token it is compared against.")
    var wrong: String

    @Option(help: "The position to attribute (default: the last).")
    var position: Int?

    @Option(help: "Write the bars and the layers × heads heatmap here (.png, .svg or .pdf).")
    var chart: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        try input.requirePrompt()
        try FigurePath.check(chart, option: "--chart")
    }

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let session = try await input.openSession()
        let tokens = try input.tokens(in: session)
        let metric = try LogitDifference(answer: ExperimentInput.token(answer, option: "--answer", session: session),
                                         wrong: ExperimentInput.token(wrong, option: "--wrong", session: session),
                                         vocabularySize: session.model.configuration.vocabularySize)
        let a = try LogitAttribution(model: session.model, tokens: tokens, metric: metric, position: position)
        let line = ExperimentInput.metricLine(metric, position: a.position, session: session)
        if let chart {
            try ExperimentInput.write(ExperimentFigures.attribution(a, modelName: session.name, metricLine: line).localized(language.language), to: chart)
        }
        if json {
            struct Document: Encodable {
                let position: Int; let total: Double; let sum_of_parts: Double; let residual: Double
                let embed: Double; let pos_embed: Double; let heads: [[Double]]; let attention_bias: [Double]
                let mlp: [Double]; let final_norm_bias: Double
            }
            print(try ModelJSON.text(Document(position: a.position, total: a.total, sum_of_parts: a.sumOfParts, residual: a.residual,
                                              embed: a.embed, pos_embed: a.posEmbed, heads: a.heads, attention_bias: a.attentionBias,
                                              mlp: a.mlp, final_norm_bias: a.finalNormBias)))
            return
        }
        print("Model: \(session.summary)")
        print(line)
        print(String(format: "logit difference %.4f = sum of parts %.4f + residual %.2e", a.total, a.sumOfParts, a.residual))
        var parts = [("embed", a.embed), ("pos_embed", a.posEmbed), ("attn biases", a.attentionBias.reduce(0, +)), ("ln_final bias", a.finalNormBias)]
        parts += HeadIndex.all(in: session.model.configuration).map { ("head \($0)", a.heads[$0.layer][$0.head]) }
        parts += a.mlp.enumerated().map { ("MLP \($0.offset)", $0.element) }
        for (name, v) in parts.sorted(by: { abs($0.1) > abs($1.1) }).prefix(12) {
            print("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0))  \(String(format: "%+.4f", v))")
        }
    }
}
