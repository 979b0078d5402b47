import TensorCore

/// Multi-head causal self-attention: each position mixes the values of itself and earlier positions.
///
/// Letters: T new positions in this call, S = past + T key positions, C width, NH heads,
/// hs = C / NH. Weights keep GPT-2's `Conv1D` `[in, out]` layout.
public struct CausalSelfAttention: Sendable {
    /// `c_attn.weight`, `[C, 3C]` (queries, keys, values side by side).
    public internal(set) var qkvWeight: Tensor
    /// `c_attn.bias`, `[3C]`.
    public internal(set) var qkvBias: Tensor
    /// `c_proj.weight`, `[C, C]`.
    public internal(set) var projWeight: Tensor
    /// `c_proj.bias`, `[C]`.
    public internal(set) var projBias: Tensor
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

    /// `[T, C] -> [T, C]` through the `attn` hook points of block `i`; appends this call's keys
    /// and values to `cache` and attends over all of it.
    public func callAsFunction(_ x: Tensor, layer i: Int, cache: inout KVCache.Layer, hooks: inout HookPoints) -> Tensor {
        let (t, c) = (x.shape[0], x.shape[1])
        let (nh, hs, past) = (headCount, c / headCount, cache.length)
        let qkv = linear(x, weight: qkvWeight, bias: qkvBias)                            // [T, C] -> [T, 3C]
        let q = hooks(.q(i), qkv.columns(0 ..< c).reshaped([t, nh, hs]))                 // [T, 3C] -> [T, NH, hs]
        let k = hooks(.k(i), qkv.columns(c ..< 2 * c).reshaped([t, nh, hs]))             // [T, 3C] -> [T, NH, hs]
        let v = hooks(.v(i), qkv.columns(2 * c ..< 3 * c).reshaped([t, nh, hs]))         // [T, 3C] -> [T, NH, hs]
        cache.append(keys: k, values: v)                                                 // cache: [S, C], S = past + T
        let scores = hooks(.attnScores(i), causalAttentionScores(q, keys: cache.keys, heads: nh, past: past))  // [NH, T, S], future = -inf
        let pattern = hooks(.pattern(i), causalSoftmax(scores, past: past))             // [NH, T, S], future = 0
        let z = hooks(.z(i), causalWeightedSum(pattern, values: cache.values, past: past, width: c))  // [NH, T, S] -> [T, NH, hs]
        return linear(z.reshaped([t, c]), weight: projWeight, bias: projBias)            // [T, C] -> [T, C]
    }
}
