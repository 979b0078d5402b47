import TensorCore

extension CausalSelfAttention: ParameterLayer {
    /// The attention's projections under the checkpoint's names and layout (A = NH · hs,
    /// K = KV · hs):
    /// - GPT-2: `c_attn` `[C, 3C]` + `[3C]`, `c_proj` `[C, C]` + `[C]` (Conv1D, `[in, out]`);
    /// - Llama / Qwen2: `q_proj` `[A, C]`, `k_proj`, `v_proj` `[K, C]`, `o_proj` `[C, A]`, with
    ///   biases where the configuration has them (Qwen2: on q, k, v only);
    /// - GPT-NeoX: `query_key_value` `[3A, C]` + `[3A]`, `dense` `[C, A]` + `[C]`.
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<CausalSelfAttention>] {
        let (width, a, k) = (c.embeddingWidth, c.attentionWidth, c.keyValueHeadCount * c.headWidth)
        switch c.checkpointFormat {
        case .gpt2:
            return [
                Parameter("c_attn.weight", shape: [width, 3 * width], role: .weight, at: \.qkvWeight),
                Parameter("c_attn.bias", shape: [3 * width], role: .bias, at: \.qkvBias),
                Parameter("c_proj.weight", shape: [width, width], role: .residualProjection, at: \.projWeight),
                Parameter("c_proj.bias", shape: [width], role: .bias, at: \.projBias),
            ]
        case .llama:
            var list: [Parameter<CausalSelfAttention>] = []
            for (name, rows, weight, bias) in [("q_proj", a, \CausalSelfAttention.queryWeight, \CausalSelfAttention.queryBias),
                                               ("k_proj", k, \.keyWeight, \.keyBias), ("v_proj", k, \.valueWeight, \.valueBias)] {
                list.append(Parameter(name + ".weight", shape: [rows, width], role: .weight, at: weight))
                if c.attentionBias { list.append(Parameter(name + ".bias", shape: [rows], role: .bias, at: bias)) }
            }
            list.append(Parameter("o_proj.weight", shape: [width, a], role: .residualProjection, at: \.projWeight))
            if c.attentionOutputBias { list.append(Parameter("o_proj.bias", shape: [width], role: .bias, at: \.projBias)) }
            return list
        case .gptNeoX:
            var list = [Parameter<CausalSelfAttention>("query_key_value.weight", shape: [3 * a, width], role: .weight, at: \.qkvWeight)]
            if c.attentionBias { list.append(Parameter("query_key_value.bias", shape: [3 * a], role: .bias, at: \.qkvBias)) }
            list.append(Parameter("dense.weight", shape: [width, a], role: .residualProjection, at: \.projWeight))
            if c.attentionOutputBias { list.append(Parameter("dense.bias", shape: [width], role: .bias, at: \.projBias)) }
            return list
        }
    }
}
