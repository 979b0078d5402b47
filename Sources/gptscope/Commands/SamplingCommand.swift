import ArgumentParser
import Charts
import Foundation
import GPTModel
import Visualizations

/// `gptscope sampling`: the next-token distribution after temperature, top-k and top-p.
struct SamplingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sampling",
        abstract: "Show the next-token distribution after temperature, top-k and top-p, as generate samples from it.",
        discussion: """
        The order of operations is generate's: divide the logits by the temperature T, softmax, \
        keep the top k tokens, keep the smallest most-probable set whose probability reaches p, \
        renormalize. T → 0 is greedy (always the most probable token); T < 1 sharpens, T > 1 flattens.

        --json writes {"distributions": [{"temperature", "top_k", "top_p", "ids", "probabilities"}, ...]}, \
        listing every token left with non-zero probability, most probable first (--limit N shortens the lists).

        Examples:
          gptscope sampling --prompt "And God said" --temperatures 0.5,1,2 --chart output/sampling.png
          gptscope sampling --model models/gpt2 --prompt "The meaning of life is" \\
              --temperatures 0.7,1 --top-k 50 --top-p 0.9 --json --limit 20
        """
    )

    @OptionGroup var input: ModelInputOptions

    @Option(help: ArgumentHelp("Temperatures, comma-separated (0 = greedy).", valueName: "list"))
    var temperatures = "0.5,1,2"

    @Option(help: "Keep only the K most probable tokens.")
    var topK: Int?

    @Option(help: "Keep the smallest most-probable set whose probability reaches P.")
    var topP: Double?

    @Flag(help: "Print the distributions as JSON.")
    var json = false

    @Option(help: "With --json, list at most N tokens per distribution.")
    var limit: Int?

    @Option(help: "Bars shown per panel in the chart.")
    var shown = 10

    @Option(help: ArgumentHelp("Draw the distributions to this file (.png, .svg or .pdf).", valueName: "path"))
    var chart: String?

    func parsedTemperatures() throws -> [Double] {
        try ListOption.nonNegativeNumbers(temperatures, problem: "--temperatures takes numbers ≥ 0 separated by commas, e.g. 0.5,1,2")
    }

    func validate() throws {
        try input.requirePrompt()
        let ts = try parsedTemperatures()
        for t in ts {
            do { try SamplingOptions(temperature: t, topK: topK, topP: topP).validate() } catch { throw ValidationError(error.description) }
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if limit != nil && !json { throw ValidationError("--limit goes with --json; add --json") }
        guard shown >= 1 else { throw ValidationError("--shown must be at least 1") }
        if !json && chart == nil { throw ValidationError("say what to write: --json, --chart FILE, or both") }
        try FigurePath.check(chart, option: "--chart")
    }

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let session = try await input.openSession()
        let tokens = try input.tokens(in: session)
        try session.checkForwardMemory(tokens: tokens.count)
        let (logits, _) = try session.model.run(tokens)
        let v = session.model.configuration.vocabularySize
        let last = logits.scalars[((tokens.count - 1) * v)..<(tokens.count * v)]  // [T, V] -> the last row [V]
        let result = SamplingDistributions(logits: last, temperatures: try parsedTemperatures(), topK: topK, topP: topP)
        if let chart {
            let prompt = session.tokenizer.flatMap { try? $0.decode(tokens) } ?? tokens.map(String.init).joined(separator: " ")
            let shortPrompt = prompt.count <= 60 ? prompt : "…" + prompt.suffix(59)
            // The legend says what grey and blue mean; the subtitle names the model and the prompt, as in the report.
            let context = "\(session.name) after “\(shortPrompt.replacingOccurrences(of: "\n", with: "⏎"))” (\(tokens.count) tokens)"
            let figure = result.figure(label: { session.quoted($0) }, shown: shown, context: context)
            let url = URL(fileURLWithPath: chart)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try figure.localized(language.language).write(to: url)
        }
        if json {
            print(result.json(limit: limit))
            if let chart { Console.note("Wrote \(chart)") }
        } else if let chart {
            print("Wrote \(chart)")
        }
    }
}
