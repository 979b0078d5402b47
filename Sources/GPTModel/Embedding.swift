import TensorCore

/// Token and learned position embeddings: `x = wte[tokens] + wpe[positions]`; for rotary
/// models (no position table) just `x = embed_tokens[tokens]`.
public struct Embedding: Sendable {
    /// Token embedding table, `[V, C]` (`wte`, GPT-1: `tokens_embed`).
    public internal(set) var tokenTable: Tensor
    /// Position embedding table, `[P, C]` (`wpe`, GPT-1: `positions_embed`); unfilled (rank 1,
    /// no elements) in a rotary model, whose positions enter in attention instead.
    public internal(set) var positionTable: Tensor

    /// Whether positions are added here (a learned table), rather than rotated into q and k.
    public var hasPositionTable: Bool { positionTable.rank == 2 }

    /// An embedding from its two tables.
    public init(tokenTable: Tensor, positionTable: Tensor) {
        self.tokenTable = tokenTable
        self.positionTable = positionTable
    }

    /// Rows `tokens` of `wte` plus rows `start ..< start + T` of `wpe`, through `hook_embed` and
    /// `hook_pos_embed`. Ids and positions must be in range (the caller validates them).
    public func callAsFunction(_ tokens: [Int], startPosition: Int, hooks: inout HookPoints) -> Tensor {
        let tokenEmbedding = hooks(.embed, gatherRows(tokenTable, tokens))                                    // [T, C]
        guard hasPositionTable else { return tokenEmbedding }
        let positionEmbedding = hooks(.posEmbed, positionTable.rows(startPosition ..< startPosition + tokens.count))  // [T, C]
        return tokenEmbedding + positionEmbedding                                                              // [T, C]
    }
}
