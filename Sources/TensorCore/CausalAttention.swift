import Foundation

// Causal multi-head attention, forward and backward, with the heads side by side in the channel
// dimension (GPT-2's layout): head h of a `[T, C]` matrix is columns h·hs ..< (h+1)·hs, so each
// head is a strided sub-matrix that BLAS multiplies in place, with no transposes or copies.
//
// Letters: T queries (the positions processed in this call), S = past + T keys (the cached ones
// first), NH heads, hs = C / NH.

/// Query rows per block in the causal kernels: small enough that skipping each block's invisible
/// keys saves most of the masked half, large enough for BLAS to run at full speed.
public let attentionQueryBlock = 64

/// `q_h · k_hᵀ / √hs` per head with key positions after each query's own masked to `-infinity`,
/// the lower triangle only (see ``CausalScores``).
///
/// `q: [T, NH, hs]` (or `[T, C]`), `keys: [S, KV·hs]` row-major `-> [NH, T, S]`. Query i sits at
/// absolute position past + i and sees keys 0 ... past + i, so each tile of query rows is
/// multiplied only with the keys its last row sees, straight into its packed tile: the masked
/// upper triangle is neither computed nor stored.
///
/// With grouped-query attention (`keyValueHeads` KV < NH) query head h reads key head
/// h / (NH / KV); by default every query head has its own. `scale` replaces 1/√hs (GPT-2's
/// `scale_attn_weights` and `scale_attn_by_inverse_layer_idx`).
public func causalAttentionScores(_ q: Tensor, keys: [Float], heads nh: Int, keyValueHeads: Int? = nil, past: Int,
                                  scale: Float? = nil) -> CausalScores {
    let t = q.shape[0], c = t == 0 ? 0 : q.count / t
    let (hs, s) = (c / nh, past + t)
    let kvh = keyValueHeads ?? nh, ck = kvh * hs, group = nh / kvh
    precondition(keys.count >= s * ck, "causalAttentionScores: \(keys.count / max(ck, 1)) key rows for \(s) positions")
    let scale = scale ?? 1 / Float(hs).squareRoot()
    let tiles = CausalScores.tiles(queries: t, past: past), stride = CausalScores.headCount(queries: t, past: past)
    return CausalScores(heads: nh, queries: t, past: past, fill: -.infinity) { out in
        q.withUnsafeBufferPointer { pq in
            keys.withUnsafeBufferPointer { pk in
                guard t > 0 else { return }
                let (q, k, o) = (UnsafeSendable(pq.baseAddress!), UnsafeSendable(pk.baseAddress!), UnsafeSendable(out.baseAddress!))
                Parallel.forEach(nh) { h in   // heads are independent: one per core at a time
                    for tile in tiles {
                        let block = o.value + h * stride + tile.offset                   // [rows, visible] of head h
                        BLAS.gemm(transposeB: true, m: tile.rows, n: tile.visible, k: hs, alpha: scale,
                                  a: q.value + tile.first * c + h * hs, lda: c,
                                  b: k.value + (h / group) * hs, ldb: ck,
                                  c: block, ldc: tile.visible, parallel: false)   // [rows, hs] @ [hs, visible]
                        for i in 0 ..< tile.rows {
                            let seen = past + tile.first + i + 1                         // keys 0 ..< seen are visible
                            (block + i * tile.visible + seen).update(repeating: -.infinity, count: tile.visible - seen)
                        }
                    }
                }
            }
        }
    }
}

