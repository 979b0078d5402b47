import TensorCore

extension MLP {
    /// Backward of ``callAsFunction(_:layer:hooks:)``: `dL/dx` from the forward input `x`
    /// `[T, C]`, the recorded `pre`/`post` activations `[T, F]` and `dL/dout` `[T, C]`.
    public func backward(_ x: Tensor, pre: Tensor, post: Tensor, outputGradient dout: Tensor, gradients: inout Gradients) -> Tensor {
        // out = post @ W_proj + b_proj
        matmul(post, dout, transposeA: true, addingInto: &gradients.projWeight)   // [F, T] @ [T, C] -> [F, C]
        addColumnSums(dout, into: &gradients.projBias)                             // [C]
        var dPost = Tensor(shape: post.shape)
        matmul(dout, projWeight, transposeB: true, addingInto: &dPost)             // [T, C] @ [C, F] -> [T, F]
        let dPre = activationBackward(pre, outputGradient: dPost)                  // [T, F]
        // pre = x @ W_fc + b_fc
        matmul(x, dPre, transposeA: true, addingInto: &gradients.fcWeight)         // [C, T] @ [T, F] -> [C, F]
        addColumnSums(dPre, into: &gradients.fcBias)                               // [F]
        var dx = Tensor(shape: x.shape)
        matmul(dPre, fcWeight, transposeB: true, addingInto: &dx)                  // [T, F] @ [F, C] -> [T, C]
        return dx
    }

    /// `dL/dpre` from `dL/dpost` through the configured nonlinearity.
    public func activationBackward(_ pre: Tensor, outputGradient: Tensor) -> Tensor {
        switch activation {
        case .geluNew: return geluNewBackward(pre, outputGradient: outputGradient)
        case .gelu: return geluBackward(pre, outputGradient: outputGradient)
        case .relu: return reluBackward(pre, outputGradient: outputGradient)
        case .silu: return siluBackward(pre, outputGradient: outputGradient)
        }
    }
}
