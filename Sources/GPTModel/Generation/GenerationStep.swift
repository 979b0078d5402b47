import TensorCore

/// One generated token: what was chosen, how likely it was, what else was likely.
public struct GenerationStep: Sendable {
    /// Position of the new token in the full sequence.
    public var position: Int
    /// The chosen token.
    public var chosen: TokenProbability
    /// The most probable other tokens, most probable first.
    public var alternatives: [TokenProbability]
    /// With recording on: per layer, the attention of the position that made this prediction
    /// (the last token fed in) over every earlier position, `[NH, S]`.
    public var attention: [Tensor]?
}
