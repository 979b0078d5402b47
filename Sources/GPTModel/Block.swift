import TensorCore

/// One Transformer block: attention then MLP, each with a residual connection and a LayerNorm.
///
/// Pre-LN (GPT-2, Llama): `x = x + attn(ln_1(x))`, `x = x + mlp(ln_2(x))`.
/// Post-LN (GPT-1): `x = ln_1(x + attn(x))`, `x = ln_2(x + mlp(x))`.
/// Parallel (GPT-NeoX): `x = x + attn(ln_1(x)) + mlp(ln_2(x))`, with no `hook_resid_mid`.
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
    /// Whether attention and MLP both read the block's input (GPT-NeoX's `use_parallel_residual`).
    public internal(set) var parallelResidual = false

    /// A block from its sublayers.
    public init(ln1: LayerNorm, attention: CausalSelfAttention, ln2: LayerNorm, mlp: MLP, placement: GPTConfiguration.NormPlacement) {
        self.ln1 = ln1
        self.attention = attention
        self.ln2 = ln2
        self.mlp = mlp
        self.placement = placement
    }

    /// `[T, C] -> [T, C]` for block number `i`, through its hook points.
    /// A rotary model's attention turns q and k by `rotation` (see ``CausalSelfAttention``).
    public func callAsFunction(_ x: Tensor, layer i: Int, cache: inout KVCache.Layer, hooks: inout HookPoints,
                               rotation: RotaryEmbedding.Table? = nil) -> Tensor {
        forward(x, layer: i, hooks: &hooks) { x, hooks in attention(x, layer: i, cache: &cache, hooks: &hooks, rotation: rotation) }
    }

    /// The block with its attention sublayer given as `attend` (normalised input `[T, C]` to
    /// output `[T, C]`): one run's attention over its cache, or a batch's, run by run.
    func forward<H: HookSite>(_ x: Tensor, layer i: Int, hooks: inout H, attend: (Tensor, inout H) -> Tensor) -> Tensor {
        let x = hooks(.residPre(i), x)                                                          // [T, C]
        switch placement {
        case .preNorm where parallelResidual:
            let normalized1 = hooks(.ln1Normalized(i), ln1(x))                                  // [T, C]
            let attnOut = hooks(.attnOut(i), attend(normalized1, &hooks))                       // [T, C]
            let normalized2 = hooks(.ln2Normalized(i), ln2(x))                                  // [T, C]
            let mlpOut = hooks(.mlpOut(i), mlp(normalized2, layer: i, hooks: &hooks))           // [T, C]
            return hooks(.residPost(i), mlpOut + attnOut + x)                                   // [T, C], transformers' order
        case .preNorm:
            let normalized1 = hooks(.ln1Normalized(i), ln1(x))                                  // [T, C]
            let attnOut = hooks(.attnOut(i), attend(normalized1, &hooks))                       // [T, C]
            let mid = hooks(.residMid(i), x + attnOut)                                          // [T, C]
            let normalized2 = hooks(.ln2Normalized(i), ln2(mid))                                // [T, C]
            let mlpOut = hooks(.mlpOut(i), mlp(normalized2, layer: i, hooks: &hooks))           // [T, C]
            return hooks(.residPost(i), mid + mlpOut)                                           // [T, C]
        case .postNorm:
            // ln_1's output is also the residual stream between the sublayers (see HookName).
            let attnOut = hooks(.attnOut(i), attend(x, &hooks))                                 // [T, C]
            let mid = hooks(.residMid(i), hooks(.ln1Normalized(i), ln1(x + attnOut)))           // [T, C]
            let mlpOut = hooks(.mlpOut(i), mlp(mid, layer: i, hooks: &hooks))                   // [T, C]
            return hooks(.residPost(i), hooks(.ln2Normalized(i), ln2(mid + mlpOut)))            // [T, C]
        }
    }
}
