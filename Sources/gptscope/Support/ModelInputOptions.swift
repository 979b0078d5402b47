import ArgumentParser
import GPTModel

/// The options every command that feeds a checkpoint shares: which model, and the prompt as
/// text or as token ids (exactly one), optionally cut to the context.
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
        if prompt == nil, ids == nil, model != nil {
            throw ValidationError("give --prompt TEXT or --ids 1,2,3 (only the built-in model has a default prompt)")
        }
    }

    /// Opens the checkpoint.
    func openSession() throws -> ModelSession { try ModelSession.open(model) }

    /// The prompt's token ids, leaving room for `reserve` more positions in the context.
    func tokens(in session: ModelSession, reserve: Int = 0) throws -> [Int] {
        // The built-in model's example prompt keeps `gptscope report` and friends one word long.
        let text = prompt ?? (ids == nil && session.isBuiltIn ? DefaultModel.examplePrompt : nil)
        return try session.tokens(prompt: text, ids: ids, truncate: truncate, reserve: reserve)
    }
}