/// Softmax of each score row over the keys its query sees; the masked rest is exactly 0.
///
/// `[NH, T, S] -> [NH, T, S]`, in place: the scores' storage becomes the pattern's unless a
/// recording still holds the scores (then it is copied first). The same numbers as a softmax
/// over the whole row (`exp(-inf)` is 0), without exponentiating the masked half.
public func causalSoftmax(_ scores: consuming CausalScores) -> CausalScores {
    var pattern = scores
    let (t, past, stride) = (pattern.queries, pattern.past, pattern.headStride)
    let tiles = CausalScores.tiles(queries: t, past: past)
    // Every row is (head, query): its start in the tiles and how many keys it sees.
    let rows = pattern.heads * t
    pattern.update(fill: 0) { buffer in
        guard rows > 0 else { return }
        let base = UnsafeSendable(buffer.baseAddress!)
        Parallel.forEachRange(rows, costPerItem: 4 * (past + t)) { range in
            for r in range {
                let (h, i) = (r / t, r % t)
                let tile = tiles[i / attentionQueryBlock], row = i - tile.first
                let start = base.value + h * stride + tile.offset + row * tile.visible
                let seen = past + i + 1
                softmaxRow(start, start, seen)
                (start + seen).update(repeating: 0, count: tile.visible - seen)
            }
        }
    }
    return pattern
}

/// `pattern_h @ v_h` per head, heads side by side: `[NH, T, S]`, values `[S, KV·hs]` `-> [T, NH, hs]`,
/// where `width` is NH·hs.
///
/// Each tile of query rows multiplies only the value rows its last query sees, reading the
/// packed tile in place. With `keyValueHeads` KV < NH, head h reads value head h / (NH / KV).
public func causalWeightedSum(_ pattern: CausalScores, values: [Float], width c: Int, keyValueHeads: Int? = nil) -> Tensor {
    let (nh, t, s, past) = (pattern.heads, pattern.queries, pattern.keys, pattern.past)
    let hs = c / nh
    let kvh = keyValueHeads ?? nh, cv = kvh * hs, group = nh / kvh
    precondition(values.count >= s * cv, "causalWeightedSum: \(values.count / max(cv, 1)) value rows for \(s) positions")
    let tiles = CausalScores.tiles(queries: t, past: past), stride = pattern.headStride
    return Tensor(shape: [t, nh, hs]) { out in
        pattern.withUnsafeBufferPointer { pp in
            values.withUnsafeBufferPointer { pv in
                guard t > 0 else { return }
                let (p, v, o) = (UnsafeSendable(pp.baseAddress!), UnsafeSendable(pv.baseAddress!), UnsafeSendable(out.baseAddress!))
                Parallel.forEach(nh) { h in
                    for tile in tiles {
                        BLAS.gemm(m: tile.rows, n: hs, k: tile.visible,
                                  a: p.value + h * stride + tile.offset, lda: tile.visible,
                                  b: v.value + (h / group) * hs, ldb: cv,
                                  c: o.value + tile.first * c + h * hs, ldc: c, parallel: false)  // [rows, visible] @ [visible, hs]
                    }
                }
            }
        }
    }
}

/// Backward of the three kernels above for a whole sequence from position 0 (S = T), one
/// sequence per core (single-threaded): `dL/dq`, `dL/dk`, `dL/dv` side by side, `[T, 3C]`, in
/// `c_attn`'s output layout.
///
/// `outputGradient` is `dL/dz` and `q`, `k`, `v` are `[T, NH, hs]` (or `[T, C]`); `pattern` is
/// the forward's `[NH, T, T]` softmax output; `scale` is the forward's (nil: 1/√hs).
public func causalAttentionBackward(outputGradient dz: Tensor, q: Tensor, k: Tensor, v: Tensor, pattern: Tensor,
                                    scale: Float? = nil) -> Tensor {
    let nh = pattern.shape[0], t = q.shape[0], c = t == 0 ? 0 : q.count / t
    let hs = c / nh
    precondition(pattern.shape == [nh, t, t], "attention backward needs a full sequence from position 0, pattern is \(pattern.shape)")
    precondition(dz.count == t * c && k.count == t * c && v.count == t * c, "causalAttentionBackward: dz \(dz.shape), q \(q.shape), k \(k.shape), v \(v.shape)")
    let scale = scale ?? 1 / Float(hs).squareRoot()
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
    return dqkv
}
