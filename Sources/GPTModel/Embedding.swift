import TensorCore

/// Token and learned position embeddings: `x = wte[tokens] + wpe[positions]`.
public struct Embedding: Sendable {
    /// Token embedding table, `[V, C]` (`wte`, GPT-1: `tokens_embed`).
    public internal(set) var tokenTable: Tensor
    /// Position embedding table, `[P, C]` (`wpe`, GPT-1: `positions_embed`).
    public internal(set) var positionTable: Tensor

    /// An embedding from its two tables.
    public init(tokenTable: Tensor, positionTable: Tensor) {
        self.tokenTable = tokenTable
        self.positionTable = positionTable
    }

    /// Rows `tokens` of `wte` plus rows `start ..< start + T` of `wpe`. Ids and positions must be
    /// in range (the caller validates them).
    public func callAsFunction(_ tokens: [Int], startPosition: Int, recorder: inout HookRecorder) -> Tensor {
        let width = tokenTable.shape[1]
        let tokenEmbedding = gatherRows(tokenTable, tokens)                                  // [T, C]
        let positionEmbedding = positionTable.rows(startPosition ..< startPosition + tokens.count)  // [T, C]
        recorder.record(.embed, tokenEmbedding)
        recorder.record(.posEmbed, positionEmbedding)
        precondition(tokenEmbedding.shape == [tokens.count, width])
        return add(tokenEmbedding, positionEmbedding)                                        // [T, C]
    }

    /// `table[ids]`: `[N, C]`, `[T]` -> `[T, C]`.
    func gatherRows(_ table: Tensor, _ ids: [Int]) -> Tensor {
        let width = table.shape[1]
        return Tensor(shape: [ids.count, width]) { out in
            table.withUnsafeBufferPointer { source in
                for (row, id) in ids.enumerated() {
                    (out.baseAddress! + row * width).update(from: source.baseAddress! + id * width, count: width)
                }
            }
        }
    }
}
