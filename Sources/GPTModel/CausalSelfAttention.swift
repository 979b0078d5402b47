import TensorCore

/// Multi-head causal self-attention: each position mixes the values of itself and earlier positions.
///
/// Letters: T new positions in this call, S = past + T key positions, C width, NH heads,
/// hs = C / NH. Weights keep GPT-2's `Conv1D` `[in, out]` layout.
public struct CausalSelfAttention: Sendable {
    /// `c_attn.weight`, `[C, 3C]` (queries, keys, values side by side).
    public internal(set) var qkvWeight: Tensor
    /// `c_attn.bias`, `[3C]`.
    public internal(set) var qkvBias: Tensor
    /// `c_proj.weight`, `[C, C]`.
    public internal(set) var projWeight: Tensor
    /// `c_proj.bias`, `[C]`.
    public internal(set) var projBias: Tensor
    /// Number of heads NH.
    public let headCount: Int

    /// An attention layer from its parameters.
    public init(qkvWeight: Tensor, qkvBias: Tensor, projWeight: Tensor, projBias: Tensor, headCount: Int) {
        self.qkvWeight = qkvWeight
        self.qkvBias = qkvBias
        self.projWeight = projWeight
        self.projBias = projBias
        self.headCount = headCount
    }

    /// `[T, C] -> [T, C]`; appends this call's keys and values to `cache` and attends over all of it.
    public func callAsFunction(_ x: Tensor, layer: Int, cache: inout KVCache.Layer, recorder: inout HookRecorder) -> Tensor {
        let (t, c) = (x.shape[0], x.shape[1])
        let (nh, hs) = (headCount, c / headCount)
        let qkv = linear(x, weight: qkvWeight, bias: qkvBias)    // [T, C] -> [T, 3C]
        let (q, k, v) = split(qkv)                               // 3 × [T, C]
        recorder.record(.q(layer), q.reshaped([t, nh, hs]))
        recorder.record(.k(layer), k.reshaped([t, nh, hs]))
        recorder.record(.v(layer), v.reshaped([t, nh, hs]))
        let past = cache.length
        cache.append(keys: k, values: v)                         // cache: [S, C], S = past + T
        let scores = attentionScores(q, keys: cache.keys, past: past)  // [NH, T, S], future = -inf
        recorder.record(.attnScores(layer), scores)
        let pattern = causalSoftmax(scores, past: past)          // [NH, T, S], future = 0
        recorder.record(.pattern(layer), pattern)
        let z = weightedValues(pattern, values: cache.values, past: past, width: c)  // [NH, T, S] -> [T, C]
        recorder.record(.z(layer), z.reshaped([t, nh, hs]))
        return linear(z, weight: projWeight, bias: projBias)     // [T, C] -> [T, C]
    }

    /// Splits `[T, 3C]` into queries, keys and values, `[T, C]` each.
    func split(_ qkv: Tensor) -> (Tensor, Tensor, Tensor) {
        let t = qkv.shape[0], c = qkv.shape[1] / 3
        func part(_ index: Int) -> Tensor {
            Tensor(shape: [t, c]) { out in
                qkv.withUnsafeBufferPointer { source in
                    for row in 0 ..< t {
                        (out.baseAddress! + row * c).update(from: source.baseAddress! + row * 3 * c + index * c, count: c)
                    }
                }
            }
        }
        return (part(0), part(1), part(2))
    }

    /// Query rows per block in the causal kernels below: small enough that skipping each block's
    /// invisible keys saves most of the masked half, large enough for BLAS to run at full speed.
    static let queryBlock = 64

