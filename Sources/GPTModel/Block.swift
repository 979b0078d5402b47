import TensorCore

/// One Transformer block: attention then MLP, each with a residual connection and a LayerNorm.
///
/// Pre-LN (GPT-2): `x = x + attn(ln_1(x))`, `x = x + mlp(ln_2(x))`.
/// Post-LN (GPT-1): `x = ln_1(x + attn(x))`, `x = ln_2(x + mlp(x))`.
public struct Block: Sendable {
    /// `ln_1`.
    public internal(set) var ln1: LayerNorm
    /// `attn`.
    public internal(set) var attention: CausalSelfAttention
    /// `ln_2`.
    public internal(set) var ln2: LayerNorm
    /// `mlp`.
    public internal(set) var mlp: MLP
    /// Where the norms sit.
    public let placement: GPTConfiguration.NormPlacement

    /// A block from its sublayers.
    public init(ln1: LayerNorm, attention: CausalSelfAttention, ln2: LayerNorm, mlp: MLP, placement: GPTConfiguration.NormPlacement) {
        self.ln1 = ln1
        self.attention = attention
        self.ln2 = ln2
        self.mlp = mlp
        self.placement = placement
    }

    /// `[T, C] -> [T, C]` for block number `layer`.
    public func callAsFunction(_ x: Tensor, layer i: Int, cache: inout KVCache.Layer, recorder: inout HookRecorder) -> Tensor {
        recorder.record(.residPre(i), x)
        switch placement {
        case .preNorm:
            let normalized1 = ln1(x)                                                        // [T, C]
            recorder.record(.ln1Normalized(i), normalized1)
            let attnOut = attention(normalized1, layer: i, cache: &cache, recorder: &recorder)  // [T, C]
            recorder.record(.attnOut(i), attnOut)
            let mid = add(x, attnOut)                                                       // [T, C]
            recorder.record(.residMid(i), mid)
            let normalized2 = ln2(mid)                                                      // [T, C]
            recorder.record(.ln2Normalized(i), normalized2)
            let mlpOut = mlp(normalized2, layer: i, recorder: &recorder)                    // [T, C]
            recorder.record(.mlpOut(i), mlpOut)
            let post = add(mid, mlpOut)                                                     // [T, C]
            recorder.record(.residPost(i), post)
            return post
        case .postNorm:
            let attnOut = attention(x, layer: i, cache: &cache, recorder: &recorder)        // [T, C]
            recorder.record(.attnOut(i), attnOut)
            let mid = ln1(add(x, attnOut))                                                  // [T, C]
            recorder.record(.ln1Normalized(i), mid)
            recorder.record(.residMid(i), mid)
            let mlpOut = mlp(mid, layer: i, recorder: &recorder)                            // [T, C]
            recorder.record(.mlpOut(i), mlpOut)
            let post = ln2(add(mid, mlpOut))                                                // [T, C]
            recorder.record(.ln2Normalized(i), post)
            recorder.record(.residPost(i), post)
            return post
        }
    }
}
