import GPTModel
import TensorCore
import Tokenization

/// One prompt run through one model with its activations recorded: the input of every
/// per-prompt figure (attention, embeddings, layers) and of `gptscope report`.
public struct PromptAnalysis: Sendable {
    /// The model (figures read its weights: `wte`, `wpe`, the unembedding, `ln_f`).
    public let model: GPT
    /// A short name for titles, e.g. `gpt2` or the checkpoint folder's name.
    public let modelName: String
    /// The prompt's tokens with display labels and character groups.
    public let tokens: TokenizedText
    /// The recorded activations (hook name → tensor).
    public let cache: ActivationCache
    /// The next-token logits of positions `logitsStart ..< T`: `[T − logitsStart, V]`, every
    /// position unless the analysis was compacted (``keepingLogits(last:)``).
    public let logits: Tensor
    /// The position of `logits`' first row: 0 unless compacted.
    public let logitsStart: Int
    /// Every token's surprisal, taken from the full logits before they were compacted (nil: not compacted).
    let storedSurprisals: [Double]?
    /// The tokenizer, when the checkpoint has one (figures that name tokens outside the prompt,
    /// such as the logit lens, need it).
    public let tokenizer: Tokenizer?

    /// An analysis from parts already computed.
    public init(model: GPT, modelName: String, tokens: TokenizedText, cache: ActivationCache, logits: Tensor, tokenizer: Tokenizer?) {
        self.model = model
        self.modelName = modelName
        self.tokens = tokens
        self.cache = cache
        self.logits = logits
        self.tokenizer = tokenizer
        logitsStart = 0
        storedSurprisals = nil
    }

    /// This analysis with another recording (same prompt, same logits).
    public func replacingCache(_ cache: ActivationCache) -> PromptAnalysis {
        PromptAnalysis(self, cache: cache, logits: logits, logitsStart: logitsStart, surprisals: storedSurprisals)
    }

    private init(_ other: PromptAnalysis, cache: ActivationCache, logits: Tensor, logitsStart: Int, surprisals: [Double]?) {
        model = other.model
        modelName = other.modelName
        tokens = other.tokens
        tokenizer = other.tokenizer
        self.cache = cache
        self.logits = logits
        self.logitsStart = logitsStart
        storedSurprisals = surprisals
    }

    /// This analysis keeping the logits of the last `count` positions only, each token's
    /// surprisal computed first: what a report needs of `[T, V]` logits that take 206 MB at
    /// T = 1,024 on GPT-2 (the logit lens reads the last positions, everything else the last one).
    public func keepingLogits(last count: Int) -> PromptAnalysis {
        let t = logitsStart + logits.shape[0]
        let kept = max(1, min(count, t - logitsStart))
        guard kept < logits.shape[0] else { return self }
        return PromptAnalysis(self, cache: cache, logits: logits.rows(logits.shape[0] - kept ..< logits.shape[0]),
                              logitsStart: t - kept, surprisals: surprisals())
    }

    /// −log p(token i | tokens before it) for i = 1 ..< T, in nats (see ``SurprisalStrip``).
    public func surprisals() -> [Double] {
        if let storedSurprisals { return storedSurprisals }
        precondition(logitsStart == 0, "surprisals need every position's logits")
        return SurprisalStrip.surprisals(logits: logits.scalars, vocabulary: logits.shape[1], ids: tokens.ids)
    }

    /// Runs `ids` through `model`, recording the hooks `hooks` selects (every hook, the attention
    /// scores included, by default).
    public static func run(
        model: GPT, modelName: String, ids: [Int], tokenizer: Tokenizer?,
        hooks: HookFilter = .everything, maxCacheBytes: Int = GPT.defaultMaxCacheBytes
    ) throws -> PromptAnalysis {
        let (logits, cache) = try model.run(ids, hooks: hooks, maxCacheBytes: maxCacheBytes)
        let tokens: TokenizedText
        if let tokenizer, let described = try? tokenizer.describe(ids) {
            tokens = described
        } else {
            // Without a tokenizer the ids themselves are the labels.
            tokens = TokenizedText(ids: ids, tokenBytes: ids.map { Array("#\($0)".utf8) }, isSpecial: ids.map { _ in false })
        }
        return PromptAnalysis(model: model, modelName: modelName, tokens: tokens, cache: cache, logits: logits, tokenizer: tokenizer)
    }

    /// The prompt for titles: its text, cut to `limit` characters with "…", newlines shown as ⏎.
    public func promptForTitle(limit: Int = 48) -> String {
        DrawableText.quoted(tokens.text, limit: limit)
    }

    /// The text of the tokens at `positions` for a title over a figure that shows only them:
    /// `…` marks text left out before them, and a long stretch keeps its end (the positions
    /// nearest the figure's right edge, where a next-token figure looks).
    public func promptForTitle(limit: Int = 48, positions: Range<Int>) -> String {
        let r = positions.clamped(to: 0 ..< tokens.count)
        guard r.lowerBound > 0 || r.upperBound < tokens.count else {
            return DrawableText.quoted(tokens.text, limit: limit, keep: .end)
        }
        let text = String(decoding: tokens.tokenBytes[r].joined(), as: UTF8.self)
        let quoted = DrawableText.quoted(text, limit: limit, keep: .end)
        return r.lowerBound > 0 && !quoted.hasPrefix("“…") ? "“…" + quoted.dropFirst() : quoted
    }
}
