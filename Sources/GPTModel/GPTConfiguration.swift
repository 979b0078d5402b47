import Foundation

/// The shape and architecture of a Transformer language model, from which parameter counts,
/// FLOPs, memory and the forward pass all follow.
///
/// A configuration is decoded from a Hugging Face `config.json` (GPT-2 and `openai-gpt` files) or
/// taken from a built-in preset (``GPTConfiguration/preset(named:)``). Architecture variants —
/// pre- or post-norm, final norm or not, tied or untied output head, biases, grouped-query
/// attention, gated MLPs, encoder–decoder — are fields here, never special cases elsewhere.
public struct GPTConfiguration: Codable, Sendable, Equatable {
    /// A short name, e.g. `gpt2` or the checkpoint folder's name.
    public var name: String
    /// Number of token ids (`vocab_size`).
    public var vocabularySize: Int
    /// Maximum sequence length (`n_positions`); also the size of a learned position table.
    ///
    /// A model with no fixed context (``hasFixedContext`` is `false`) holds here only the length
    /// that FLOP estimates assume; views print ``fixedContextLength`` and label the assumption.
    public var contextLength: Int
    /// Why the model has no fixed context, when it has none; `nil` for every model with a maximum
    /// sequence length. The original Transformer's sinusoidal positions extend to any length and
    /// it was trained on batches of about 25,000 tokens, not windows of a set length (Vaswani et
    /// al. 2017, §3.5, §5.1), so "context 512" — its d_model — would be a false fact.
    public var noFixedContextReason: String?
    /// Residual-stream width d_model (`n_embd`).
    public var embeddingWidth: Int
    /// Number of decoder blocks (`n_layer`); for an encoder–decoder, the decoder's blocks.
    public var layerCount: Int
    /// Number of query heads (`n_head`).
    public var headCount: Int
    /// Number of key/value heads; equal to ``headCount`` except with grouped-query attention.
    public var keyValueHeadCount: Int
    /// Hidden width of the MLP (`n_inner`, default 4 · d_model).
    public var mlpWidth: Int
    /// An explicit head width d_head (`head_dim`) when n_head · d_head ≠ d_model; `nil` means
    /// d_model / n_head, as in every GPT-2 checkpoint.
    public var headDimension: Int?
    /// Epsilon added to the variance in every normalization layer (`layer_norm_epsilon`).
    public var layerNormEpsilon: Float
    /// The MLP's nonlinearity (`activation_function`, or `afn` in GPT-1 files).
    public var activation: Activation
    /// LayerNorm (weight and bias) or RMSNorm (weight only).
    public var normalization: Normalization
    /// Where each block normalizes: before each sublayer (GPT-2) or after the residual add (GPT-1).
    public var normPlacement: NormPlacement
    /// Whether a last normalization (`ln_f`) precedes the output head.
    public var hasFinalNorm: Bool
    /// Whether the output head reuses the token-embedding matrix (counted once when tied).
    public var tiedOutputHead: Bool
    /// Whether the attention's Q, K and V projections carry biases.
    public var attentionBias: Bool
    /// Whether the attention's output projection carries a bias (Qwen2 has Q/K/V biases but none here).
    public var attentionOutputBias: Bool
    /// Whether the MLP's linear layers carry biases.
    public var mlpBias: Bool
    /// How positions enter the model.
    public var positionEncoding: PositionEncoding
    /// A plain two-layer MLP or a gated one (SwiGLU: gate, up and down projections).
    public var mlpKind: MLPKind
    /// The rotary embedding's base, width and scaling when ``positionEncoding`` is rotary; nil
    /// means the original RoPE (base 10,000, every dimension of each head, no scaling).
    public var rotary: RotaryEmbedding?
    /// Whether attention and MLP both read the block's input and add into the residual together
    /// (GPT-NeoX, GPT-J: `x + attn(ln_1(x)) + mlp(ln_2(x))`) instead of one after the other.
    public var parallelResidual: Bool
    /// Whether attention scores are divided by √hs (GPT-2's `scale_attn_weights`, true in every
    /// published GPT-2 and in every other family).
    public var scalesScoresByHeadWidth = true
    /// Whether block l's attention scores are also divided by l + 1 (GPT-2's
    /// `scale_attn_by_inverse_layer_idx`, set in Stanford CRFM's Mistral GPT-2 checkpoints).
    public var scalesScoresByInverseLayer = false
    /// How the checkpoint file names and lays out the weights (GPT-2's Conv1D `[in, out]`,
    /// Llama's or GPT-NeoX's `nn.Linear` `[out, in]`).
    public var checkpointFormat: CheckpointFormat
    /// Encoder blocks before the decoder (0 for decoder-only models). Each decoder block of an
    /// encoder–decoder model also has cross-attention.
    public var encoderLayerCount: Int
    /// Where the numbers come from (paper table, Hugging Face file), and any caveats.
    public var source: String
    /// The total the source publishes ("117M", "175B"), in parameters, when it publishes one.
    public var publishedParameterCount: Double?
    /// The number of tokens the source says the model was trained on (GPT-3: 300B), when it says.
    public var publishedTrainingTokens: Double?

