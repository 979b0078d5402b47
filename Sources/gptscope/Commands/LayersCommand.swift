import ArgumentParser
import Charts
import FileAccess
import Foundation
import GPTModel
import Visualizations

/// `gptscope layers`: what happens to a prompt layer by layer — residual-stream norms, the
/// logit lens, the final next-token probabilities, a generation's candidates, and the model's
/// parameters.
struct LayersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Follow a prompt through the layers: residual stream, logit lens, next-token probabilities, generation.",
        discussion: """
        The residual stream is the vector per position that runs through the whole model: the \
        token and position embeddings start it, and every block reads it (through a LayerNorm) \
        and ADDS its attention and MLP outputs to it. After the last block, the final LayerNorm \
        (ln_f) and the unembedding turn it into next-token logits. TransformerLens calls the \
        stream entering block i blocks.i.hook_resid_pre and the one leaving it hook_resid_post.

        The logit lens reads every layer's stream as if it were the last: through ln_f and the \
        unembedding, then softmax. Its table shows when the final answer appears. Caveat: the \
        earlier layers were never trained to be read this way, so a poor early readout does \
        not prove the information is absent. GPT-1 has no ln_f; its stream is unembedded as is.

        What each --kind draws:
          norms       the stream's length ‖x‖ per layer and position; mean per layer
          lens        the logit lens (at most the last 24 positions, unless --range)
          probs       next-token probabilities at --position (default: last) as bars
          generation  each generated token's candidates, the chosen one outlined:
                      from --steps FILE.json (gptscope generate --json), or by
                      generating --max-tokens greedily from the prompt
          params      the loaded model's parameters, alone and beside GPT-1/2/3
          surprisal   the prompt's tokens coloured by −log p(token | prefix), mean loss
          all         every figure above

        Positions count from 0; --range A:B shows positions A to B-1; --position=-1 is the \
        last (write negative numbers with '=').

        Examples:
          gptscope layers --model models/gpt2 --prompt "The capital of France is"
          gptscope layers --model models/gpt2 --prompt "中华人民共和国" \\
              --kind probs --position 3 --top-k 8
          gptscope layers --model models/gpt2 --prompt "$(cat essay.txt)" --truncate \\
              --kind norms --out norms.svg
          gptscope generate --model models/gpt2 --prompt "Once" --json > gen.json
          gptscope layers --kind generation --steps gen.json --out output/generation.png
        """
    )

    @OptionGroup var input: ModelInputOptions
    @OptionGroup var language: LanguageOption

    @Option(help: "What to draw: norms, lens, probs, generation, params, all, surprisal.")
    var kind: Kind = .lens

    @Option(help: "probs: the position whose prediction to show (default: the last; --position=-2 is the one before).")
    var position: Int?

    @Option(help: "norms and lens: show only positions A..B-1, written A:B (e.g. 0:20).")
    var range: String?

    @Option(help: "probs: how many tokens to show; generation: how many candidates per step when generating.")
    var topK: Int = 10

    @Option(help: "generation: a gptscope generate --json file to draw.")
    var steps: String?

    @Option(help: "generation without --steps: how many tokens to generate (greedy).")
    var maxTokens: Int = 8

    @Option(help: "Output file (.png, .svg or .pdf). Kinds with several figures add their names before the extension. Default: output/<figure>.png")
    var out: String?

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case norms, lens, probs, generation, params, all, surprisal
    }

    func validate() throws {
        let needsPrompt = kind != .params && !(kind == .generation && steps != nil)
        if needsPrompt { try input.requirePrompt() }
        if steps != nil, kind != .generation { throw ValidationError("--steps goes with --kind generation") }
        guard (1 ... LayerFigures.nextTokenMaximumTopK).contains(topK) else {
            throw ValidationError("--top-k must be 1...\(LayerFigures.nextTokenMaximumTopK) (bars in the next-token figure), got \(topK)")
        }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1") }
        if let range { _ = try Self.parseRange(range) }
        try FigurePath.check(out, option: "--out")
    }

    func run() async throws {
        // A saved generation needs no model (--model only improves its token labels).
        let session = kind == .generation && steps != nil && input.model == nil ? nil : try await input.openSession()
        var figures: [(name: String, figure: Figure)] = []
        if kind == .generation, let steps {
            let data = Data(try FileAccess.read(atPath: steps))
            let record = try GenerationRecord(json: data, tokenizer: session?.tokenizer)
            figures.append(("generation", try LayerFigures.generation(record)))
        } else if let session {
            let name = session.directory.standardizedFileURL.lastPathComponent
            if kind == .params || kind == .all {
                figures.append(("params.breakdown", LayerFigures.parameterBreakdown(session.model.configuration)))
                figures.append(("params.comparison", LayerFigures.parameterComparison(session.model.configuration)))
            }
            if kind != .params {
                figures += try promptFigures(session, name: name)
            }
        }
        let urls = outputs(figures.map(\.name))
        for ((_, figure), url) in zip(figures, urls) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try figure.localized(language.language).write(to: url)
            print("Wrote \(url.path)")
        }
    }

    /// The figures that need the prompt run through the model.
    private func promptFigures(_ session: ModelSession, name: String) throws -> [(name: String, figure: Figure)] {
        let tokens = try input.tokens(in: session)
        let positions = try range.map(Self.parseRange)
        // Checked before the forward pass, so a typo fails at once.
        if let positions, positions.upperBound > tokens.count {
            throw ValidationError("--range \(positions.lowerBound):\(positions.upperBound) reaches past the prompt's \(tokens.count) tokens; use B ≤ \(tokens.count)")
        }
        if let position, position >= tokens.count || position < -tokens.count {
            throw ValidationError("--position \(position) is outside the prompt's \(tokens.count) tokens; use 0…\(tokens.count - 1) or --position=-1 for the last")
        }
        var figures: [(name: String, figure: Figure)] = []
        if kind != .generation {
            try session.checkForwardMemory(tokens: tokens.count, hooks: LayerFigures.hooks(for: session.model))
            Console.note("Running \(tokens.count) tokens through \(name)…")
            let analysis = try PromptAnalysis.run(model: session.model, modelName: name, ids: tokens, tokenizer: session.tokenizer,
                                                  hooks: LayerFigures.hooks(for: session.model))
            if kind == .norms || kind == .all { figures.append(("residual-norms", try LayerFigures.residualNorms(analysis, range: positions))) }
            if kind == .lens || kind == .all {
                if tokens.count > 256 { Console.note("Decoding every layer at \(positions?.count ?? LayerFigures.lensMaximumPositions) positions…") }
                figures.append(("logit-lens", try LayerFigures.logitLens(analysis, range: positions)))
            }
            if kind == .surprisal {
                let strip = SurprisalStrip(logits: analysis.logits, ids: tokens, labels: analysis.tokens.labels, modelName: name)
                figures.append(("surprisal", try strip.figure()))
            }
            if kind == .probs || kind == .all {
                let distribution = try NextTokenDistribution(analysis, position: position, topK: topK)
                print("Next token after position \(distribution.position):")
                for t in distribution.top { print("  \(NumberFormat.percent(t.probability).leftPadded(8))  \(t.label)") }
                figures.append(("next-token", try LayerFigures.nextToken(analysis, position: position, topK: topK)))
            }
        }
        if kind == .generation || kind == .all {
            let steps = try session.model.generate(prompt: tokens, maxTokens: maxTokens, options: .greedy, runnersUp: min(topK, 10) - 1)
            let record = GenerationRecord(steps: steps, prompt: tokens, modelName: name, sampling: .greedy, tokenizer: session.tokenizer,
                                          contextLength: session.model.configuration.contextLength, requested: maxTokens)
            figures.append(("generation", try LayerFigures.generation(record)))
        }
        return figures
    }

    /// Where each figure goes: --out itself for one figure, its stem plus the figure's name for several.
    private func outputs(_ names: [String]) -> [URL] {
        guard let out else { return names.map { URL(fileURLWithPath: "output/\($0).png") } }
        let url = URL(fileURLWithPath: out)
        guard names.count > 1 else { return [url] }
        let stem = url.deletingPathExtension()
        return names.map { stem.appendingPathExtension($0).appendingPathExtension(url.pathExtension) }
    }

    /// Parses "A:B" into A..<B.
    static func parseRange(_ text: String) throws -> Range<Int> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b > a else {
            throw ValidationError("--range must be A:B with 0 ≤ A < B (positions A to B-1), e.g. --range 0:20; got '\(text)'")
        }
        return a ..< b
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
