import TensorCore

extension Block {
    /// Backward of ``callAsFunction(_:layer:cache:hooks:)`` for block number `i` of a whole
    /// sequence: `dL/dresid_pre` from `dL/dresid_post` (`[T, C]`) and the forward's recorded hooks.
    public func backward(activations a: ActivationCache, layer i: Int, outputGradient dPost: Tensor,
                         gradients: inout Gradients) -> Tensor {
        let x = a.required(.residPre(i))
        switch placement {
        case .preNorm:
            // post = mid + mlp(ln_2(mid))
            let dNormalized2 = mlp.backward(a.required(.ln2Normalized(i)), pre: a.required(.mlpPre(i)),
                                            post: a.required(.mlpPost(i)), outputGradient: dPost, gradients: &gradients.mlp)
            var dMid = ln2.backward(a.required(.residMid(i)), outputGradient: dNormalized2, gradients: &gradients.ln2)
            addInPlace(&dMid, dPost)                                                           // [T, C]
            // mid = x + attn(ln_1(x))
            let dNormalized1 = attention.backward(a.required(.ln1Normalized(i)), activations: a, layer: i,
                                                  outputGradient: dMid, gradients: &gradients.attention)
            var dx = ln1.backward(x, outputGradient: dNormalized1, gradients: &gradients.ln1)
            addInPlace(&dx, dMid)                                                              // [T, C]
            return dx
        case .postNorm:
            // post = ln_2(mid + mlp(mid))
            let mid = a.required(.residMid(i))
            let sum2 = add(mid, a.required(.mlpOut(i)))                                        // [T, C]
            let dSum2 = ln2.backward(sum2, outputGradient: dPost, gradients: &gradients.ln2)
            var dMid = mlp.backward(mid, pre: a.required(.mlpPre(i)), post: a.required(.mlpPost(i)),
                                    outputGradient: dSum2, gradients: &gradients.mlp)
            addInPlace(&dMid, dSum2)
            // mid = ln_1(x + attn(x))
            let sum1 = add(x, a.required(.attnOut(i)))                                         // [T, C]
            let dSum1 = ln1.backward(sum1, outputGradient: dMid, gradients: &gradients.ln1)
            var dx = attention.backward(x, activations: a, layer: i, outputGradient: dSum1, gradients: &gradients.attention)
            addInPlace(&dx, dSum1)
            return dx
        }
    }
}