    /// The MLP's nonlinearity.
    public enum Activation: String, Codable, Sendable, CaseIterable {
        /// The tanh approximation of GELU: GPT-2's `gelu_new`, and GPT-1's `afn: "gelu"` (which
        /// transformers and OpenAI's original code both compute in the tanh form).
        case geluNew = "gelu_new"
        /// Exact erf GELU: `activation_function: "gelu"` in a GPT-2-format `config.json`.
        case gelu
        /// ReLU (the original Transformer).
        case relu
        /// SiLU / swish, the gate of SwiGLU.
        case silu
    }

    /// The normalization layer used throughout the model.
    public enum Normalization: String, Codable, Sendable {
        /// LayerNorm with a scale and a shift per channel.
        case layerNorm
        /// RMSNorm with a scale per channel only.
        case rmsNorm
    }

    /// Where each block applies its normalization.
    public enum NormPlacement: String, Codable, Sendable {
        /// `x = x + attn(ln_1(x))` — GPT-2, GPT-3, LLaMA.
        case preNorm
        /// `x = ln_1(x + attn(x))` — the original Transformer and GPT-1.
        case postNorm
    }

    /// How position information enters the model.
    public enum PositionEncoding: String, Codable, Sendable {
        /// A trained table `wpe` of shape [contextLength, d_model].
        case learned
        /// Fixed sines and cosines (Vaswani et al. 2017); no parameters.
        case sinusoidal
        /// Rotary embeddings applied to queries and keys; no parameters.
        case rotary
    }

    /// The feed-forward sublayer's form.
    public enum MLPKind: String, Codable, Sendable {
        /// `down(act(up(x)))` with two matrices.
        case standard
        /// `down(act(gate(x)) * up(x))` with three matrices (SwiGLU).
        case gated
    }

    /// How a checkpoint family names its tensors and lays out its linear layers. The math each
    /// layer does follows from the other fields; this only says where its weights are.
    public enum CheckpointFormat: String, Codable, Sendable {
        /// GPT-2 (`h.{i}.attn.c_attn`, Conv1D `[in, out]`) and GPT-1 (`tokens_embed`, post-norm).
        case gpt2
        /// Llama, Qwen2, Mistral: `model.layers.{i}.self_attn.q_proj`, `nn.Linear` `[out, in]`.
        case llama
        /// GPT-NeoX / Pythia: `gpt_neox.layers.{i}.attention.query_key_value`, one fused
        /// `[3·d_attn, d]` projection whose rows run head by head, each head's q, k, v in turn.
        case gptNeoX
    }

    /// Whether the model has a maximum sequence length (every GPT does; the original Transformer does not).
    public var hasFixedContext: Bool { noFixedContextReason == nil }

    /// The model's context length, or `nil` when it has none (then ``contextLength`` is only the
    /// length FLOP estimates assume).
    public var fixedContextLength: Int? { hasFixedContext ? contextLength : nil }

    /// The width of one attention head: d_model / n_head unless ``headDimension`` says otherwise.
    public var headWidth: Int { headDimension ?? (headCount > 0 ? embeddingWidth / headCount : 0) }

    /// Whether every block scales its attention scores by 1/√hs and nothing else (every family
    /// but GPT-2 files with `scale_attn_weights: false` or `scale_attn_by_inverse_layer_idx: true`).
    public var hasStandardAttentionScale: Bool { scalesScoresByHeadWidth && !scalesScoresByInverseLayer }

    /// The factor block `layer` multiplies `q · k` by before the softmax: 1/√hs, divided by
    /// layer + 1 with ``scalesScoresByInverseLayer``, or without the √hs when
    /// ``scalesScoresByHeadWidth`` is false. Worked out in `Double` and rounded once, as
    /// transformers' `GPT2Attention.scaling` (a Python float).
    public func attentionScoreScale(layer: Int) -> Float {
        var scale = scalesScoresByHeadWidth ? 1 / Double(headWidth).squareRoot() : 1
        if scalesScoresByInverseLayer { scale /= Double(layer + 1) }
        return Float(scale)
    }

    /// The width of all heads together, d_attn = n_head · d_head (d_model unless ``headDimension`` is set).
    public var attentionWidth: Int { headCount * headWidth }

