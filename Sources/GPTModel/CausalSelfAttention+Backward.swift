import TensorCore

extension CausalSelfAttention {
    /// Parameter gradients of one attention layer, summed over calls.
    public struct Gradients: Sendable {
        /// `[C, 3C]`.
        public var qkvWeight: Tensor
        /// `[3C]`.
        public var qkvBias: Tensor
        /// `[C, C]`.
        public var projWeight: Tensor
        /// `[C]`.
        public var projBias: Tensor

        /// Zero gradients shaped like `attention`'s parameters.
        public init(zeroFor attention: CausalSelfAttention) {
            qkvWeight = Tensor(shape: attention.qkvWeight.shape)
            qkvBias = Tensor(shape: attention.qkvBias.shape)
            projWeight = Tensor(shape: attention.projWeight.shape)
            projBias = Tensor(shape: attention.projBias.shape)
        }

        /// Adds `other` (the same layer's gradients from another worker).
        public mutating func add(_ other: Gradients) {
            addInPlace(&qkvWeight, other.qkvWeight)
            addInPlace(&qkvBias, other.qkvBias)
            addInPlace(&projWeight, other.projWeight)
            addInPlace(&projBias, other.projBias)
        }
    }

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
        // z = softmax(q kᵀ / √hs, causal) v, per head
        let dqkv = causalAttentionBackward(outputGradient: dz, q: q, k: k, v: v, pattern: pattern)  // [T, 3C]

        // qkv = x @ W_attn + b_attn
        matmul(x, dqkv, transposeA: true, addingInto: &gradients.qkvWeight)     // [C, T] @ [T, 3C] -> [C, 3C]
        addColumnSums(dqkv, into: &gradients.qkvBias)                           // [3C]
        var dx = Tensor(shape: [t, c])
        matmul(dqkv, qkvWeight, transposeB: true, addingInto: &dx)              // [T, 3C] @ [3C, C] -> [T, C]
        return dx
    }
}
