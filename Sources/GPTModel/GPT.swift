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
        let x = embedding(tokens, startPosition: cache.length, hooks: &hooks)      // [T, C]
        return outputLogits(runBlocks(x, from: 0, cache: &cache, hooks: &hooks), hooks: &hooks)  // [T, C] -> [T, V]
    }

    /// Runs blocks `layer ..< L` on `x`, the residual stream entering block `layer` at positions
    /// `cache.length …`: the one block loop of ``forward(_:cache:hooks:)`` and of resuming from a
    /// recorded `resid_pre` (``forward(fromLayer:residPre:hooks:logitRows:)``).
    ///
    /// `[T, C] -> [T, C]`.
    func runBlocks(_ x: Tensor, from layer: Int, cache: inout KVCache, hooks: inout HookPoints) -> Tensor {
        // A rotary model's cosines and sines, once for every layer.
        let rotation = configuration.positionEncoding == .rotary
            ? configuration.rotaryEmbedding.table(startPosition: cache.length, count: x.shape[0]) : nil
        var x = x
        for i in layer ..< blocks.count {
            x = blocks[i](x, layer: i, cache: &cache.layers[i], hooks: &hooks, rotation: rotation)  // [T, C]
        }
        return x
    }

    /// The final norm (if any) and the output head: `[R, C] -> [R, V]`.
    func outputLogits<H: HookSite>(_ x: Tensor, hooks: inout H) -> Tensor {
        var x = x
        if let finalNorm {
            x = hooks(.lnFinalNormalized, finalNorm(x))                            // [R, C]
        }
        return hooks(.logits, matmul(x, outputHead, transposeB: true))             // [R, C] @ [C, V] -> [R, V]
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
