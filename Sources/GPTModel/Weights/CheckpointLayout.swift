/// How a Hugging Face GPT-2 or GPT-1 checkpoint file relates to a configuration's parameters
/// (``GPT/parameters(_:)``, which name and shape them): which keys are parameters, and whether
/// the forward pass implements the architecture.
///
/// Parameter names are the checkpoint's own, without the `transformer.` prefix some files add.
/// GPT-2 files may also carry the attention-mask buffers `h.N.attn.bias` / `h.N.attn.masked_bias`,
/// which are constants, not parameters, and are skipped.
public struct CheckpointLayout: Sendable {
    /// The configuration the layout is for.
    public let configuration: GPTConfiguration

    /// A layout for `configuration`.
    public init(configuration: GPTConfiguration) {
        self.configuration = configuration
    }

    /// The output head, present in the file only when untied (or redundantly saved).
    public static let outputHeadName = "lm_head.weight"

    /// The name a file key stands for: strips `transformer.`; nil for buffers that are not parameters.
    public static func canonicalName(_ key: String) -> String? {
        let name = key.hasPrefix("transformer.") ? String(key.dropFirst("transformer.".count)) : key
        if name.hasSuffix(".attn.bias") || name.hasSuffix(".attn.masked_bias") { return nil }
        return name
    }

    /// Whether the forward pass implements this configuration; the reason when it does not.
    public var unsupportedReason: String? {
        let c = configuration
        if c.normalization != .layerNorm { return "normalization \(c.normalization.rawValue)" }
        if c.positionEncoding != .learned { return "position encoding \(c.positionEncoding.rawValue)" }
        if c.mlpKind != .standard { return "gated MLP" }
        if c.keyValueHeadCount != c.headCount { return "grouped-query attention" }
        if !c.attentionBias || !c.mlpBias { return "linear layers without biases" }
        if c.isEncoderDecoder { return "encoder-decoder" }
        if c.normPlacement == .postNorm && c.hasFinalNorm { return "post-norm with a final norm" }
        if c.normPlacement == .preNorm && !c.hasFinalNorm { return "pre-norm without a final norm" }
        return nil
    }
}
