import TensorCore

/// A GPT-style language model (GPT-2, GPT-1, Llama, Qwen2, GPT-NeoX): embeddings, a stack of blocks, an optional final norm
/// and the output head. Pure over immutable weights; the hook points (recording and interventions)
/// and the KV cache travel as parameters.
///
/// Reading order: ``Embedding`` → ``Block`` (``LayerNorm``, ``CausalSelfAttention``, ``MLP``) →
/// `ln_f` → logits. Letters: T tokens, C width, V vocabulary.
public struct GPT: Sendable {
    /// The architecture the weights were loaded for.
    public let configuration: GPTConfiguration
    /// `wte` and `wpe`.
    public internal(set) var embedding: Embedding
    /// `h.0` … `h.{L-1}`.
    public internal(set) var blocks: [Block]
    /// `ln_f` (GPT-2); nil for GPT-1.
    public internal(set) var finalNorm: LayerNorm?
    /// `lm_head.weight` `[V, C]` when the head is untied; nil when it is `wte` itself (see ``outputHead``).
    public internal(set) var lmHead: Tensor?

    /// A model from its parts; `lmHead` nil ties the output head to the token table.
    public init(configuration: GPTConfiguration, embedding: Embedding, blocks: [Block], finalNorm: LayerNorm?, lmHead: Tensor?) {
        self.configuration = configuration
        self.embedding = embedding
        self.blocks = blocks
        self.finalNorm = finalNorm
        self.lmHead = lmHead
    }

    /// Next-token logits for `tokens` placed after the `cache.length` positions already cached,
    /// through every hook point (`hooks` records and intervenes; ``HookPoints/none`` does neither).
    ///
    /// `[T] -> [T, V]`. Ids must be in the vocabulary and `cache.length + T` within the context
    /// (``GPT/run(_:hooks:interventions:maxCacheBytes:)`` checks both and throws).
    public func forward(_ tokens: [Int], cache: inout KVCache, hooks: inout HookPoints) -> Tensor {
        hooks.startPosition = cache.length
        var x = embedding(tokens, startPosition: cache.length, hooks: &hooks)      // [T, C]
        // A rotary model's cosines and sines, once for every layer.
        let rotation = configuration.positionEncoding == .rotary
            ? configuration.rotaryEmbedding.table(startPosition: cache.length, count: tokens.count) : nil
        for (i, block) in blocks.enumerated() {
            x = block(x, layer: i, cache: &cache.layers[i], hooks: &hooks, rotation: rotation)  // [T, C]
        }
        if let finalNorm {
            x = hooks(.lnFinalNormalized, finalNorm(x))                            // [T, C]
        }
        return hooks(.logits, matmul(x, outputHead, transposeB: true))             // [T, C] @ [C, V] -> [T, V]
    }

    /// Next-token logits for a whole sequence from position 0, without a persistent cache.
    public func forward(_ tokens: [Int], hooks: inout HookPoints) -> Tensor {
        var scratch = KVCache(configuration: configuration, capacity: tokens.count)
        return forward(tokens, cache: &scratch, hooks: &hooks)
    }

    /// Every hook this model has, in forward order.
    public var hookNames: [HookName] {
        HookName.all(configuration: configuration)
    }
}
