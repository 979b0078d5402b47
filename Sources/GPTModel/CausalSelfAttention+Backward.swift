import TensorCore

extension CausalSelfAttention {
    /// Backward of ``callAsFunction(_:layer:cache:recorder:)`` for a whole sequence from position
    /// 0 (no earlier cached keys): `dL/dx` `[T, C]` from the forward input `x`, the recorded
    /// `q`, `k`, `v`, `pattern`, `z` of block `layer` in `activations`, and `dL/dout` `[T, C]`.
    public func backward(_ x: Tensor, activations: ActivationCache, layer: Int, outputGradient dout: Tensor,
                         gradients: inout Gradients) -> Tensor {
        let (t, c) = (x.shape[0], x.shape[1])
        let (nh, hs) = (headCount, c / headCount)
        let q = activations.required(.q(layer)), k = activations.required(.k(layer)), v = activations.required(.v(layer))
        let pattern = activations.required(.pattern(layer)), z = activations.required(.z(layer)).reshaped([t, c])
        precondition(pattern.shape == [nh, t, t], "attention backward needs a full sequence from position 0, pattern is \(pattern.shape)")
        let scale = 1 / Float(hs).squareRoot()

        // out = z @ W_proj + b_proj
        matmul(z, dout, transposeA: true, addingInto: &gradients.projWeight)   // [C, T] @ [T, C] -> [C, C]
        addColumnSums(dout, into: &gradients.projBias)                          // [C]
        var dz = Tensor(shape: [t, c])
        matmul(dout, projWeight, transposeB: true, addingInto: &dz)             // [T, C] @ [C, C] -> [T, C]

        var dqkv = Tensor(shape: [t, 3 * c])                                    // dq | dk | dv side by side
        var scratch = [Float](repeating: 0, count: t * t)                       // dL/dpattern, then dL/dscores
        dz.withUnsafeBufferPointer { pdz in
        q.withUnsafeBufferPointer { pq in
        k.withUnsafeBufferPointer { pk in
        v.withUnsafeBufferPointer { pv in
        pattern.withUnsafeBufferPointer { pp in
        dqkv.withUnsafeMutableBufferPointer { pd in
        scratch.withUnsafeMutableBufferPointer { ps in
            let (dz, q, k, v, d, ds) = (pdz.baseAddress!, pq.baseAddress!, pk.baseAddress!, pv.baseAddress!,
                                        pd.baseAddress!, ps.baseAddress!)
            for h in 0 ..< nh {
                let p = pp.baseAddress! + h * t * t                             // pattern_h [T, T]
                // z_h = pattern_h @ v_h
                BLAS.gemm(transposeB: true, m: t, n: t, k: hs, a: dz + h * hs, lda: c, b: v + h * hs, ldb: c,
                          c: ds, ldc: t, parallel: false)                       // dpattern_h = dz_h @ v_hᵀ  [T, T]
                BLAS.gemm(transposeA: true, m: t, n: hs, k: t, a: p, lda: t, b: dz + h * hs, ldb: c,
                          c: d + 2 * c + h * hs, ldc: 3 * c, parallel: false)  // dv_h = pattern_hᵀ @ dz_h  [T, hs]
                // pattern_h = softmax(scores_h); row i sees keys 0...i only, the rest stay 0.
                for i in 0 ..< t {
                    let row = i * t
                    softmaxBackwardRow(probabilities: p + row, outputGradient: ds + row, inputGradient: ds + row, count: i + 1)
                    (ds + row + i + 1).update(repeating: 0, count: t - i - 1)
                }
                // scores_h = q_h @ k_hᵀ · scale
                BLAS.gemm(m: t, n: hs, k: t, alpha: scale, a: ds, lda: t, b: k + h * hs, ldb: c,
                          c: d + h * hs, ldc: 3 * c, parallel: false)          // dq_h = dscores_h @ k_h · scale
                BLAS.gemm(transposeA: true, m: t, n: hs, k: t, alpha: scale, a: ds, lda: t, b: q + h * hs, ldb: c,
                          c: d + c + h * hs, ldc: 3 * c, parallel: false)      // dk_h = dscores_hᵀ @ q_h · scale
            }
        }}}}}}}

        // qkv = x @ W_attn + b_attn
        matmul(x, dqkv, transposeA: true, addingInto: &gradients.qkvWeight)     // [C, T] @ [T, 3C] -> [C, 3C]
        addColumnSums(dqkv, into: &gradients.qkvBias)                           // [3C]
        var dx = Tensor(shape: [t, c])
        matmul(dqkv, qkvWeight, transposeB: true, addingInto: &dx)              // [T, 3C] @ [3C, C] -> [T, C]
        return dx
    }
}
