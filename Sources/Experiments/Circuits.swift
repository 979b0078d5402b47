import GPTModel
import TensorCore

/// The QK and OV circuits of attention heads, from the weights alone (Elhage et al. 2021).
///
/// With the layer's first norm's scale γ folded into the head's input weights (as TransformerLens's
/// `fold_ln` does; the centring and the 1/σ are left out, as there), head h of layer l maps a
/// token's embedding through
/// - OV: W_E · diag(γ₁) · W_V · W_O · diag(γ_f) · W_Uᵀ, `[V, V]`: what attending to a token
///   makes the head write about the next token;
/// - QK: (LN₁(W_E) · W_Q) · (LN₁(W_E) · W_K)ᵀ times the block's score scale (1/√hs unless the
///   file says otherwise): how much a query token wants a key token
///   (see ``qk(layer:head:rows:table:)`` for why the norm is applied in full there).
/// Biases and the other layers are ignored: the circuits describe the head's direct path from
/// the token embedding, which is what makes copying and induction heads visible without a prompt.
/// Rotary models (Llama, Qwen2, GPT-NeoX) turn q and k by position, so their QK circuit here is the
/// one between two tokens at the same position (rotation left out); the OV circuit has no rotation.
public struct Circuits: Sendable {
    /// The model.
    public let model: GPT

    /// Circuits of `model` (any family: each head's weights are read through
    /// ``CausalSelfAttention/inputWeight(_:head:)`` and ``CausalSelfAttention/outputWeight(head:)``).
    public init(model: GPT) throws(ExperimentError) {
        self.model = model
    }

    /// γ of block `layer`'s first norm (ones for a model whose first norm is not before attention).
    func inputScale(_ layer: Int) -> [Double] {
        model.configuration.normPlacement == .preNorm
            ? model.blocks[layer].ln1.weight.scalars.map(Double.init)
            : [Double](repeating: 1, count: model.configuration.embeddingWidth)
    }

    /// Query head `head`'s `[C, hs]` query, key or value weights in block `layer`, γ₁ folded in unless
    /// `folded` is false (under grouped-query attention, keys and values of the kv head it reads).
    func inputWeights(_ layer: Int, head: Int, _ projection: CausalSelfAttention.Projection, folded: Bool = true) -> Tensor {
        let w = model.blocks[layer].attention.inputWeight(projection, head: head)        // [C, hs]
        guard folded else { return w }
        let gamma = inputScale(layer), hs = w.shape[1]
        return w.withUnsafeBufferPointer { src in
            Tensor(shape: w.shape) { out in
                for i in 0 ..< w.shape[0] { for j in 0 ..< hs { out[i * hs + j] = Float(gamma[i] * Double(src[i * hs + j])) } }
            }
        }
    }

    /// The unembedding `[V, C]` with the final norm's γ folded in.
    func unembedding() -> Tensor {
        guard let norm = model.finalNorm else { return model.outputHead }
        let gamma = norm.weight.scalars, head = model.outputHead, c = model.configuration.embeddingWidth
        return Tensor(shape: head.shape) { out in
            head.withUnsafeBufferPointer { src in
                for i in 0 ..< head.shape[0] { for j in 0 ..< c { out[i * c + j] = src[i * c + j] * gamma[j] } }
            }
        }
    }

    /// TransformerLens's copying score of head l.h: Σλ / Σ|λ| over the eigenvalues λ of the full
    /// OV circuit (real part). 1: every direction is copied (a token raises its own logit), −1:
    /// every direction suppressed.
    ///
    /// The `[V, V]` circuit (W_E W_V)(W_O W_U) has rank ≤ hs, and its nonzero eigenvalues are those of
    /// the `[hs, hs]` product (W_O W_U)(W_E W_V), so the whole vocabulary is used, never a subset.
    public func copyingScore(layer: Int, head: Int, unembedding: Tensor? = nil) -> Double {
        let hs = model.configuration.headWidth
        let wv = inputWeights(layer, head: head, .value)                                // [C, hs]
        let wo = model.blocks[layer].attention.outputWeight(head: head)                  // [hs, C]
        let a = matmul(model.embedding.tokenTable, wv)                                   // [V, C] @ [C, hs] -> [V, hs]
        let b = matmul(wo, unembedding ?? self.unembedding(), transposeB: true)          // [hs, C] @ [C, V] -> [hs, V]
        let small = matmul(b, a).scalars.map(Double.init)                                 // [hs, V] @ [V, hs] -> [hs, hs]
        guard let values = eigenvalues(small, n: hs) else { return 0 }
        let total = values.reduce(0.0) { $0 + $1.re }
        let magnitude = values.reduce(0.0) { $0 + ($1.re * $1.re + $1.im * $1.im).squareRoot() }
        return magnitude > 0 ? total / magnitude : 0
    }

    /// `[layer][head]` copying scores of every head.
    public func copyingScores() -> [[Double]] {
        let unembedding = self.unembedding()
        return (0 ..< model.configuration.layerCount).map { l in
            (0 ..< model.configuration.headCount).map { copyingScore(layer: l, head: $0, unembedding: unembedding) }
        }
    }

    /// The QK circuit of head l.h between `rows` of `table` (token ids of `wte`, or positions of
    /// `wpe`): `[n, n]` attention scores, query × key, row-major.
    ///
    /// Each row goes through the block's first norm in full first (pre-norm models), as if it were
    /// the whole residual stream: raw embeddings are far smaller than the normalised vectors a head
    /// reads, and their scores would all look like 0. Attention biases are left out.
    public func qk(layer: Int, head: Int, rows: [Int], table: Tensor) throws(ExperimentError) -> [Double] {
        guard !rows.isEmpty else { throw .invalidTokenSubset("give at least one token or position") }
        for r in rows where r < 0 || r >= table.shape[0] {
            throw .invalidTokenSubset("\(r) is outside 0..<\(table.shape[0])")
        }
        let preNorm = model.configuration.normPlacement == .preNorm
        let raw = gatherRows(table, rows)                                                 // [n, C]
        let x = preNorm ? model.blocks[layer].ln1(raw) : raw                              // [n, C]
        let wq = inputWeights(layer, head: head, .query, folded: false)                  // [C, hs]
        let wk = inputWeights(layer, head: head, .key, folded: false)                    // [C, hs]
        let scores = matmul(matmul(x, wq), matmul(x, wk), transposeB: true)               // [n, hs] @ [hs, n] -> [n, n]
        let scale = Double(model.configuration.attentionScoreScale(layer: layer))
        return scores.scalars.map { Double($0) * scale }
    }
}
