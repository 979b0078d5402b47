/// How a Hugging Face checkpoint file relates to a configuration's parameters
/// (``GPT/parameters(_:)``, which name and shape them): which keys are parameters, the names
/// each family gives its modules, and whether the forward pass implements the architecture.
///
/// Parameter names are the checkpoint's own, without the `transformer.` prefix some GPT-2 files
/// add. Files may also carry buffers that are constants, not parameters, which are skipped:
/// GPT-2's `h.N.attn.bias` / `h.N.attn.masked_bias`, GPT-NeoX's `attention.bias` /
/// `attention.masked_bias`, and `rotary_emb.inv_freq` in older Llama and GPT-NeoX files.
public struct CheckpointLayout: Sendable {
    /// The configuration the layout is for.
    public let configuration: GPTConfiguration

    /// A layout for `configuration`.
    public init(configuration: GPTConfiguration) {
        self.configuration = configuration
    }

    /// GPT-2's and Llama's output head, present in the file only when untied (or redundantly saved).
    public static let outputHeadName = "lm_head.weight"

    /// The name a file key stands for: strips `transformer.`; nil for buffers that are not parameters.
    public static func canonicalName(_ key: String) -> String? {
        let name = key.hasPrefix("transformer.") ? String(key.dropFirst("transformer.".count)) : key
        let buffers = [".attn.bias", ".attn.masked_bias", ".attention.bias", ".attention.masked_bias", ".rotary_emb.inv_freq"]
        if buffers.contains(where: name.hasSuffix) { return nil }
        return name
    }

    /// The token and position table names (without `.weight`).
    static func embeddingNames(_ c: GPTConfiguration) -> (tokens: String, positions: String) {
        switch c.checkpointFormat {
        case .gpt2: c.normPlacement == .postNorm ? ("tokens_embed", "positions_embed") : ("wte", "wpe")
        case .llama: ("model.embed_tokens", "")
        case .gptNeoX: ("gpt_neox.embed_in", "")
        }
    }

    /// Model-level prefixes of one checkpoint format.
    struct ModelNames {
        let blockPrefix: String, finalNorm: String, outputHead: String

        init(_ format: GPTConfiguration.CheckpointFormat) {
            switch format {
            case .gpt2: (blockPrefix, finalNorm, outputHead) = ("h.", "ln_f.", CheckpointLayout.outputHeadName)
            case .llama: (blockPrefix, finalNorm, outputHead) = ("model.layers.", "model.norm.", CheckpointLayout.outputHeadName)
            case .gptNeoX: (blockPrefix, finalNorm, outputHead) = ("gpt_neox.layers.", "gpt_neox.final_layer_norm.", "embed_out.weight")
            }
        }

        /// `h.3.`, `model.layers.3.`, `gpt_neox.layers.3.`.
        func block(_ i: Int) -> String { "\(blockPrefix)\(i)." }
    }

    /// Sublayer prefixes inside one block.
    struct BlockNames {
        let ln1: String, attention: String, ln2: String, mlp: String

        init(_ format: GPTConfiguration.CheckpointFormat) {
            switch format {
            case .gpt2: (ln1, attention, ln2, mlp) = ("ln_1.", "attn.", "ln_2.", "mlp.")
            case .llama: (ln1, attention, ln2, mlp) = ("input_layernorm.", "self_attn.", "post_attention_layernorm.", "mlp.")
            case .gptNeoX: (ln1, attention, ln2, mlp) = ("input_layernorm.", "attention.", "post_attention_layernorm.", "mlp.")
            }
        }
    }

    /// Whether training (the backward pass, GPT-2's layers only) implements this configuration;
    /// the reason when it does not.
    public var backwardUnsupportedReason: String? {
        if let reason = unsupportedReason { return reason }
        if configuration.normPlacement == .postNorm { return "post-norm (GPT-1)" }
        if configuration.checkpointFormat != .gpt2 { return "training \(configuration.familyName) (the backward pass covers GPT-2's layers)" }
        return nil
    }

    /// Whether the forward pass implements this configuration; the reason when it does not.
    public var unsupportedReason: String? {
        let c = configuration
        if c.isEncoderDecoder { return "encoder-decoder" }
        if c.positionEncoding == .sinusoidal { return "position encoding sinusoidal" }
        if c.normPlacement == .postNorm && c.hasFinalNorm { return "post-norm with a final norm" }
        if c.normPlacement == .preNorm && !c.hasFinalNorm { return "pre-norm without a final norm" }
        if c.parallelResidual && c.normPlacement != .preNorm { return "parallel residual with post-norm" }
        switch c.checkpointFormat {
        case .gpt2:
            if c.normalization != .layerNorm { return "normalization \(c.normalization.rawValue)" }
            if c.positionEncoding != .learned { return "position encoding \(c.positionEncoding.rawValue)" }
            if c.mlpKind != .standard { return "gated MLP" }
            if c.keyValueHeadCount != c.headCount { return "grouped-query attention" }
            if c.headDimension != nil { return "an explicit head width" }
            if !c.attentionBias || !c.attentionOutputBias || !c.mlpBias { return "linear layers without biases" }
        case .llama:
            if c.mlpKind != .gated { return "an ungated MLP in a Llama-format checkpoint" }
        case .gptNeoX:
            if c.mlpKind != .standard { return "a gated MLP in a GPT-NeoX checkpoint" }
            if c.keyValueHeadCount != c.headCount { return "grouped-query attention in a GPT-NeoX checkpoint" }
        }
        return nil
    }
}
