import TensorCore

extension Embedding: ParameterLayer {
    /// The token table `[V, C]` and the position table `[P, C]`: `wte` / `wpe` in GPT-2,
    /// `tokens_embed` / `positions_embed` in GPT-1 (the post-norm family).
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<Embedding>] {
        let (tokens, positions) = c.normPlacement == .postNorm ? ("tokens_embed", "positions_embed") : ("wte", "wpe")
        return [
            Parameter(tokens + ".weight", shape: [c.vocabularySize, c.embeddingWidth], role: .embedding, at: \.tokenTable),
            Parameter(positions + ".weight", shape: [c.contextLength, c.embeddingWidth], role: .embedding, at: \.positionTable),
        ]
    }

    /// An embedding whose tables the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(tokenTable: .unfilled, positionTable: .unfilled)
    }
}