    /// The rotary embedding the forward pass applies: ``rotary``, or the original RoPE over the whole head.
    public var rotaryEmbedding: RotaryEmbedding { rotary ?? RotaryEmbedding(dimensions: headWidth) }

    /// The family the checkpoint format and architecture point to, for titles: GPT-1, GPT-2,
    /// Llama (also Mistral), Qwen2 (Q/K/V biases without an output bias) or GPT-NeoX.
    public var familyName: String {
        switch checkpointFormat {
        case .gpt2: normPlacement == .postNorm ? "GPT-1" : "GPT-2"
        case .llama: attentionBias && !attentionOutputBias ? "Qwen2" : "Llama"
        case .gptNeoX: "GPT-NeoX"
        }
    }

    /// Whether this model has an encoder as well as a decoder.
    public var isEncoderDecoder: Bool { encoderLayerCount > 0 }

    /// Creates a configuration; defaults describe a GPT-2-style decoder.
    public init(
        name: String,
        vocabularySize: Int = 50257,
        contextLength: Int = 1024,
        embeddingWidth: Int = 768,
        layerCount: Int = 12,
        headCount: Int = 12,
        keyValueHeadCount: Int? = nil,
        mlpWidth: Int? = nil,
        headDimension: Int? = nil,
        layerNormEpsilon: Float = 1e-5,
        activation: Activation = .geluNew,
        normalization: Normalization = .layerNorm,
        normPlacement: NormPlacement = .preNorm,
        hasFinalNorm: Bool = true,
        tiedOutputHead: Bool = true,
        attentionBias: Bool = true,
        attentionOutputBias: Bool? = nil,
        mlpBias: Bool = true,
        positionEncoding: PositionEncoding = .learned,
        mlpKind: MLPKind = .standard,
        rotary: RotaryEmbedding? = nil,
        parallelResidual: Bool = false,
        checkpointFormat: CheckpointFormat = .gpt2,
        encoderLayerCount: Int = 0,
        source: String = "",
        publishedParameterCount: Double? = nil,
        publishedTrainingTokens: Double? = nil,
        noFixedContextReason: String? = nil
    ) {
        self.name = name
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.embeddingWidth = embeddingWidth
        self.layerCount = layerCount
        self.headCount = headCount
        self.keyValueHeadCount = keyValueHeadCount ?? headCount
        self.mlpWidth = mlpWidth ?? 4 * embeddingWidth
        self.headDimension = headDimension
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
        self.normalization = normalization
        self.normPlacement = normPlacement
        self.hasFinalNorm = hasFinalNorm
        self.tiedOutputHead = tiedOutputHead
        self.attentionBias = attentionBias
        self.attentionOutputBias = attentionOutputBias ?? attentionBias
        self.mlpBias = mlpBias
        self.positionEncoding = positionEncoding
        self.mlpKind = mlpKind
        self.rotary = rotary
        self.parallelResidual = parallelResidual
        self.checkpointFormat = checkpointFormat
        self.encoderLayerCount = encoderLayerCount
        self.source = source
        self.publishedParameterCount = publishedParameterCount
        self.publishedTrainingTokens = publishedTrainingTokens
        self.noFixedContextReason = noFixedContextReason
    }
}


extension GPTConfiguration {
    /// The JSON keys: the property names.
    enum CodingKeys: String, CodingKey {
        case name, vocabularySize, contextLength, noFixedContextReason, embeddingWidth, layerCount, headCount
        case keyValueHeadCount, mlpWidth, headDimension, layerNormEpsilon, activation, normalization, normPlacement
        case hasFinalNorm, tiedOutputHead, attentionBias, attentionOutputBias, mlpBias, positionEncoding, mlpKind
        case rotary, parallelResidual, checkpointFormat, encoderLayerCount, source, publishedParameterCount
        case publishedTrainingTokens, scalesScoresByHeadWidth, scalesScoresByInverseLayer
    }

