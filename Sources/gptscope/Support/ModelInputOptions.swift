import ArgumentParser
import GPTModel

/// The options every command that feeds a checkpoint shares: which model (default: the built-in
/// one), and the prompt as text or as token ids (at most one), optionally cut to the context.
struct ModelInputOptions: ParsableArguments {
    @Option(help: "Checkpoint directory (config.json + model.safetensors); default: the built-in model.")
    var model: String?

    @Option(help: "The text to feed the model (tokenized with the checkpoint's tokenizer); the built-in model has a default.")
    var prompt: String?

    @Option(help: "Token ids instead of a prompt, comma-separated (e.g. 464,3139,286).")
    var ids: String?

    @Flag(help: "Keep only the last tokens when the prompt is longer than the context.")
    var truncate = false

    func validate() throws {
        if prompt != nil, ids != nil { throw ValidationError("give only one of --prompt and --ids") }
    }

    /// True when the user gave a prompt (as text or ids).
    var hasPrompt: Bool { prompt != nil || ids != nil }

    /// Throws unless a prompt was given or the built-in model (which has an example prompt) is used.
    /// Commands call it from their `validate()` when what they were asked for needs a prompt.
    func requirePrompt(_ alternatives: String = "") throws {
        if !hasPrompt, model != nil {
            throw ValidationError("give --prompt TEXT or --ids 1,2,3\(alternatives) (only the built-in model has a default prompt)")
        }
    }

    /// The prompt text: `--prompt`, or the built-in model's example prompt when neither
    /// `--prompt` nor `--ids` was given.
    func promptText(in session: ModelSession) -> String? {
        prompt ?? (ids == nil && session.isBuiltIn ? DefaultModel.examplePrompt : nil)
    }

    /// Opens the checkpoint.
    func openSession() async throws -> ModelSession { try await ModelSession.open(model) }

    /// The prompt's token ids, leaving room for `reserve` more positions in the context.
    func tokens(in session: ModelSession, reserve: Int = 0) throws -> [Int] {
        // The built-in model's example prompt keeps `gptscope report` and friends one word long.
        try session.tokens(prompt: promptText(in: session), ids: ids, truncate: truncate, reserve: reserve)
    }

    /// The prompt's token ids, not checked against the model (for a caller whose model run checks them).
    func uncheckedTokens(in session: ModelSession) throws -> [Int] {
        try session.uncheckedTokens(prompt: promptText(in: session), ids: ids, truncate: truncate)
    }
}
