/// The keys GPTScope reads from Hugging Face `config.json` files, one struct per `model_type`.
/// Optional keys take the defaults `transformers` uses when they are absent.
enum HuggingFaceConfigFile {
    /// Every key below read as an `Int`: sizes and counts, which must be whole numbers.
    static let wholeNumberKeys: Set<String> = [
        "vocab_size", "n_positions", "n_ctx", "n_embd", "n_layer", "n_head", "n_inner",
        "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
        "head_dim", "max_position_embeddings", "sliding_window",
    ]

    /// The top-level object's keys (which tell GPT-1 and Llama files without a `model_type`
    /// apart) and the values among them that are numbers (to name a fractional size's key).
    struct TopLevel: Decodable {
        var keys: Set<String>
        var numbers: [String: Double]

        init(from decoder: any Decoder) throws {
            let object = try decoder.container(keyedBy: JSONKey.self)
            keys = Set(object.allKeys.map(\.stringValue))
            numbers = [:]
            for key in object.allKeys {
                if let number = try? object.decode(Double.self, forKey: key) { numbers[key.stringValue] = number }
            }
        }
    }

    /// Only `model_type`, read first to choose the layout.
    struct Header: Decodable {
        var modelType: String?
        enum CodingKeys: String, CodingKey { case modelType = "model_type" }
    }

    /// `GPT2Config` (model_type "gpt2").
    struct GPT2: Decodable {
        var vocabSize: Int
        var nPositions: Int?
        var nCtx: Int?
        var nEmbd: Int
        var nLayer: Int
        var nHead: Int
        var nInner: Int?
        var layerNormEpsilon: Double?
        var activationFunction: String?
        var tieWordEmbeddings: Bool?
        var scaleAttnWeights: Bool?
        var scaleAttnByInverseLayerIdx: Bool?

        enum CodingKeys: String, CodingKey {
            case vocabSize = "vocab_size", nPositions = "n_positions", nCtx = "n_ctx", nEmbd = "n_embd"
            case nLayer = "n_layer", nHead = "n_head", nInner = "n_inner"
            case layerNormEpsilon = "layer_norm_epsilon", activationFunction = "activation_function"
            case tieWordEmbeddings = "tie_word_embeddings"
            // `reorder_and_upcast_attn` is not read: it only makes transformers compute the scores
            // in float32, which GPTScope always does.
            case scaleAttnWeights = "scale_attn_weights", scaleAttnByInverseLayerIdx = "scale_attn_by_inverse_layer_idx"
        }
    }

    /// `OpenAIGPTConfig` (model_type "openai-gpt", GPT-1).
    struct OpenAIGPT: Decodable {
        var vocabSize: Int
        var nPositions: Int
        var nEmbd: Int
        var nLayer: Int
        var nHead: Int
        var layerNormEpsilon: Double?
        var afn: String?
        var tieWordEmbeddings: Bool?

        enum CodingKeys: String, CodingKey {
            case vocabSize = "vocab_size", nPositions = "n_positions", nEmbd = "n_embd"
            case nLayer = "n_layer", nHead = "n_head", layerNormEpsilon = "layer_norm_epsilon", afn
            case tieWordEmbeddings = "tie_word_embeddings"
        }
    }

    /// `LlamaConfig` (model_type "llama"), also read for "qwen2" and "mistral".
    struct Llama: Decodable {
        var vocabSize: Int
        var hiddenSize: Int
        var intermediateSize: Int
        var numHiddenLayers: Int
        var numAttentionHeads: Int
        var numKeyValueHeads: Int?
        var headDim: Int?
        var maxPositionEmbeddings: Int?
        var rmsNormEps: Double?
        var hiddenAct: String?
        var tieWordEmbeddings: Bool?
        var attentionBias: Bool?
        var mlpBias: Bool?
        var slidingWindow: Int?

        enum CodingKeys: String, CodingKey {
            case vocabSize = "vocab_size", hiddenSize = "hidden_size", intermediateSize = "intermediate_size"
            case numHiddenLayers = "num_hidden_layers", numAttentionHeads = "num_attention_heads"
            case numKeyValueHeads = "num_key_value_heads", headDim = "head_dim"
            case maxPositionEmbeddings = "max_position_embeddings"
            case rmsNormEps = "rms_norm_eps", hiddenAct = "hidden_act", tieWordEmbeddings = "tie_word_embeddings"
            case attentionBias = "attention_bias", mlpBias = "mlp_bias", slidingWindow = "sliding_window"
        }
    }
}
