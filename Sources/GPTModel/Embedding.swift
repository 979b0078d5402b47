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

    /// Rows `tokens` of `wte` plus rows `start ..< start + T` of `wpe`, through `hook_embed` and
    /// `hook_pos_embed`. Ids and positions must be in range (the caller validates them).
    public func callAsFunction(_ tokens: [Int], startPosition: Int, hooks: inout HookPoints) -> Tensor {
        let tokenEmbedding = hooks(.embed, gatherRows(tokenTable, tokens))                                    // [T, C]
        let positionEmbedding = hooks(.posEmbed, positionTable.rows(startPosition ..< startPosition + tokens.count))  // [T, C]
        return tokenEmbedding + positionEmbedding                                                              // [T, C]
    }
}
