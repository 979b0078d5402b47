/// What a parameter tensor is for: decides how training initializes it and whether AdamW decays it.
public enum ParameterRole: Sendable, Equatable {
    /// A token or position table `[N, C]`.
    case embedding
    /// A linear layer's weight (including an untied output head).
    case weight
    /// A linear layer that writes into the residual stream (`attn.c_proj`, `mlp.c_proj`): GPT-2
    /// scales its initialization by 1/√(2L) because L blocks add into the same stream.
    case residualProjection
    /// A linear layer's bias.
    case bias
    /// A norm's per-channel scale (LayerNorm or RMSNorm weight).
    case normScale
    /// A LayerNorm's per-channel shift (its bias).
    case normShift

    /// Whether AdamW applies weight decay: matrices yes, biases and norms no (as nanoGPT and llm.c do).
    public var decays: Bool {
        switch self {
        case .embedding, .weight, .residualProjection: true
        case .bias, .normScale, .normShift: false
        }
    }
}
