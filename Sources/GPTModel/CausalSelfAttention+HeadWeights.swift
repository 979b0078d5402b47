import TensorCore

extension CausalSelfAttention {
    /// Which of a head's input projections: query, key or value.
    public enum Projection: Int, Sendable, CaseIterable {
        case query, key, value
    }

    /// Width C of the residual stream this layer reads and writes.
    var residualWidth: Int { format == .gpt2 ? projWeight.shape[1] : projWeight.shape[0] }

    /// Head width hs (A / NH, where A is the output projection's input width).
    var headSize: Int { (format == .gpt2 ? projWeight.shape[0] : projWeight.shape[1]) / headCount }

    /// Query head `head`'s rows of the output projection W_O, `[hs, C]`: z_h @ W_O[h] is what the
    /// head writes into the residual stream (bias excluded), whatever the checkpoint's layout.
    ///
    /// Why an accessor: GPT-2 stores W_O as Conv1D `[A, C]` (head h's rows h·hs ..< (h+1)·hs),
    /// Llama, Qwen2 and GPT-NeoX as `nn.Linear` `[C, A]` (head h's columns), and experiments that
    /// read weights per head should not have to know which.
    public func outputWeight(head: Int) -> Tensor {
        precondition(head >= 0 && head < headCount, "head \(head) outside 0..<\(headCount)")
        let (c, hs) = (residualWidth, headSize)
        if format == .gpt2 { return projWeight.rows(head * hs ..< (head + 1) * hs) }       // [A, C] -> [hs, C]
        return projWeight.columns(head * hs ..< (head + 1) * hs).transposed(rows: c, columns: hs)  // [C, A] -> [C, hs] -> [hs, C]
    }

    /// The output projection's bias `[C]`, or nil when it has none (Llama, Qwen2).
    public var outputBias: Tensor? { hasOutputBias ? projBias : nil }

    /// Query head `head`'s `[C, hs]` input weights for `projection` (x @ W gives its q, k or v
    /// before bias and rotation). Keys and values come from the kv head the query head reads,
    /// h / (NH / KV) under grouped-query attention.
    public func inputWeight(_ projection: Projection, head: Int) -> Tensor {
        precondition(head >= 0 && head < headCount, "head \(head) outside 0..<\(headCount)")
        let (c, hs, a) = (residualWidth, headSize, headSize * headCount)
        let source = projection == .query ? head : head / (headCount / keyValueHeadCount)
        switch format {
        case .gpt2:
            let start = projection.rawValue * a + source * hs                              // [C, 3A]: q | k | v side by side
            return qkvWeight.columns(start ..< start + hs)                                 // [C, 3A] -> [C, hs]
        case .llama:
            let weight = [queryWeight, keyWeight, valueWeight][projection.rawValue]        // [NH·hs or KV·hs, C]
            return weight.rows(source * hs ..< (source + 1) * hs).transposed(rows: hs, columns: c)  // [hs, C] -> [C, hs]
        case .gptNeoX:
            let start = (source * 3 + projection.rawValue) * hs                            // [NH, 3, hs] rows
            return qkvWeight.rows(start ..< start + hs).transposed(rows: hs, columns: c)   // [hs, C] -> [C, hs]
        }
    }
}

extension Tensor {
    /// The transpose of a `[rows, columns]` matrix: `-> [columns, rows]`.
    func transposed(rows: Int, columns: Int) -> Tensor {
        withUnsafeBufferPointer { src in
            Tensor(shape: [columns, rows]) { out in
                for i in 0 ..< rows { for j in 0 ..< columns { out[j * rows + i] = src[i * columns + j] } }
            }
        }
    }
}
