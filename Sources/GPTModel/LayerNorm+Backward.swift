import TensorCore

extension LayerNorm {
    /// Backward of ``callAsFunction(_:)``: `dL/dx` for the forward input `x` and `dL/dy`
    /// (`[T, C]` each), adding the parameter gradients into `gradients`.
    public func backward(_ x: Tensor, outputGradient: Tensor, gradients: inout Gradients) -> Tensor {
        layerNormBackward(x, weight: weight, epsilon: epsilon, outputGradient: outputGradient,
                          weightGradient: &gradients.weight, biasGradient: &gradients.bias)
    }
}
