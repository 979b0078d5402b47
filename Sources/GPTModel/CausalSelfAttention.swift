import TensorCore

/// Multi-head causal self-attention: each position mixes the values of itself and earlier positions.
///
/// Letters: T new positions in this call, S = past + T key positions, C width, NH heads,
/// hs = C / NH. Weights keep GPT-2's `Conv1D` `[in, out]` layout.
public struct CausalSelfAttention: Sendable {
    /// `c_attn.weight`, `[C, 3C]` (queries, keys, values side by side).
    public let qkvWeight: Tensor
    /// `c_attn.bias`, `[3C]`.
    public let qkvBias: Tensor
    /// `c_proj.weight`, `[C, C]`.
    public let projWeight: Tensor
    /// `c_proj.bias`, `[C]`.
    public let projBias: Tensor
    /// Number of heads NH.
    public let headCount: Int

    /// An attention layer from its parameters.
    public init(qkvWeight: Tensor, qkvBias: Tensor, projWeight: Tensor, projBias: Tensor, headCount: Int) {
        self.qkvWeight = qkvWeight
        self.qkvBias = qkvBias
        self.projWeight = projWeight
        self.projBias = projBias
        self.headCount = headCount
    }

    /// `[T, C] -> [T, C]`; appends this call's keys and values to `cache` and attends over all of it.
    public func callAsFunction(_ x: Tensor, layer: Int, cache: inout KVCache.Layer, recorder: inout HookRecorder) -> Tensor {
        let (t, c) = (x.shape[0], x.shape[1])
        let (nh, hs) = (headCount, c / headCount)
        let qkv = linear(x, weight: qkvWeight, bias: qkvBias)    // [T, C] -> [T, 3C]
        let (q, k, v) = split(qkv)                               // 3 × [T, C]
        recorder.record(.q(layer), q.reshaped([t, nh, hs]))
        recorder.record(.k(layer), k.reshaped([t, nh, hs]))
        recorder.record(.v(layer), v.reshaped([t, nh, hs]))
        let past = cache.length
        cache.append(keys: k, values: v)                         // cache: [S, C], S = past + T
        let scores = causalAttentionScores(q, keys: cache.keys, heads: nh, past: past)  // [NH, T, S], future = -inf
        recorder.record(.attnScores(layer), scores)
        let pattern = causalSoftmax(scores, past: past)          // [NH, T, S], future = 0
        recorder.record(.pattern(layer), pattern)
        let z = causalWeightedSum(pattern, values: cache.values, past: past, width: c)  // [NH, T, S] -> [T, NH, hs]
        recorder.record(.z(layer), z)
        return linear(z.reshaped([t, c]), weight: projWeight, bias: projBias)     // [T, C] -> [T, C]
    }

    /// Splits `[T, 3C]` into queries, keys and values, `[T, C]` each.
    func split(_ qkv: Tensor) -> (Tensor, Tensor, Tensor) {
        let t = qkv.shape[0], c = qkv.shape[1] / 3
        func part(_ index: Int) -> Tensor {
            Tensor(shape: [t, c]) { out in
                qkv.withUnsafeBufferPointer { source in
                    for row in 0 ..< t {
                        (out.baseAddress! + row * c).update(from: source.baseAddress! + row * 3 * c + index * c, count: c)
                    }
                }
            }
        }
        return (part(0), part(1), part(2))
    }
}
