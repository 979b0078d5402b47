import TensorCore

extension Block: ParameterLayer {
    /// `ln_1`, `attn`, `ln_2`, `mlp`: GPT-2's module order (transformers' GPT-1 block declares
    /// `attn`, `ln_1`, `mlp`, `ln_2`; names, not order, are what a file is matched by).
    /// Llama and GPT-NeoX files call them `input_layernorm`, `self_attn` / `attention`,
    /// `post_attention_layernorm`, `mlp`.
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<Block>] {
        let names = CheckpointLayout.BlockNames(c.checkpointFormat)
        return LayerNorm.parameters(c).nested(in: \Block.ln1, prefix: names.ln1)
            + CausalSelfAttention.parameters(c).nested(in: \Block.attention, prefix: names.attention)
            + LayerNorm.parameters(c).nested(in: \Block.ln2, prefix: names.ln2)
            + MLP.parameters(c).nested(in: \Block.mlp, prefix: names.mlp)
    }

    /// Block `layer`, whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration, layer: Int) {
        self.init(ln1: LayerNorm(unfilled: c), attention: CausalSelfAttention(unfilled: c, layer: layer), ln2: LayerNorm(unfilled: c),
                  mlp: MLP(unfilled: c), placement: c.normPlacement)
        parallelResidual = c.parallelResidual
    }
}
