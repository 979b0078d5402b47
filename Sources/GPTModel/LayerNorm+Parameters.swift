import TensorCore

extension LayerNorm: ParameterLayer {
    /// `weight` `[C]`, and `bias` `[C]` for a LayerNorm (an RMSNorm has only the scale).
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<LayerNorm>] {
        let scale = Parameter<LayerNorm>("weight", shape: [c.embeddingWidth], role: .normScale, at: \.weight)
        guard c.normalization == .layerNorm else { return [scale] }
        return [scale, Parameter("bias", shape: [c.embeddingWidth], role: .normShift, at: \.bias)]
    }

    /// A norm whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(weight: .unfilled, bias: .unfilled, epsilon: c.layerNormEpsilon, normalization: c.normalization)
    }
}
