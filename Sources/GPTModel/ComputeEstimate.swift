/// Forward FLOPs per token and training compute, estimated from a parameter breakdown.
///
/// Forward pass (Kaplan et al. 2020, Table 1): C_forward ≈ 2·N + 2·n_layer·n_ctx·d_attn, where N
/// is the non-embedding parameter count (each weight is one multiply and one add per token) and
/// the second term is the attention scores, which grow with the context. The embedding lookups
/// and the output projection to logits (2·d·V) are not included, as in Kaplan et al.
/// Training: C ≈ 6·P·D for P parameters in all and D tokens (forward 2, backward 4 FLOPs per
/// parameter per token), the convention behind GPT-3's 3.14e23 FLOPs for 175B parameters and 300B
/// tokens. P is not the forward formula's N: one symbol stands for one quantity.
///
/// FLOP counts are `Double`: they are only reported, and `2·n_layer·n_ctx·d` overflows `Int`
/// for a context such as `--context 9223372036854775807`, where a double is merely large.
public struct ComputeEstimate: Sendable, Equatable {
    /// The Kaplan forward formula, for printing.
    public static let forwardFormula = "2·N + 2·n_layer·n_ctx·d_attn"
    /// The training formula, for printing.
    public static let trainingFormula = "6·P·D"
    /// What the training formula's symbols stand for, for printing beside it.
    public static let trainingSymbols = "P = all parameters, D = training tokens"

    /// The context length the attention term assumes.
    public var contextLength: Int
    /// Whether ``contextLength`` is an assumption rather than the model's own context: true for a
    /// model with no fixed context (the original Transformer) unless a length was given.
    public var contextIsAssumed: Bool
    /// Attention sublayers per token's path: decoder layers, plus encoder and cross-attention layers.
    public var attentionLayers: Int
    /// d_attn = n_head · d_head.
    public var attentionWidth: Int
    /// N in the forward formula: the non-embedding parameters.
    public var nonEmbeddingParameters: Int
    /// 2·N: the weight multiplies and adds.
    public var weightFLOPsPerToken: Double { 2 * Double(nonEmbeddingParameters) }
    /// 2·n_layer·n_ctx·d_attn: attention scores against the whole context.
    public var attentionFLOPsPerToken: Double { 2 * Double(attentionLayers) * Double(contextLength) * Double(attentionWidth) }
    /// The forward FLOPs per token, 2·N + 2·n_layer·n_ctx·d_attn.
    public var forwardFLOPsPerToken: Double { weightFLOPsPerToken + attentionFLOPsPerToken }
    /// The output projection to logits, 2·d·V, which the formula leaves out.
    public var logitsFLOPsPerToken: Double
    /// All parameters, the P of the training formula.
    public var totalParameters: Int
    /// D, the number of training tokens, if one was given.
    public var trainingTokens: Double?

    /// 6·P·D with P all parameters, or `nil` without a token count.
    public var trainingFLOPs: Double? {
        trainingTokens.map { 6 * Double(totalParameters) * $0 }
    }

    /// Estimates compute for `breakdown`; `contextLength` defaults to the model's context (for a
    /// model without one, to the length its configuration assumes, flagged by ``contextIsAssumed``).
    public init(_ breakdown: ParameterBreakdown, contextLength: Int? = nil, trainingTokens: Double? = nil) {
        let c = breakdown.configuration
        self.contextLength = contextLength ?? c.contextLength
        self.contextIsAssumed = contextLength == nil && !c.hasFixedContext
        self.attentionLayers = c.layerCount * (c.isEncoderDecoder ? 2 : 1) + c.encoderLayerCount
        self.attentionWidth = c.attentionWidth
        self.nonEmbeddingParameters = breakdown.nonEmbeddingCount
        self.logitsFLOPsPerToken = 2 * Double(c.embeddingWidth) * Double(c.vocabularySize)
        self.totalParameters = breakdown.total
        self.trainingTokens = trainingTokens
    }
}
