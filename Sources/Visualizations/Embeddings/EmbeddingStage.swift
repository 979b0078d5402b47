/// Which vectors of the embedding step a figure shows.
public enum EmbeddingStage: String, Sendable, CaseIterable {
    /// Token embeddings, `wte[id]` (`hook_embed`).
    case token
    /// Position embeddings, `wpe[pos]` (`hook_pos_embed`).
    case position
    /// Their sum, the input of block 0 (`blocks.0.hook_resid_pre`).
    case sum

    /// Words for titles.
    public var label: String {
        switch self {
        case .token: return "token embeddings (wte)"
        case .position: return "position embeddings (wpe)"
        case .sum: return "token + position embeddings"
        }
    }
}
