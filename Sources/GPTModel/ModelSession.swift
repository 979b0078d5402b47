import Foundation
import Tokenization

/// A loaded checkpoint paired with the tokenizer that goes with it: what every command that
/// feeds a model opens first.
public struct ModelSession {
    /// The model.
    public let model: GPT
    /// The checkpoint's tokenizer (its vocab.json + merges.txt, or GPT-2's built-in one for a
    /// 50,257-token GPT-2), or nil when neither applies (then only token ids work).
    public let tokenizer: Tokenizer?
    /// The checkpoint directory.
    public let directory: URL

    /// True for the model compiled into GPTScope (then `directory` only names it).
    public var isBuiltIn: Bool { directory == DefaultModel.origin }

    /// A short name for titles: the checkpoint folder's name.
    public var name: String { directory.standardizedFileURL.lastPathComponent }

    /// Loads `path` (a Hugging Face checkpoint directory), or the built-in default model when nil.
    ///
    /// The folder's tokenizer (``Tokenizer/inCheckpoint(_:)``) is parsed beside the weights being
    /// mapped (each takes a few tens of milliseconds for GPT-2). A folder without one gets GPT-2's
    /// built-in tokenizer when the model is a 50,257-token pre-norm GPT-2.
    ///
    /// A NaN or infinite weight is refused (``CheckpointError/nonFiniteWeight(path:tensor:index:value:)``)
    /// unless `allowNonFinite` is true.
    public static func open(_ path: String?, allowNonFinite: Bool = false) async throws -> ModelSession {
        guard let path else {
            async let tokenizer = DefaultModel.tokenizer()
            let model = try DefaultModel.load()
            return ModelSession(model: model, tokenizer: try await tokenizer, directory: DefaultModel.origin)
        }
        let directory = URL(fileURLWithPath: path)
        async let parsed = Result { try Tokenizer.inCheckpoint(directory) }
        let model = try GPT.load(directory: directory)
        if !allowNonFinite { try model.checkFiniteWeights(path: directory.path) }
        let c = model.configuration
        var tokenizer = try await parsed.get()
        if tokenizer == nil, c.vocabularySize == 50257, c.normPlacement == .preNorm { tokenizer = try Tokenizer.gpt2() }
        return ModelSession(model: model, tokenizer: tokenizer, directory: directory)
    }

    /// The token ids of `prompt` (text) or `ids` (`464,2068,7586`), checked against the
    /// vocabulary and context.
    ///
    /// With `truncate`, a sequence longer than the context keeps its last tokens (leaving room
    /// for `reserve` more); otherwise it is an error.
    public func tokens(prompt: String?, ids: String?, truncate: Bool, reserve: Int = 0) throws -> [Int] {
        let tokens = try uncheckedTokens(prompt: prompt, ids: ids, truncate: truncate, reserve: reserve)
        try model.validate(tokens)
        return tokens
    }

    /// The token ids of `prompt` or `ids`, for a caller whose model run checks them itself
    /// (the report's forward pass).
    public func uncheckedTokens(prompt: String?, ids: String?, truncate: Bool, reserve: Int = 0) throws -> [Int] {
        let tokens: [Int]
        if let ids {
            tokens = try ModelSession.parseIDs(ids)
        } else if let prompt {
            guard let tokenizer else {
                throw ModelInputError.noTokenizer(directory: directory.path)
            }
            tokens = tokenizer.encode(prompt)
        } else {
            throw ModelInputError.noPrompt
        }
        return truncate ? truncated(tokens, reserve: reserve) : tokens
    }

    /// The last tokens of `tokens` that fit the context with room for `reserve` more (at least one).
    public func truncated(_ tokens: [Int], reserve: Int = 0) -> [Int] {
        let room = max(1, model.configuration.contextLength - reserve)
        return tokens.count > room ? Array(tokens.suffix(room)) : tokens
    }

    /// Parses `464,2068, 7586` into ids.
    public static func parseIDs(_ text: String) throws(ModelInputError) -> [Int] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let ids = parts.compactMap { Int($0) }
        guard ids.count == parts.count, !ids.isEmpty else {
            throw .malformedIDs(text)
        }
        return ids
    }

    /// A token as readable text: its UTF-8 text when it is whole characters, GPT-2's byte
    /// alphabet otherwise (a token holding part of a character), `#id` without a tokenizer.
    public func text(of id: Int) -> String {
        guard let tokenizer, let bytes = tokenizer.bytes(forToken: id) else { return "#\(id)" }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return tokenizer.alphabetText(forToken: id) ?? "#\(id)"
    }

    /// The token quoted for terminal tables: control characters escaped, and a token holding
    /// only part of a character's UTF-8 bytes shown as those bytes (`"\xe5\x8d"`).
    public func quoted(_ id: Int) -> String {
        if let bytes = tokenizer?.bytes(forToken: id), String(validating: bytes, as: UTF8.self) == nil {
            return "\"" + bytes.map { String(format: "\\x%02x", $0) }.joined() + "\""
        }
        var escaped = ""
        for scalar in text(of: id).unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\"": escaped += "\\\""
            default:
                escaped += scalar.value < 0x20 ? String(format: "\\x%02x", scalar.value) : String(scalar)
            }
        }
        return "\"\(escaped)\""
    }

    /// One line describing the model.
    public var summary: String {
        let c = model.configuration
        let heads = c.keyValueHeadCount == c.headCount ? "\(c.headCount) heads" : "\(c.headCount) heads over \(c.keyValueHeadCount) kv heads"
        return "\(c.name) (\(c.familyName): \(c.layerCount) layers, \(heads), width \(c.embeddingWidth), "
            + "\(c.vocabularySize) tokens, context \(c.contextLength))"
    }
}
