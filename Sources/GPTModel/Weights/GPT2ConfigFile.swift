import Foundation

/// The Hugging Face `config.json` GPTScope writes next to GPT-2 weights, in the keys
/// `transformers.GPT2Config` reads. Keys left nil are not written.
public struct GPT2ConfigFile: Encodable, Sendable, Equatable {
    /// Always `gpt2`.
    public var modelType = "gpt2"
    /// Always `["GPT2LMHeadModel"]`.
    public var architectures = ["GPT2LMHeadModel"]
    /// V.
    public var vocabSize: Int
    /// Context length.
    public var nPositions: Int
    /// Context length again, under GPT-2's older name.
    public var nCtx: Int?
    /// d_model.
    public var nEmbd: Int
    /// Blocks.
    public var nLayer: Int
    /// Heads per block.
    public var nHead: Int
    /// MLP width.
    public var nInner: Int
    /// The MLP activation's Hugging Face name (`gelu_new`).
    public var activationFunction: String
    /// LayerNorm epsilon.
    public var layerNormEpsilon: Double
    /// Whether the output head is `wte`: written (false) only for an untied head, whose
    /// `lm_head.weight` the weights then hold; left out, transformers ties, as GPT-2 does.
    public var tieWordEmbeddings: Bool?
    /// Dropout probabilities (GPTScope trains without dropout).
    public var residPdrop: Double?, embdPdrop: Double?, attnPdrop: Double?
    /// `scale_attn_weights` and `scale_attn_by_inverse_layer_idx`, written only when they differ
    /// from transformers' defaults (true, false).
    public var scaleAttnWeights: Bool?, scaleAttnByInverseLayerIdx: Bool?
    /// Always `float32`.
    public var torchDtype = "float32"
    /// The end-of-text token, which GPT-2 uses as both.
    public var bosTokenID: Int?, eosTokenID: Int?

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type", architectures, vocabSize = "vocab_size", nPositions = "n_positions", nCtx = "n_ctx"
        case nEmbd = "n_embd", nLayer = "n_layer", nHead = "n_head", nInner = "n_inner"
        case activationFunction = "activation_function", layerNormEpsilon = "layer_norm_epsilon"
        case tieWordEmbeddings = "tie_word_embeddings", residPdrop = "resid_pdrop", embdPdrop = "embd_pdrop", attnPdrop = "attn_pdrop"
        case scaleAttnWeights = "scale_attn_weights", scaleAttnByInverseLayerIdx = "scale_attn_by_inverse_layer_idx"
        case torchDtype = "torch_dtype", bosTokenID = "bos_token_id", eosTokenID = "eos_token_id"
    }

    /// The sizes of `configuration` (a pre-LN GPT-2 shape); epsilon as the `Float` widened
    /// (`9.99999974737875e-06`) and every optional key unset but the attention-scaling ones
    /// that differ from transformers' defaults and, for an untied head, `tie_word_embeddings`.
    public init(_ configuration: GPTConfiguration) {
        vocabSize = configuration.vocabularySize
        nPositions = configuration.contextLength
        nEmbd = configuration.embeddingWidth
        nLayer = configuration.layerCount
        nHead = configuration.headCount
        nInner = configuration.mlpWidth
        activationFunction = configuration.activation.rawValue
        layerNormEpsilon = Double(configuration.layerNormEpsilon)
        scaleAttnWeights = configuration.scalesScoresByHeadWidth ? nil : false
        scaleAttnByInverseLayerIdx = configuration.scalesScoresByInverseLayer ? true : nil
        tieWordEmbeddings = configuration.tiedOutputHead ? nil : false
    }

    /// Pretty-printed JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
