import ArgumentParser
import Experiments
import Foundation
import GPTModel
import Visualizations

/// `gptscope patch`: activation patching from a clean prompt into a corrupt one.
struct PatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patch",
        abstract: "Activation patching: which activations of a clean run restore its answer in a corrupt run.",
        discussion: """
        Runs both prompts, then the corrupt one again with one activation pasted from the clean \
        run: resid_pre, attn_out and mlp_out at each layer × position, and each head's z (at all \
        positions; with --head-chart also per position). The metric is logit(--answer) − \
        logit(--wrong) at the last position, normalised as (m − m_corrupt) / (m_clean − m_corrupt). \
        The prompts must tokenize to the same length.

        Example (GPT-2):
          gptscope patch --model models/gpt2 \\
              --clean "When Mary and John went to the store, John gave a drink to" \\
              --corrupt "When Mary and John went to the store, Mary gave a drink to" \\
              --answer " Mary" --wrong " John" --chart output/patch-ioi.png
        """
    )

    @Option(help: "Checkpoint directory (config.json + model.safetensors); default: the built-in model.")
    var model: String?

    @OptionGroup var nonFinite: NonFiniteOption

    @Option(help: "The clean prompt (the run whose activations are pasted).")
    var clean: String?

    @Option(help: "The clean prompt as comma-separated token ids.")
    var cleanIds: String?

    @Option(help: "The corrupt prompt (the run patched into).")
    var corrupt: String?

    @Option(help: "The corrupt prompt as comma-separated token ids.")
    var corruptIds: String?

    @Option(help: "The clean prompt's answer: the text of one token, or its id.")
    var answer: String

    @Option(help: "The token it is compared against (often the corrupt prompt's answer).")
    var wrong: String

    @Flag(help: "Print the scores as JSON: clean, corrupt, resid_pre, attn_out, mlp_out, heads.")
    var json = false

    @Option(help: "Write the patching grids here (.png, .svg or .pdf).")
    var chart: String?

    @Option(help: "Also patch each head at each position and chart it here.")
    var headChart: String?

    func validate() throws {
        guard (clean == nil) != (cleanIds == nil) else { throw ValidationError("give exactly one of --clean TEXT and --clean-ids IDS") }
        guard (corrupt == nil) != (corruptIds == nil) else { throw ValidationError("give exactly one of --corrupt TEXT and --corrupt-ids IDS") }
        try FigurePath.check(chart, option: "--chart")
        try FigurePath.check(headChart, option: "--head-chart")
    }

    /// The JSON document: exactly these keys and shapes.
    struct Document: Encodable {
        let clean: Double
        let corrupt: Double
        let residPre: [[Double]]
        let attnOut: [[Double]]
        let mlpOut: [[Double]]
        let heads: [[Double]]
        enum CodingKeys: String, CodingKey {
            case clean, corrupt, heads
            case residPre = "resid_pre", attnOut = "attn_out", mlpOut = "mlp_out"
        }
    }

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let session = try await nonFinite.openSession(model)
        let cleanIDs = try ExperimentInput.prompt(text: clean, ids: cleanIds, name: "clean", session: session)
        let corruptIDs = try ExperimentInput.prompt(text: corrupt, ids: corruptIds, name: "corrupt", session: session)
        let metric = try LogitDifference(answer: ExperimentInput.token(answer, option: "--answer", session: session),
                                         wrong: ExperimentInput.token(wrong, option: "--wrong", session: session),
                                         vocabularySize: session.model.configuration.vocabularySize)
        guard cleanIDs.count == corruptIDs.count else {
            throw ExperimentError.lengthMismatch(clean: cleanIDs.count, corrupt: corruptIDs.count)
        }
        let patching = try ActivationPatching(model: session.model, clean: cleanIDs, corrupt: corruptIDs, metric: metric)
        let result = patching.run(headPositions: headChart != nil)
        let labels = ExperimentInput.labels(cleanIDs, session: session)
        let line = ExperimentInput.metricLine(metric, position: cleanIDs.count - 1, session: session)
            + String(format: " · clean %.3f, corrupt %.3f", result.clean, result.corrupt)
        if let chart {
            try ExperimentInput.write(ExperimentFigures.patching(result, modelName: session.name, tokenLabels: labels, metricLine: line).localized(language.language), to: chart)
        }
        if let headChart, let grid = result.headPositions {
            try ExperimentInput.write(ExperimentFigures.headPositions(grid, modelName: session.name, tokenLabels: labels, metricLine: line,
                                                                     gap: result.gap).localized(language.language), to: headChart)
        }
        let caution = ExperimentFigures.smallGapCaution(gap: result.gap)
        if json {
            // On stderr, so the JSON on stdout stays parseable.
            if let caution { Console.note(caution) }
            print(try ModelJSON.text(Document(clean: result.clean, corrupt: result.corrupt, residPre: result.residPre,
                                              attnOut: result.attnOut, mlpOut: result.mlpOut, heads: result.heads)))
            return
        }
        print("Model: \(session.summary)")
        print(line)
        if let caution { print(caution) }
        let heads = HeadIndex.all(in: session.model.configuration).sorted { abs(result.heads[$0.layer][$0.head]) > abs(result.heads[$1.layer][$1.head]) }
        print("Heads whose clean z restores the most (1 = all of the clean answer):")
        for head in heads.prefix(8) { print("  head \(head)  \(String(format: "%+.3f", result.heads[head.layer][head.head]))") }
    }
}
