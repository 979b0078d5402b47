import TensorCore

extension MLP: ParameterLayer {
    /// The MLP's linear layers under the checkpoint's names and layout:
    /// - GPT-2: `c_fc` `[C, F]` + `[F]`, `c_proj` `[F, C]` + `[C]` (Conv1D, `[in, out]`);
    /// - Llama / Qwen2: `gate_proj`, `up_proj` `[F, C]`, `down_proj` `[C, F]` (biases only with `mlp_bias`);
    /// - GPT-NeoX: `dense_h_to_4h` `[F, C]` + `[F]`, `dense_4h_to_h` `[C, F]` + `[C]`.
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<MLP>] {
        let (width, inner) = (c.embeddingWidth, c.mlpWidth)
        func linear(_ name: String, in input: Int, out output: Int, _ role: ParameterRole,
                    _ weight: WritableKeyPath<MLP, Tensor> & Sendable, _ bias: WritableKeyPath<MLP, Tensor> & Sendable) -> [Parameter<MLP>] {
            let shape = c.checkpointFormat == .gpt2 ? [input, output] : [output, input]
            let w = Parameter(name + ".weight", shape: shape, role: role, at: weight)
            return c.mlpBias ? [w, Parameter(name + ".bias", shape: [output], role: .bias, at: bias)] : [w]
        }
        switch c.checkpointFormat {
        case .gpt2:
            return linear("c_fc", in: width, out: inner, .weight, \.fcWeight, \.fcBias)
                + linear("c_proj", in: inner, out: width, .residualProjection, \.projWeight, \.projBias)
        case .llama:
            return linear("gate_proj", in: width, out: inner, .weight, \.gateWeight, \.gateBias)
                + linear("up_proj", in: width, out: inner, .weight, \.fcWeight, \.fcBias)
                + linear("down_proj", in: inner, out: width, .residualProjection, \.projWeight, \.projBias)
        case .gptNeoX:
            return linear("dense_h_to_4h", in: width, out: inner, .weight, \.fcWeight, \.fcBias)
                + linear("dense_4h_to_h", in: inner, out: width, .residualProjection, \.projWeight, \.projBias)
        }
    }
}
