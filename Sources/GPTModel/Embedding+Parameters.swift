import TensorCore

extension Embedding: ParameterLayer {
    /// The token table `[V, C]` and the position table `[P, C]`: `wte` / `wpe` in GPT-2,
    /// `tokens_embed` / `positions_embed` in GPT-1 (the post-norm family).
    /// Llama files name the token table `model.embed_tokens`, GPT-NeoX files `gpt_neox.embed_in`;
    /// rotary models have no position table.
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<Embedding>] {
        let (tokens, positions) = CheckpointLayout.embeddingNames(c)
        let table = Parameter<Embedding>(tokens + ".weight", shape: [c.vocabularySize, c.embeddingWidth], role: .embedding, at: \.tokenTable)
        guard c.positionEncoding == .learned else { return [table] }
        return [table, Parameter(positions + ".weight", shape: [c.contextLength, c.embeddingWidth], role: .embedding, at: \.positionTable)]
    }

    /// An embedding whose tables the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(tokenTable: .unfilled, positionTable: .unfilled)
    }
}