    /// Encodes every field, leaving out the rotary, parallel-residual, output-bias and
    /// checkpoint-format fields while they hold their GPT-2 defaults, so a GPT-2 configuration
    /// (a training log's) reads as it did before they existed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(vocabularySize, forKey: .vocabularySize)
        try c.encode(contextLength, forKey: .contextLength)
        try c.encodeIfPresent(noFixedContextReason, forKey: .noFixedContextReason)
        try c.encode(embeddingWidth, forKey: .embeddingWidth)
        try c.encode(layerCount, forKey: .layerCount)
        try c.encode(headCount, forKey: .headCount)
        try c.encode(keyValueHeadCount, forKey: .keyValueHeadCount)
        try c.encode(mlpWidth, forKey: .mlpWidth)
        try c.encodeIfPresent(headDimension, forKey: .headDimension)
        try c.encode(layerNormEpsilon, forKey: .layerNormEpsilon)
        try c.encode(activation, forKey: .activation)
        try c.encode(normalization, forKey: .normalization)
        try c.encode(normPlacement, forKey: .normPlacement)
        try c.encode(hasFinalNorm, forKey: .hasFinalNorm)
        try c.encode(tiedOutputHead, forKey: .tiedOutputHead)
        try c.encode(attentionBias, forKey: .attentionBias)
        if attentionOutputBias != attentionBias { try c.encode(attentionOutputBias, forKey: .attentionOutputBias) }
        try c.encode(mlpBias, forKey: .mlpBias)
        try c.encode(positionEncoding, forKey: .positionEncoding)
        try c.encode(mlpKind, forKey: .mlpKind)
        try c.encodeIfPresent(rotary, forKey: .rotary)
        if parallelResidual { try c.encode(parallelResidual, forKey: .parallelResidual) }
        if checkpointFormat != .gpt2 { try c.encode(checkpointFormat, forKey: .checkpointFormat) }
        if !scalesScoresByHeadWidth { try c.encode(scalesScoresByHeadWidth, forKey: .scalesScoresByHeadWidth) }
        if scalesScoresByInverseLayer { try c.encode(scalesScoresByInverseLayer, forKey: .scalesScoresByInverseLayer) }
        try c.encode(encoderLayerCount, forKey: .encoderLayerCount)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(publishedParameterCount, forKey: .publishedParameterCount)
        try c.encodeIfPresent(publishedTrainingTokens, forKey: .publishedTrainingTokens)
    }

    /// Decodes a configuration written before the rotary, parallel-residual, output-bias and
    /// checkpoint-format fields existed (a training log's) with their GPT-2 defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let attentionBias = try c.decode(Bool.self, forKey: .attentionBias)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            vocabularySize: try c.decode(Int.self, forKey: .vocabularySize),
            contextLength: try c.decode(Int.self, forKey: .contextLength),
            embeddingWidth: try c.decode(Int.self, forKey: .embeddingWidth),
            layerCount: try c.decode(Int.self, forKey: .layerCount),
            headCount: try c.decode(Int.self, forKey: .headCount),
            keyValueHeadCount: try c.decode(Int.self, forKey: .keyValueHeadCount),
            mlpWidth: try c.decode(Int.self, forKey: .mlpWidth),
            headDimension: try c.decodeIfPresent(Int.self, forKey: .headDimension),
            layerNormEpsilon: try c.decode(Float.self, forKey: .layerNormEpsilon),
            activation: try c.decode(Activation.self, forKey: .activation),
            normalization: try c.decode(Normalization.self, forKey: .normalization),
            normPlacement: try c.decode(NormPlacement.self, forKey: .normPlacement),
            hasFinalNorm: try c.decode(Bool.self, forKey: .hasFinalNorm),
            tiedOutputHead: try c.decode(Bool.self, forKey: .tiedOutputHead),
            attentionBias: attentionBias,
            attentionOutputBias: try c.decodeIfPresent(Bool.self, forKey: .attentionOutputBias),
            mlpBias: try c.decode(Bool.self, forKey: .mlpBias),
            positionEncoding: try c.decode(PositionEncoding.self, forKey: .positionEncoding),
            mlpKind: try c.decode(MLPKind.self, forKey: .mlpKind),
            rotary: try c.decodeIfPresent(RotaryEmbedding.self, forKey: .rotary),
            parallelResidual: try c.decodeIfPresent(Bool.self, forKey: .parallelResidual) ?? false,
            checkpointFormat: try c.decodeIfPresent(CheckpointFormat.self, forKey: .checkpointFormat) ?? .gpt2,
            encoderLayerCount: try c.decode(Int.self, forKey: .encoderLayerCount),
            source: try c.decode(String.self, forKey: .source),
            publishedParameterCount: try c.decodeIfPresent(Double.self, forKey: .publishedParameterCount),
            publishedTrainingTokens: try c.decodeIfPresent(Double.self, forKey: .publishedTrainingTokens),
            noFixedContextReason: try c.decodeIfPresent(String.self, forKey: .noFixedContextReason))
        scalesScoresByHeadWidth = try c.decodeIfPresent(Bool.self, forKey: .scalesScoresByHeadWidth) ?? true
        scalesScoresByInverseLayer = try c.decodeIfPresent(Bool.self, forKey: .scalesScoresByInverseLayer) ?? false
    }
}