    /// `q_h · k_hᵀ / √hs` per head with key positions after each query's own masked to `-infinity`.
    ///
    /// `q: [T, C]`, keys `[S, C]` (first S rows of the cache) `-> [NH, T, S]`. Query i sits at
    /// absolute position past + i and sees keys 0 ... past + i, so each block of query rows is
    /// multiplied only with the keys its last row sees; everything right of that is masked anyway.
    func attentionScores(_ q: Tensor, keys: [Float], past: Int) -> Tensor {
        let (t, c) = (q.shape[0], q.shape[1])
        let (nh, hs, s) = (headCount, c / headCount, past + q.shape[0])
        let scale = 1 / Float(hs).squareRoot()
        return Tensor(shape: [nh, t, s]) { out in
            q.withUnsafeBufferPointer { pq in
                keys.withUnsafeBufferPointer { pk in
                    let (q, k, o) = (UnsafeSendable(pq.baseAddress!), UnsafeSendable(pk.baseAddress!), UnsafeSendable(out.baseAddress!))
                    Parallel.forEach(nh) { h in   // heads are independent: one per core at a time
                        for first in stride(from: 0, to: t, by: Self.queryBlock) {
                            let rows = min(Self.queryBlock, t - first), visible = past + first + rows
                            let block = o.value + (h * t + first) * s               // [rows, S] of head h
                            BLAS.gemm(transposeB: true, m: rows, n: visible, k: hs, alpha: scale,
                                      a: q.value + first * c + h * hs, lda: c,
                                      b: k.value + h * hs, ldb: c,
                                      c: block, ldc: s, parallel: false)        // [rows, hs] @ [hs, visible]
                            for i in 0 ..< rows where past + first + i + 1 < s {
                                let seen = past + first + i + 1                  // keys 0 ..< seen are visible
                                (block + i * s + seen).update(repeating: -.infinity, count: s - seen)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Softmax of each score row over the keys its query sees; the masked rest is exactly 0.
    ///
    /// `[NH, T, S] -> [NH, T, S]`. The same numbers as a softmax over the whole row (`exp(-inf)`
    /// is 0), without exponentiating the masked half.
    func causalSoftmax(_ scores: Tensor, past: Int) -> Tensor {
        let (t, s) = (scores.shape[1], scores.shape[2])
        let rows = scores.shape[0] * t
        return Tensor(shape: scores.shape) { out in
            scores.withUnsafeBufferPointer { ps in
                let (src, dst) = (UnsafeSendable(ps.baseAddress!), UnsafeSendable(out.baseAddress!))
                Parallel.forEachRange(rows, costPerItem: 4 * s) { range in
                    for r in range {
                        let seen = past + r % t + 1                              // query i = r mod T
                        softmaxRow(src.value + r * s, dst.value + r * s, seen)
                        (dst.value + r * s + seen).update(repeating: 0, count: s - seen)
                    }
                }
            }
        }
    }

    /// `pattern_h @ v_h` per head, heads side by side: `[NH, T, S]`, values `[S, C]` `-> [T, C]`.
    ///
    /// Each block of query rows only multiplies the value rows its last query sees: the pattern
    /// is 0 beyond them.
    func weightedValues(_ pattern: Tensor, values: [Float], past: Int, width c: Int) -> Tensor {
        let (nh, t, s) = (pattern.shape[0], pattern.shape[1], pattern.shape[2])
        let hs = c / nh
        return Tensor(shape: [t, c]) { out in
            pattern.withUnsafeBufferPointer { pp in
                values.withUnsafeBufferPointer { pv in
                    let (p, v, o) = (UnsafeSendable(pp.baseAddress!), UnsafeSendable(pv.baseAddress!), UnsafeSendable(out.baseAddress!))
                    Parallel.forEach(nh) { h in
                        for first in stride(from: 0, to: t, by: Self.queryBlock) {
                            let rows = min(Self.queryBlock, t - first), visible = past + first + rows
                            BLAS.gemm(m: rows, n: hs, k: visible,
                                      a: p.value + (h * t + first) * s, lda: s,
                                      b: v.value + h * hs, ldb: c,
                                      c: o.value + first * c + h * hs, ldc: c, parallel: false)  // [rows, visible] @ [visible, hs]
                        }
                    }
                }
            }
        }
    }
}
