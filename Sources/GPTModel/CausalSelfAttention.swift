import TensorCore

/// Multi-head causal self-attention: each position mixes the values of itself and earlier positions.
///
/// Letters: T new positions in this call, S = past + T key positions, C width, NH query heads,
/// KV key/value heads (NH unless grouped-query attention; query head h reads kv head
/// h / (NH / KV)), hs head width, A = NH · hs. Weights keep the checkpoint's layout: GPT-2's
/// Conv1D `[in, out]`, or `nn.Linear`'s `[out, in]` for Llama and GPT-NeoX files.
public struct CausalSelfAttention: Sendable {
    /// GPT-2's `c_attn.weight` `[C, 3C]` (queries, keys, values side by side), or GPT-NeoX's
    /// `query_key_value.weight` `[3A, C]` (rows head by head, each head's q, k, v in turn);
    /// unfilled for separate projections.
    public internal(set) var qkvWeight: Tensor
    /// `c_attn.bias` `[3C]` / `query_key_value.bias` `[3A]`.
    public internal(set) var qkvBias: Tensor
    /// Llama's `q_proj.weight` `[A, C]`, `k_proj.weight` and `v_proj.weight` `[KV·hs, C]`.
    public internal(set) var queryWeight = Tensor.unfilled, keyWeight = Tensor.unfilled, valueWeight = Tensor.unfilled
    /// `q_proj.bias` `[A]`, `k_proj.bias`, `v_proj.bias` `[KV·hs]` (Qwen2).
    public internal(set) var queryBias = Tensor.unfilled, keyBias = Tensor.unfilled, valueBias = Tensor.unfilled
    /// The output projection: `c_proj.weight` `[C, C]`, `o_proj.weight` / `dense.weight` `[C, A]`.
    public internal(set) var projWeight: Tensor
    /// The output bias `[C]` (unfilled when the projection has none).
    public internal(set) var projBias: Tensor
    /// Number of query heads NH.
    public let headCount: Int
    /// Number of key/value heads KV.
    public private(set) var keyValueHeadCount: Int
    /// Head width hs (nil: C / NH).
    public private(set) var headWidth: Int?
    /// Which projections hold the weights.
    public private(set) var format: GPTConfiguration.CheckpointFormat = .gpt2
    /// Whether the Q, K, V projections and the output projection have biases.
    public private(set) var hasBias = true, hasOutputBias = true
    /// The rotation applied to queries and keys, or nil (learned positions).
    public private(set) var rotary: RotaryEmbedding?
    /// What `q · k` is multiplied by before the softmax when it is not 1/√hs (see
    /// ``GPTConfiguration/attentionScoreScale(layer:)``); nil: 1/√hs.
    public private(set) var scoreScale: Float?

    /// A GPT-2 attention layer from its parameters.
    public init(qkvWeight: Tensor, qkvBias: Tensor, projWeight: Tensor, projBias: Tensor, headCount: Int) {
        self.qkvWeight = qkvWeight
        self.qkvBias = qkvBias
        self.projWeight = projWeight
        self.projBias = projBias
        self.headCount = headCount
        self.keyValueHeadCount = headCount
    }

    /// Attention layer `layer` of `configuration`'s shape, format, rotation and score scale, with
    /// unfilled tensors.
    init(unfilled c: GPTConfiguration, layer: Int) {
        self.init(qkvWeight: .unfilled, qkvBias: .unfilled, projWeight: .unfilled, projBias: .unfilled, headCount: c.headCount)
        keyValueHeadCount = c.keyValueHeadCount
        headWidth = c.headWidth
        format = c.checkpointFormat
        hasBias = c.attentionBias
        hasOutputBias = c.attentionOutputBias
        rotary = c.positionEncoding == .rotary ? c.rotaryEmbedding : nil
        if !c.hasStandardAttentionScale { scoreScale = c.attentionScoreScale(layer: layer) }
    }

