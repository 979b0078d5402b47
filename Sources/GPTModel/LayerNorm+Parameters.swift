import TensorCore

extension LayerNorm: ParameterLayer {
    /// `weight` and `bias`, `[C]` each.
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<LayerNorm>] {
        [
            Parameter("weight", shape: [c.embeddingWidth], role: .normScale, at: \.weight),
            Parameter("bias", shape: [c.embeddingWidth], role: .normShift, at: \.bias),
        ]
    }

    /// A norm whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(weight: .unfilled, bias: .unfilled, epsilon: c.layerNormEpsilon)
    }
}
