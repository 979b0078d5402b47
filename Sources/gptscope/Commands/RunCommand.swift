import ArgumentParser
import Charts
import Experiments
import Foundation
import GPTModel
import TensorCore
import Visualizations

/// `gptscope run`: one forward pass — the tokens, the next-token predictions, and any recorded activations.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a prompt through a model: tokens, next-token predictions, recorded activations.",
        discussion: """
        Loads a Hugging Face GPT-2, GPT-1, Llama, Qwen2, Mistral or GPT-NeoX checkpoint directory \
        (config.json + model.safetensors or its shards), \
        runs the prompt once, and prints its tokens and the most likely next tokens with their \
        probabilities. Get GPT-2 with e.g.
          huggingface-cli download openai-community/gpt2 --local-dir models/gpt2

        --hooks selects activations to record by TransformerLens name, with * as a wildcard \
        (see `gptscope inspect` for every name and shape); --save-cache writes them as \
        safetensors, readable in Python with safetensors.numpy.load_file. The pre-softmax \
        scores blocks.L.attn.hook_attn_scores are as large as the patterns, so a wildcard \
        leaves them out and they are recorded only when named: --hooks '*' --hooks \
        'blocks.*.attn.hook_attn_scores' records everything (as --save-cache alone does).

        Examples:
          gptscope run --model models/gpt2 --prompt "The capital of France is"
          gptscope run --model models/gpt2 --ids 464,3139,286,4881,318 --top-k 10 --json
          gptscope run --model models/gpt2 --prompt "Hello world" \\
              --hooks 'blocks.*.attn.hook_pattern' --save-cache output/hello.safetensors
        """
    )

    @OptionGroup var input: ModelInputOptions

    @Option(name: .customLong("hooks"), parsing: .singleValue, help: "Record hooks matching this name or * glob (repeatable).")
    var hooks: [String] = []

    @Option(help: "Write the recorded activations to this .safetensors file (records every hook, attention scores included, unless --hooks is given).")
    var saveCache: String?

    @Option(help: "Element type of the --save-cache file: f32, or f16 to halve it (values rounded to float16).")
    var saveCacheDtype: String = "f32"

    @Option(help: "Largest recording allowed, in MB.")
    var maxCache: Int = GPT.defaultMaxCacheBytes >> 20

    /// The largest --max-cache accepted: 2^30 MB (1 PiB), far beyond any memory, far below overflow.
    static let largestMaxCache = 1 << 30

    @Option(help: "How many next-token predictions to show.")
    var topK: Int = 5

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Ablate these heads (LAYER.HEAD, comma-separated, e.g. 0.1,2.3) through their slice of hook_z; every output reflects the ablated run.")
    var ablate: String?

    @Option(help: "How --ablate ablates: zero, or mean (each head's mean over the prompt's positions).")
    var ablateMode: String = "zero"

    func validate() throws {
        try input.requirePrompt()
        guard topK >= 1 else { throw ValidationError("--top-k must be at least 1") }
        // Megabytes become bytes by maxCache << 20, which must not overflow.
        guard (1 ... Self.largestMaxCache).contains(maxCache) else {
            throw ValidationError("--max-cache must be 1...\(NumberFormat.thousands(Self.largestMaxCache)) (MB, i.e. up to 1 PiB), got \(maxCache)")
        }
        guard AblationMode(rawValue: ablateMode) != nil else { throw ValidationError("--ablate-mode must be zero or mean, got '\(ablateMode)'") }
        guard ["f32", "f16"].contains(saveCacheDtype) else {
            throw ValidationError("--save-cache-dtype must be f32 or f16, got '\(saveCacheDtype)'")
        }
        if let saveCache, !saveCache.hasSuffix(".safetensors") {
            throw ValidationError("--save-cache needs a .safetensors file name, got '\(saveCache)'")
        }
    }

    func run() async throws {
        let session = try await input.openSession()
        let tokens = try input.tokens(in: session)
        for pattern in hooks { try session.model.checkHookPattern(pattern) }
        let filter = hooks.isEmpty && saveCache != nil ? HookFilter.everything : HookFilter(patterns: hooks)
        try session.checkForwardMemory(tokens: tokens.count, hooks: filter, hooksOptional: true)
        let ablated = try ablate.map { try ExperimentInput.heads($0, configuration: session.model.configuration) } ?? []
        let interventions = try Ablation.interventions(heads: ablated, mode: AblationMode(rawValue: ablateMode)!, model: session.model, tokens: tokens)
        let (logits, cache) = try session.model.run(tokens, hooks: filter, interventions: interventions, maxCacheBytes: maxCache << 20)
        let top = try NextTokenDistribution(logits: logits, ids: tokens, tokenizer: session.tokenizer, topK: topK).top
        if let saveCache {
            let url = URL(fileURLWithPath: saveCache)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try cache.save(to: url, tokenIDs: tokens, tokenStrings: tokens.map(session.text(of:)),
                           extra: ["model": session.model.configuration.name, "prompt": input.prompt ?? ""],
                           dtype: saveCacheDtype == "f16" ? .f16 : .f32)
        }
        if json {
            try printJSON(session, tokens, top, cache)
        } else {
            printText(session, tokens, top, cache)
        }
    }

    private func printText(_ session: ModelSession, _ tokens: [Int], _ top: [TokenProbability], _ cache: ActivationCache) {
        print("Model: \(session.summary)")
        print("Tokenizer: \(session.tokenizer.map(VocabularyName.describe) ?? "none (token ids only)")")
        if let ablate {
            let all = session.model.configuration.layerCount * session.model.configuration.headCount
            let count = Set(ablate.split(separator: ",")).count
            print("Ablated (\(ablateMode)): \(ablate)" + (count >= all ? " — every head, so attention adds only its output biases" : ""))
        }
        print("Tokens (\(tokens.count)):")
        for (position, id) in tokens.enumerated() {
            print("  \(pad(String(position), 5))  \(pad(String(id), 6))  \(session.quoted(id))")
        }
        print("\nNext token after \(session.quoted(tokens[tokens.count - 1])):")
        let width = top.map { session.quoted($0.id).count }.max() ?? 0
        for (rank, token) in top.enumerated() {
            // A NaN probability (a checkpoint loaded with --allow-nonfinite) draws no bar rather than trapping.
            let cells = token.probability.isFinite ? Int((min(max(token.probability, 0), 1) * 30).rounded()) : 0
            let bar = String(repeating: "█", count: cells)
            let label = session.quoted(token.id).padding(toLength: width, withPad: " ", startingAt: 0)
            print("  \(pad(String(rank + 1), 2)). \(label)  \(pad(NumberFormat.percent(token.probability), 7))  \(bar)")
        }
        if cache.count > 0 {
            print("\nRecorded \(cache.count) hooks (\(Formatting.bytes(cache.byteCount))):")
            for name in cache.names { print("  \(name)  \(cache.shape(of: name) ?? [])") }
        }
        if let saveCache { print("\nSaved activations to \(saveCache)") }
    }

    private func printJSON(_ session: ModelSession, _ tokens: [Int], _ top: [TokenProbability], _ cache: ActivationCache) throws {
        let document = RunDocument(
            model: session.model.configuration.name,
            tokenizer: session.tokenizer?.name,
            tokens: tokens.map { .init(id: $0, text: session.text(of: $0)) },
            predictions: top.map { .init(id: $0.id, text: session.text(of: $0.id), probability: $0.probability) },
            hooks: cache.names.compactMap { name in cache.shape(of: name).map { .init(name: name.description, shape: $0) } },
            savedCache: saveCache)
        print(try ModelJSON.text(document))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