    /// `[T, C] -> [T, C]` through the `attn` hook points of block `i`; appends this call's keys
    /// and values (KV heads only) to `cache` and attends over all of it. A rotary model uses
    /// `rotation` (the forward pass's table, shared by all layers) or computes its own.
    public func callAsFunction(_ x: Tensor, layer i: Int, cache: inout KVCache.Layer, hooks: inout HookPoints,
                               rotation: RotaryEmbedding.Table? = nil) -> Tensor {
        let t = x.shape[0]
        let (nh, kv, past) = (headCount, keyValueHeadCount, cache.length)
        let hs = headWidth ?? x.shape[1] / nh
        let (q0, k0, v0) = project(x, t: t, heads: nh, keyValueHeads: kv, headWidth: hs)   // [T, NH, hs], [T, KV, hs] ×2
        var q = hooks(.q(i), q0), k = hooks(.k(i), k0)
        let v = hooks(.v(i), v0)
        if let rotary {
            let table = rotation ?? rotary.table(startPosition: past, count: t)
            q = hooks(.rotQ(i), rotary.rotate(q, table: table))                             // [T, NH, hs]
            k = hooks(.rotK(i), rotary.rotate(k, table: table))                             // [T, KV, hs]
        }
        cache.append(keys: k, values: v)                                                    // cache: [S, KV·hs]
        // Scores and pattern hold the lower triangle only; the softmax reuses the scores' storage
        // unless they were recorded, and the pattern is freed after pattern·V unless recorded.
        let scores = hooks(.attnScores(i), causalAttentionScores(q, keys: cache.keys, heads: nh, keyValueHeads: kv, past: past, scale: scoreScale))  // [NH, T, S], future = -inf
        let pattern = hooks(.pattern(i), causalSoftmax(consume scores))                   // [NH, T, S], future = 0
        let z = hooks(.z(i), causalWeightedSum(pattern, values: cache.values, width: nh * hs, keyValueHeads: kv))  // -> [T, NH, hs]
        return linear(z.reshaped([t, nh * hs]), weight: projWeight, bias: hasOutputBias ? projBias : nil,
                      outInLayout: format != .gpt2)                                        // [T, A] -> [T, C]
    }

    /// Queries `[T, NH, hs]`, keys and values `[T, KV, hs]` of `x` `[T, C]`, from whichever
    /// projections the checkpoint format has.
    func project(_ x: Tensor, t: Int, heads nh: Int, keyValueHeads kv: Int, headWidth hs: Int) -> (Tensor, Tensor, Tensor) {
        let a = nh * hs
        switch format {
        case .gpt2:
            let qkv = linear(x, weight: qkvWeight, bias: qkvBias)                        // [T, C] -> [T, 3C]
            return (qkv.columns(0 ..< a).reshaped([t, nh, hs]),                          // [T, 3C] -> [T, NH, hs]
                    qkv.columns(a ..< 2 * a).reshaped([t, nh, hs]),
                    qkv.columns(2 * a ..< 3 * a).reshaped([t, nh, hs]))
        case .llama:
            func bias(_ b: Tensor) -> Tensor? { hasBias ? b : nil }
            return (linear(x, weight: queryWeight, bias: bias(queryBias), outInLayout: true).reshaped([t, nh, hs]),  // [T, C] -> [T, NH, hs]
                    linear(x, weight: keyWeight, bias: bias(keyBias), outInLayout: true).reshaped([t, kv, hs]),      // [T, C] -> [T, KV, hs]
                    linear(x, weight: valueWeight, bias: bias(valueBias), outInLayout: true).reshaped([t, kv, hs]))
        case .gptNeoX:
            let qkv = linear(x, weight: qkvWeight, bias: hasBias ? qkvBias : nil, outInLayout: true)  // [T, C] -> [T, NH·3·hs]
            return (qkv.interleavedPart(0, of: 3, heads: nh, width: hs),                  // [T, NH, 3, hs] -> [T, NH, hs]
                    qkv.interleavedPart(1, of: 3, heads: nh, width: hs),
                    qkv.interleavedPart(2, of: 3, heads: nh, width: hs))
        }
    }
}

extension Tensor {
    /// Part `part` of each head of a `[T, NH·parts·hs]` matrix laid out `[T, NH, parts, hs]`: `-> [T, NH, hs]`.
    func interleavedPart(_ part: Int, of parts: Int, heads nh: Int, width hs: Int) -> Tensor {
        let t = shape[0]
        return Tensor(shape: [t, nh, hs]) { out in
            withUnsafeBufferPointer { src in
                guard count > 0 else { return }
                for p in 0 ..< t {
                    for h in 0 ..< nh {
                        let from = src.baseAddress! + (p * nh + h) * parts * hs + part * hs
                        (out.baseAddress! + (p * nh + h) * hs).update(from: from, count: hs)
                    }
                }
            }
        }
    }
}
