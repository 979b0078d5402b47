import Foundation

extension GPTConfiguration {
    /// The rotary embedding a `config.json` describes, from transformers 5's `rope_parameters`
    /// or the legacy keys published checkpoints carry (`rope_theta`, `rope_scaling`; GPT-NeoX's
    /// `rotary_emb_base` and `rotary_pct`). `rope_parameters` wins where both are present.
    ///
    /// - Throws: ``GPTConfigurationError/unsupportedRopeScaling(path:type:)`` for a scaling type
    ///   other than default, linear, dynamic and llama3; ``GPTConfigurationError/missingKey(path:key:modelType:)``
    ///   for a scaling without its factor; ``GPTConfigurationError/invalidRotaryDimensions(path:dimensions:headWidth:)``.
    static func rotary(_ data: Data, path: String, headWidth: Int, maxPositions: Int) throws -> RotaryEmbedding {
        let file = try decoding(HuggingFaceConfigFile.Rope.self, data, path: path, modelType: "rotary")
        let parameters = file.ropeParameters ?? file.ropeScaling
        let base = parameters?.ropeTheta ?? file.ropeTheta ?? file.rotaryEmbBase ?? 10_000
        guard base > 1, base.isFinite else { throw GPTConfigurationError.invalidRopeTheta(path: path, value: base) }
        let fraction = parameters?.partialRotaryFactor ?? file.partialRotaryFactor ?? file.rotaryPct ?? 1
        let product = Double(headWidth) * fraction
        // A factor such as 1e300 would trap converting to Int; it is refused below as out of the head.
        let dimensions = product.isFinite && abs(product) < 0x1p53 ? Int(product) : -1
        guard dimensions > 0, dimensions % 2 == 0, dimensions <= headWidth else {
            throw GPTConfigurationError.invalidRotaryDimensions(path: path, dimensions: dimensions, headWidth: headWidth)
        }
        let type = parameters?.ropeType ?? parameters?.type ?? "default"
        func required<T>(_ value: T?, _ key: String) throws -> T {
            guard let value else { throw GPTConfigurationError.missingKey(path: path, key: key, modelType: "rope type \(type)") }
            return value
        }
        let scaling: RotaryEmbedding.Scaling
        switch type {
        case "default":
            scaling = .none
        case "linear":
            scaling = .linear(factor: try required(parameters?.factor, "factor"))
        case "dynamic":
            scaling = .dynamic(factor: try required(parameters?.factor, "factor"), maxPositions: maxPositions)
        case "llama3":
            scaling = .llama3(factor: try required(parameters?.factor, "factor"),
                              lowFrequencyFactor: try required(parameters?.lowFreqFactor, "low_freq_factor"),
                              highFrequencyFactor: try required(parameters?.highFreqFactor, "high_freq_factor"),
                              originalContext: try required(parameters?.originalMaxPositionEmbeddings, "original_max_position_embeddings"))
        default:
            throw GPTConfigurationError.unsupportedRopeScaling(path: path, type: type)
        }
        return RotaryEmbedding(base: base, dimensions: dimensions, scaling: scaling)
    }
}

extension HuggingFaceConfigFile {
    /// The rotary keys of a `config.json`, old and new.
    struct Rope: Decodable {
        var ropeTheta: Double?
        var rotaryEmbBase: Double?
        var rotaryPct: Double?
        var partialRotaryFactor: Double?
        var ropeScaling: RopeParameters?
        var ropeParameters: RopeParameters?

        enum CodingKeys: String, CodingKey {
            case ropeTheta = "rope_theta", rotaryEmbBase = "rotary_emb_base", rotaryPct = "rotary_pct"
            case partialRotaryFactor = "partial_rotary_factor", ropeScaling = "rope_scaling", ropeParameters = "rope_parameters"
        }
    }

    /// `rope_scaling` (legacy, `type` or `rope_type`) or `rope_parameters` (transformers 5).
    struct RopeParameters: Decodable {
        var ropeType: String?
        var type: String?
        var ropeTheta: Double?
        var factor: Double?
        var lowFreqFactor: Double?
        var highFreqFactor: Double?
        var originalMaxPositionEmbeddings: Int?
        var partialRotaryFactor: Double?

        enum CodingKeys: String, CodingKey {
            case ropeType = "rope_type", type, ropeTheta = "rope_theta", factor
            case lowFreqFactor = "low_freq_factor", highFreqFactor = "high_freq_factor"
            case originalMaxPositionEmbeddings = "original_max_position_embeddings"
            case partialRotaryFactor = "partial_rotary_factor"
        }
    }

    /// `GPTNeoXConfig` (model_type "gpt_neox").
    struct GPTNeoX: Decodable {
        var vocabSize: Int
        var hiddenSize: Int
        var intermediateSize: Int?
        var numHiddenLayers: Int
        var numAttentionHeads: Int
        var maxPositionEmbeddings: Int?
        var layerNormEps: Double?
        var hiddenAct: String?
        var tieWordEmbeddings: Bool?
        var attentionBias: Bool?
        var useParallelResidual: Bool?

        enum CodingKeys: String, CodingKey {
            case vocabSize = "vocab_size", hiddenSize = "hidden_size", intermediateSize = "intermediate_size"
            case numHiddenLayers = "num_hidden_layers", numAttentionHeads = "num_attention_heads"
            case maxPositionEmbeddings = "max_position_embeddings", layerNormEps = "layer_norm_eps"
            case hiddenAct = "hidden_act", tieWordEmbeddings = "tie_word_embeddings"
            case attentionBias = "attention_bias", useParallelResidual = "use_parallel_residual"
        }
    }
}
