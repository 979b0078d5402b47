import ArgumentParser
import Experiments
import Foundation
import GPTModel
import Visualizations

/// `gptscope ablate`: switch off each head and each MLP layer in turn and chart how the metric changes.
struct AblateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Ablate each head and MLP layer in turn; chart the change in loss or logit difference.",
        discussion: """
        Each head is ablated through its slice of blocks.L.attn.hook_z (before the output \
        projection): zero, or (--mode mean) its mean over the prompt's positions. Each MLP layer \
        through blocks.L.hook_mlp_out. The chart is layers × heads (plus a column of MLPs) on a \
        diverging scale centred on 0. With --repeat N the prompt is N random tokens written twice \
        and the loss is measured on the second copy, where induction heads matter.

        Examples:
          gptscope ablate --repeat 20 --chart output/ablate.png
          gptscope ablate --model models/gpt2 --prompt "When Mary and John went to the store, John gave a drink to" \\
              --metric logit-diff --answer " Mary" --wrong " John" --chart output/ablate-ioi.png
        """
    )

    @OptionGroup var input: ModelInputOptions

    @Option(help: "Instead of a prompt: N random tokens written twice (loss measured on the second copy).")
    var `repeat`: Int?

    @Option(help: "loss (mean next-token loss) or logit-diff (logit(--answer) − logit(--wrong) at the last position).")
    var metric: String = "loss"

    @Option(help: "The expected next token (text of one token, or its id), for --metric logit-diff.")
    var answer: String?

    @Option(help: "The token it is compared against, for --metric logit-diff.")
    var wrong: String?

    @Option(help: "zero or mean.")
    var mode: String = "zero"

    @Option(help: "Write the layers × heads chart here (.png, .svg or .pdf).")
    var chart: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard AblationMode(rawValue: mode) != nil else { throw ValidationError("--mode must be zero or mean, got '\(mode)'") }
        guard ["loss", "logit-diff"].contains(metric) else { throw ValidationError("--metric must be loss or logit-diff, got '\(metric)'") }
        if metric == "logit-diff", answer == nil || wrong == nil { throw ValidationError("--metric logit-diff needs --answer and --wrong") }
        if let n = `repeat` {
            guard n >= 2 else { throw ValidationError("--repeat must be at least 2 tokens, got \(n)") }
            guard !input.hasPrompt else { throw ValidationError("give either --repeat or --prompt/--ids, not both") }
        } else {
            try input.requirePrompt(" or --repeat N")
        }
        try FigurePath.check(chart, option: "--chart")
    }

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let session = try await input.openSession()
        let c = session.model.configuration
        var tokens: [Int]
        var lossPositions: Range<Int>? = nil
        var promptLine: String
        if let n = `repeat` {
            let most = (c.contextLength - (c.vocabularySize == 50257 ? 1 : 0)) / 2
            guard n <= most else { throw ValidationError("--repeat \(n) makes more tokens than the context of \(c.contextLength); use --repeat \(most) or less") }
            (tokens, lossPositions) = { let r = ExperimentPrompts.repeated(length: n, configuration: c); return (r.ids, r.lossPositions) }()
            promptLine = "prompt: \(n) random tokens written twice; loss on the second copy"
        } else {
            tokens = try input.tokens(in: session)
            promptLine = "prompt: \(tokens.count) tokens, \"" + tokens.map(session.text(of:)).joined().prefix(70) + "\""
        }
        let chosen: AblationMetric
        if metric == "logit-diff" {
            let m = try LogitDifference(answer: ExperimentInput.token(answer!, option: "--answer", session: session),
                                        wrong: ExperimentInput.token(wrong!, option: "--wrong", session: session), vocabularySize: c.vocabularySize)
            chosen = .logitDifference(m)
            promptLine += "\n" + ExperimentInput.metricLine(m, position: tokens.count - 1, session: session)
        } else {
            chosen = .loss(positions: lossPositions)
        }
        let sweep = try AblationSweep(model: session.model, tokens: tokens, metric: chosen, mode: AblationMode(rawValue: mode)!)
        if let chart {
            try ExperimentInput.write(ExperimentFigures.ablation(sweep, modelName: session.name, promptLine: promptLine).localized(language.language), to: chart)
        }
        if json {
            struct Document: Encodable { let metric: String; let mode: String; let baseline: Double; let heads: [[Double]]; let mlp: [Double] }
            print(try ModelJSON.text(Document(metric: chosen.name, mode: mode, baseline: sweep.baseline, heads: sweep.heads, mlp: sweep.mlp)))
            return
        }
        print("Model: \(session.summary)")
        print(promptLine)
        print("\(chosen.name) of the intact model: \(String(format: "%.4f", sweep.baseline))")
        var parts = HeadIndex.all(in: c).map { ("head \($0)", sweep.heads[$0.layer][$0.head]) }
        parts += sweep.mlp.enumerated().map { ("MLP \($0.offset)", $0.element) }
        print("Largest changes when ablated (\(mode)):")
        for (name, delta) in parts.sorted(by: { abs($0.1) > abs($1.1) }).prefix(10) {
            print("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0))  \(String(format: "%+.4f", delta))")
        }
    }
}
