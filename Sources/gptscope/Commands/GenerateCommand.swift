import ArgumentParser
import Charts
import Foundation
import GPTModel
import TensorCore
import Visualizations

/// `gptscope generate`: text one token at a time, showing each choice and its runners-up.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text one token at a time, showing each token's probability and runners-up.",
        discussion: """
        This is why a chatbot's answer appears word by word: the model predicts a distribution \
        over the next token, one token is chosen, appended, and the model runs again (here with \
        a KV cache, so each step processes only the new token).

        --temperature 0 always takes the most probable token (greedy). Otherwise tokens are \
        sampled: temperature below 1 sharpens the distribution, above 1 flattens it; --top-k \
        and --top-p keep only the most probable candidates. The same --seed gives the same text.

        --record keeps each step's attention pattern (every layer and head, from the position \
        that made the prediction) and writes it with --save-cache (default \
        output/generation.safetensors) as tensors step.N.blocks.L.attn.hook_pattern [NH, S].

        Examples:
          gptscope generate --model models/gpt2 --prompt "Once upon a time" --max-tokens 20
          gptscope generate --model models/gpt2 --prompt "The meaning of life is" \\
              --temperature 0.8 --top-p 0.9 --seed 7 --json
          gptscope generate --model models/gpt2 --prompt "Once upon a time" --chart output/generation.png
        """
    )

    @OptionGroup var input: ModelInputOptions
    @OptionGroup var language: LanguageOption

    @Option(help: "How many tokens to generate (stops early at the context length).")
    var maxTokens: Int = 20

    @Option(help: "Sampling temperature; 0 = greedy.")
    var temperature: Double = 1

    @Option(help: "Sample only among the K most probable tokens.")
    var topK: Int?

    @Option(help: "Sample only among the most probable tokens whose probabilities sum to P.")
    var topP: Double?

    @Option(help: "Random seed; the same seed gives the same text.")
    var seed: UInt64 = 0

    @Option(help: "How many runners-up to show per step.")
    var alternatives: Int = 3

    @Flag(help: "Record each step's attention patterns.")
    var record = false

    @Option(help: "Where --record writes (.safetensors).")
    var saveCache: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Also draw each step's candidates, the chosen one outlined, to this file (.png, .svg or .pdf).")
    var chart: String?

    var options: SamplingOptions { SamplingOptions(temperature: temperature, topK: topK, topP: topP, seed: seed) }

    func validate() throws {
        try input.requirePrompt()
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1") }
        guard alternatives >= 0 else { throw ValidationError("--alternatives must be 0 or more") }
        do { try options.validate() } catch { throw ValidationError(error.description) }
        if let saveCache {
            guard record else { throw ValidationError("--save-cache needs --record") }
            guard saveCache.hasSuffix(".safetensors") else { throw ValidationError("--save-cache needs a .safetensors file name") }
        }
        try FigurePath.check(chart, option: "--chart")
    }

    func run() async throws {
        let session = try await input.openSession()
        let tokens = try input.tokens(in: session, reserve: maxTokens)
        // The prompt's pass, and the keys and values the generated tokens add to the cache.
        var growth = MemoryEstimate(subject: "")
        let c = session.model.configuration
        growth.add("generated keys and values [2, L, N, KV·hs]", 2, c.layerCount, maxTokens, c.keyValueHeadCount * c.headWidth, bytesPerElement: 4)
        try session.checkForwardMemory(tokens: tokens.count, extra: growth)
        if !json {
            print("Model: \(session.summary)")
            print("Tokenizer: \(session.tokenizer.map(VocabularyName.describe) ?? "none (token ids only)")")
            print("Prompt (\(tokens.count) token\(tokens.count == 1 ? "" : "s")): \(tokens.map(session.quoted).joined(separator: " "))")
            print(temperature == 0 ? "Greedy decoding" : "Sampling: temperature \(temperature)"
                  + (topK.map { ", top-k \($0)" } ?? "") + (topP.map { ", top-p \($0)" } ?? "") + ", seed \(seed)")
            print("")
        }
        let steps = try session.model.generate(
            prompt: tokens, maxTokens: maxTokens, options: options, runnersUp: alternatives, recordAttention: record
        ) { step in
            guard !json else { return }
            let others = step.alternatives.map { "\(session.quoted($0.id)) \(NumberFormat.percent($0.probability))" }
            let position = String(step.position)
            let line = String(repeating: " ", count: max(0, 6 - position.count)) + position + "  "
                + "\(session.quoted(step.chosen.id))  \(NumberFormat.percent(step.chosen.probability))"
                + (others.isEmpty ? "" : "   (runners-up: \(others.joined(separator: ", ")))")
            print(line)
            fflush(nil)  // show each token as soon as it is chosen, even through a pipe
        }
        let generated = steps.map(\.chosen.id)
        let text = session.tokenizer.flatMap { try? $0.decode(tokens + generated) }
        var savedTo: String?
        if record {
            let path = saveCache ?? "output/generation.safetensors"
            try saveAttention(steps, tokens: tokens + generated, session: session, to: URL(fileURLWithPath: path))
            savedTo = path
        }
        if let chart {
            let url = URL(fileURLWithPath: chart)
            let name = session.directory.standardizedFileURL.lastPathComponent
            let record = GenerationRecord(steps: steps, prompt: tokens, modelName: name, sampling: options, tokenizer: session.tokenizer,
                                          contextLength: session.model.configuration.contextLength, requested: maxTokens)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try LayerFigures.generation(record).localized(language.language).write(to: url)
            if !json { print("\nDrew the steps to \(chart)") }
        }
        if json {
            let document = GenerationDocument(model: session.model.configuration.name, prompt: tokens, sampling: options, steps: steps,
                                              text: text, savedCache: savedTo, textOf: session.text(of:))
            print(String(decoding: try document.encoded(), as: UTF8.self))
        } else {
            if steps.count < maxTokens {
                let context = session.model.configuration.contextLength
                print("\nStopped after \(steps.count) token\(steps.count == 1 ? "" : "s"): the context of \(context) is full (the last token, at position \(context), is predicted from position \(context - 1) and cannot be read back).")
            }
            if let text { print("\n\(text)") }
            if let savedTo { print("\nSaved each step's attention to \(savedTo)") }
        }
    }

    private func saveAttention(_ steps: [GenerationStep], tokens: [Int], session: ModelSession, to url: URL) throws {
        var cache: [String: Tensor] = [:]
        for (index, step) in steps.enumerated() {
            for (layer, pattern) in (step.attention ?? []).enumerated() {
                cache["step.\(index).blocks.\(layer).attn.hook_pattern"] = pattern
            }
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        let ids = String(decoding: try encoder.encode(tokens), as: UTF8.self)
        let strings = String(decoding: try encoder.encode(tokens.map(session.text(of:))), as: UTF8.self)
        try SafetensorsWriter.write(cache, metadata: [
            "format": "gptscope.generation/1", "token_ids": ids, "token_strings": strings,
            "prompt_length": String(tokens.count - steps.count), "model": session.model.configuration.name,
        ], to: url)
    }
}
