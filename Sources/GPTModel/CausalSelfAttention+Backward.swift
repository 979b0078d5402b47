import TensorCore

extension CausalSelfAttention {
    /// Backward of ``callAsFunction(_:layer:cache:hooks:)`` for a whole sequence from position
    /// 0 (no earlier cached keys): `dL/dx` `[T, C]` from the forward input `x`, the recorded
    /// `q`, `k`, `v`, `pattern`, `z` of block `layer` in `activations`, and `dL/dout` `[T, C]`.
    public func backward(_ x: Tensor, activations: ActivationCache, layer: Int, outputGradient dout: Tensor,
                         gradients: inout Gradients) -> Tensor {
        let (t, c) = (x.shape[0], x.shape[1])
        let q = activations.required(.q(layer)), k = activations.required(.k(layer)), v = activations.required(.v(layer))
        let pattern = activations.required(.pattern(layer)), z = activations.required(.z(layer)).reshaped([t, c])

        // out = z @ W_proj + b_proj
        matmul(z, dout, transposeA: true, addingInto: &gradients.projWeight)   // [C, T] @ [T, C] -> [C, C]
        addColumnSums(dout, into: &gradients.projBias)                          // [C]
        var dz = Tensor(shape: [t, c])
        matmul(dout, projWeight, transposeB: true, addingInto: &dz)             // [T, C] @ [C, C] -> [T, C]
        // z = softmax(q kᵀ · scale, causal) v, per head (scale 1/√hs unless the configuration says otherwise)
        let dqkv = causalAttentionBackward(outputGradient: dz, q: q, k: k, v: v, pattern: pattern, scale: scoreScale)  // [T, 3C]

        // qkv = x @ W_attn + b_attn
        matmul(x, dqkv, transposeA: true, addingInto: &gradients.qkvWeight)     // [C, T] @ [T, 3C] -> [C, 3C]
        addColumnSums(dqkv, into: &gradients.qkvBias)                           // [3C]
        var dx = Tensor(shape: [t, c])
        matmul(dqkv, qkvWeight, transposeB: true, addingInto: &dx)              // [T, 3C] @ [3C, C] -> [T, C]
        return dx
    }
}
