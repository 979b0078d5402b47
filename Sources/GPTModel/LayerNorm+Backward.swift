import TensorCore

extension LayerNorm {
    /// `dL/dweight` and `dL/dbias` of one LayerNorm, summed over every call's rows.
    public struct Gradients: Sendable {
        /// `[C]`.
        public var weight: Tensor
        /// `[C]`.
        public var bias: Tensor

        /// Zero gradients shaped like `norm`'s parameters.
        public init(zeroFor norm: LayerNorm) {
            weight = Tensor(shape: norm.weight.shape)
            bias = Tensor(shape: norm.bias.shape)
        }

        /// Adds `other` (the same layer's gradients from another worker).
        public mutating func add(_ other: Gradients) {
            addInPlace(&weight, other.weight)
            addInPlace(&bias, other.bias)
        }
    }

    /// Backward of ``callAsFunction(_:)``: `dL/dx` for the forward input `x` and `dL/dy`
    /// (`[T, C]` each), adding the parameter gradients into `gradients`.
    public func backward(_ x: Tensor, outputGradient: Tensor, gradients: inout Gradients) -> Tensor {
        layerNormBackward(x, weight: weight, epsilon: epsilon, outputGradient: outputGradient,
                          weightGradient: &gradients.weight, biasGradient: &gradients.bias)
    }
}
