import TensorCore

extension CausalSelfAttention: ParameterLayer {
    /// `c_attn` `[C, 3C]` + `[3C]` (queries, keys, values side by side) and `c_proj` `[C, C]` + `[C]`.
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<CausalSelfAttention>] {
        let width = c.embeddingWidth
        return [
            Parameter("c_attn.weight", shape: [width, 3 * width], role: .weight, at: \.qkvWeight),
            Parameter("c_attn.bias", shape: [3 * width], role: .bias, at: \.qkvBias),
            Parameter("c_proj.weight", shape: [width, width], role: .residualProjection, at: \.projWeight),
            Parameter("c_proj.bias", shape: [width], role: .bias, at: \.projBias),
        ]
    }

    /// An attention layer whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(qkvWeight: .unfilled, qkvBias: .unfilled, projWeight: .unfilled, projBias: .unfilled, headCount: c.headCount)
    }
}
