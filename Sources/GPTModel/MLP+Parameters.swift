import TensorCore

extension MLP: ParameterLayer {
    /// `c_fc` `[C, F]` + `[F]` and `c_proj` `[F, C]` + `[C]` (Conv1D's `[in, out]` layout).
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<MLP>] {
        let (width, inner) = (c.embeddingWidth, c.mlpWidth)
        return [
            Parameter("c_fc.weight", shape: [width, inner], role: .weight, at: \.fcWeight),
            Parameter("c_fc.bias", shape: [inner], role: .bias, at: \.fcBias),
            Parameter("c_proj.weight", shape: [inner, width], role: .residualProjection, at: \.projWeight),
            Parameter("c_proj.bias", shape: [width], role: .bias, at: \.projBias),
        ]
    }

    /// An MLP whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(fcWeight: .unfilled, fcBias: .unfilled, projWeight: .unfilled, projBias: .unfilled, activation: c.activation)
    }
}
