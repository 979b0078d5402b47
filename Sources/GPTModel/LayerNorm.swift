import TensorCore

/// The normalization layer of a block or of the model's end (`ln_1`, `ln_2`, `ln_f`;
/// `input_layernorm`, `post_attention_layernorm`, `norm`): LayerNorm with a scale and a shift
/// per channel, or RMSNorm with a scale only.
public struct LayerNorm: Sendable {
    /// Per-channel scale, `[C]`.
    public internal(set) var weight: Tensor
    /// Per-channel shift, `[C]` (LayerNorm only; RMSNorm has none).
    public internal(set) var bias: Tensor
    /// Added to the variance (`layer_norm_epsilon`, `rms_norm_eps`).
    public let epsilon: Float
    /// LayerNorm or RMSNorm.
    public let normalization: GPTConfiguration.Normalization

    /// A LayerNorm from its parameters.
    public init(weight: Tensor, bias: Tensor, epsilon: Float) {
        self.init(weight: weight, bias: bias, epsilon: epsilon, normalization: .layerNorm)
    }

    /// A norm of either kind; an RMSNorm's `bias` is ignored.
    public init(weight: Tensor, bias: Tensor, epsilon: Float, normalization: GPTConfiguration.Normalization) {
        self.weight = weight
        self.bias = bias
        self.epsilon = epsilon
        self.normalization = normalization
    }

    /// LayerNorm `(x - mean) / sqrt(var + eps) * weight + bias`, or RMSNorm
    /// `x / sqrt(mean(x²) + eps) * weight`, over the last dimension: `[T, C] -> [T, C]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch normalization {
        case .layerNorm: layerNorm(x, weight: weight, bias: bias, epsilon: epsilon)
        case .rmsNorm: rmsNorm(x, weight: weight, epsilon: epsilon)
        }
    }
}
