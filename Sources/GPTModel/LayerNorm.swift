import TensorCore

/// LayerNorm with a scale and a shift per channel (`ln_1`, `ln_2`, `ln_f`).
public struct LayerNorm: Sendable {
    /// Per-channel scale, `[C]`.
    public internal(set) var weight: Tensor
    /// Per-channel shift, `[C]`.
    public internal(set) var bias: Tensor
    /// Added to the variance (`layer_norm_epsilon`).
    public let epsilon: Float

    /// A LayerNorm from its parameters.
    public init(weight: Tensor, bias: Tensor, epsilon: Float) {
        self.weight = weight
        self.bias = bias
        self.epsilon = epsilon
    }

    /// `(x - mean) / sqrt(var + eps) * weight + bias` over the last dimension: `[T, C] -> [T, C]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        layerNorm(x, weight: weight, bias: bias, epsilon: epsilon)
    }
}
