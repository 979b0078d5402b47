import ArgumentParser
import Charts
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

    @OptionGroup var nonFinite: NonFiniteOption

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
    func openSession() async throws -> ModelSession { try await nonFinite.openSession(model) }

    /// The prompt's token ids, leaving room for `reserve` more positions in the context.
    /// `text` replaces the prompt text (a command with its own default).
    func tokens(in session: ModelSession, reserve: Int = 0, text: String? = nil) throws -> [Int] {
        let tokens = try uncheckedTokens(in: session, reserve: reserve, text: text)
        try session.model.validate(tokens)
        return tokens
    }

    /// The prompt's token ids, not checked against the model (for a caller whose model run checks them).
    /// With --truncate, a note says how many tokens were dropped and how the dropped text starts and ends.
    func uncheckedTokens(in session: ModelSession, reserve: Int = 0, text: String? = nil) throws -> [Int] {
        // The built-in model's example prompt keeps `gptscope report` and friends one word long.
        let all = try session.uncheckedTokens(prompt: text ?? promptText(in: session), ids: ids, truncate: false)
        guard truncate else { return all }
        let kept = session.truncated(all, reserve: reserve)
        if kept.count < all.count { Console.note(Self.truncationNote(all: all, kept: kept.count, reserve: reserve, session: session)) }
        return kept
    }

    /// "--truncate dropped the first 1,000 of 1,128 tokens (“In the beginning … the waters.”) …"
    static func truncationNote(all: [Int], kept: Int, reserve: Int, session: ModelSession) -> String {
        let dropped = all.count - kept
        var note = "--truncate dropped the first \(NumberFormat.thousands(dropped)) of \(NumberFormat.thousands(all.count)) tokens"
        if let text = try? session.tokenizer?.decode(Array(all.prefix(dropped))) {
            let flat = text.replacingOccurrences(of: "\n", with: "⏎")
            note += flat.count <= 60 ? " (“\(flat)”)" : " (“\(flat.prefix(28))…\(flat.suffix(28))”)"
        }
        note += " and kept the last \(NumberFormat.thousands(kept))"
        let context = session.model.configuration.contextLength
        note += reserve > 0 ? ", leaving room for \(NumberFormat.thousands(min(reserve, context - 1))) more in the context of \(NumberFormat.thousands(context))."
            : " (the context of \(NumberFormat.thousands(context)))."
        return note
    }
}
