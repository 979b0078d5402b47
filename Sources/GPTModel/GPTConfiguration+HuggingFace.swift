import FileAccess
import Foundation

extension GPTConfiguration {
    /// Reads a Hugging Face `config.json` (model_type `gpt2`, `openai-gpt`, `llama`, `qwen2`,
    /// `mistral` or `gpt_neox`) and validates it.
    ///
    /// GPT-2 files give a pre-LN decoder with a final LayerNorm; `openai-gpt` (GPT-1) files a
    /// post-LN decoder without one; `llama` files RMSNorm, SwiGLU, rotary positions and
    /// grouped-query attention. The name is the containing folder's (`models/gpt2/config.json` → `gpt2`).
    ///
    /// - Throws: ``GPTConfigurationError`` naming the file and the offending key.
    public static func load(configFile: URL) throws -> GPTConfiguration {
        let path = configFile.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GPTConfigurationError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { return try load(checkpointDirectory: configFile) }
        // FileAccess refuses a named pipe or device before opening it (opening a pipe blocks).
        let data: Data
        do throws(FileAccessError) {
            data = Data(try FileAccess.read(atPath: path))
        } catch {
            throw GPTConfigurationError.unreadable(path: path, reason: error.reason)
        }
        let folder = configFile.deletingLastPathComponent().lastPathComponent
        let name = folder.isEmpty || folder == "." || folder == "/" ? configFile.deletingPathExtension().lastPathComponent : folder
        let configuration = try decode(data, name: name, path: path)
        var named = configuration
        named.name = path  // validation errors then name the file to fix
        try named.validate()
        return configuration
    }

    /// Reads `directory/config.json` of a Hugging Face checkpoint directory.
    ///
    /// - Throws: ``GPTConfigurationError/noConfigInDirectory(path:)`` when the file is missing.
    public static func load(checkpointDirectory directory: URL) throws -> GPTConfiguration {
        let file = directory.appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw GPTConfigurationError.noConfigInDirectory(path: directory.path)
        }
        return try load(configFile: file)
    }

    /// Decodes config.json bytes; `path` only names the file in errors. Does not validate.
    public static func decode(_ data: Data, name: String, path: String) throws -> GPTConfiguration {
        let source = "Hugging Face config.json: \(path)"
        let topLevel = try? JSONDecoder().decode(HuggingFaceConfigFile.TopLevel.self, from: data)
        try checkWholeNumbers(topLevel, path: path)
        let header = try decoding(HuggingFaceConfigFile.Header.self, data, path: path, modelType: "Hugging Face")
        let keys = topLevel?.keys ?? []
        let modelType = header.modelType
            ?? (keys.contains("afn") ? "openai-gpt" : keys.contains("hidden_size") ? "llama" : "gpt2")

        switch modelType {
        case "gpt2":
            let f = try decoding(HuggingFaceConfigFile.GPT2.self, data, path: path, modelType: modelType)
            guard let context = f.nPositions ?? f.nCtx else {
                throw GPTConfigurationError.missingKey(path: path, key: "n_positions", modelType: modelType)
            }
            var configuration = GPTConfiguration(
                name: name, vocabularySize: f.vocabSize, contextLength: context, embeddingWidth: f.nEmbd,
                layerCount: f.nLayer, headCount: f.nHead, mlpWidth: f.nInner ?? 4 * f.nEmbd,
                layerNormEpsilon: Float(f.layerNormEpsilon ?? 1e-5),
                activation: try activation(f.activationFunction ?? "gelu_new", key: "activation_function", path: path),
                tiedOutputHead: f.tieWordEmbeddings ?? true, source: source)
            configuration.scalesScoresByHeadWidth = f.scaleAttnWeights ?? true
            configuration.scalesScoresByInverseLayer = f.scaleAttnByInverseLayerIdx ?? false
            return configuration
        case "openai-gpt":
            let f = try decoding(HuggingFaceConfigFile.OpenAIGPT.self, data, path: path, modelType: modelType)
            return GPTConfiguration(
                name: name, vocabularySize: f.vocabSize, contextLength: f.nPositions, embeddingWidth: f.nEmbd,
                layerCount: f.nLayer, headCount: f.nHead, layerNormEpsilon: Float(f.layerNormEpsilon ?? 1e-5),
                // openai-gpt's "gelu" is the tanh approximation: transformers' ACT_FNS["gelu"] is
                // gelu_new, as in OpenAI's original GPT-1 code.
                activation: try openAIGPTActivation(f.afn ?? "gelu", path: path),
                normPlacement: .postNorm, hasFinalNorm: false, tiedOutputHead: f.tieWordEmbeddings ?? true,
                source: source)
        case "llama", "qwen2", "mistral":
            return try llamaFamily(data, name: name, path: path, modelType: modelType, source: source)
        case "gpt_neox":
            return try gptNeoX(data, name: name, path: path, source: source)
        default:
            throw GPTConfigurationError.unsupportedModelType(path: path, modelType: modelType)
        }
    }

    /// The model types ``decode(_:name:path:)`` reads, for error messages.
    public static let supportedModelTypes = ["gpt2", "openai-gpt", "llama", "qwen2", "mistral", "gpt_neox"]

    /// Llama, Qwen2 and Mistral: RMSNorm, SwiGLU, rotary, grouped-query attention. Qwen2 adds
    /// biases to Q, K and V (never to the output projection); Mistral's sliding window only
    /// matters past its length, so the context stops there.
    private static func llamaFamily(_ data: Data, name: String, path: String, modelType: String, source: String) throws -> GPTConfiguration {
        let f = try decoding(HuggingFaceConfigFile.Llama.self, data, path: path, modelType: modelType)
        let heads = f.numAttentionHeads
        guard heads > 0 else { throw GPTConfigurationError.nonPositive(model: path, field: "num_attention_heads", value: heads) }
        let headWidth = f.headDim ?? f.hiddenSize / heads
        if f.headDim == nil, f.hiddenSize % heads != 0 {
            throw GPTConfigurationError.headsDoNotDivideWidth(model: path, heads: heads, width: f.hiddenSize)
        }
        let rotary = try rotary(data, path: path, headWidth: headWidth, maxPositions: f.maxPositionEmbeddings ?? 2048)
        var context = try extendedContext(f.maxPositionEmbeddings ?? 2048, rotary, path: path)
        if modelType == "mistral", let window = f.slidingWindow { context = min(context, window) }
        let qwen = modelType == "qwen2"
        let bias = qwen ? true : f.attentionBias ?? false
        return GPTConfiguration(
            name: name, vocabularySize: f.vocabSize, contextLength: context,
            embeddingWidth: f.hiddenSize, layerCount: f.numHiddenLayers, headCount: heads,
            keyValueHeadCount: f.numKeyValueHeads ?? heads, mlpWidth: f.intermediateSize,
            // Keep head_dim only when it differs from hidden_size / num_attention_heads.
            // Checked: head_dim × heads from the file may overflow Int (validate() then refuses the sizes).
            headDimension: headWidth.multipliedReportingOverflow(by: heads) == (f.hiddenSize, false) ? nil : headWidth,
            layerNormEpsilon: Float(f.rmsNormEps ?? 1e-6),
            activation: try activation(f.hiddenAct ?? "silu", key: "hidden_act", path: path),
            normalization: .rmsNorm, tiedOutputHead: f.tieWordEmbeddings ?? false,
            attentionBias: bias, attentionOutputBias: qwen ? false : bias, mlpBias: f.mlpBias ?? false,
            positionEncoding: .rotary, mlpKind: .gated,
            rotary: rotary, checkpointFormat: .llama, source: source)
    }

    /// The context a rotary model runs to: `max_position_embeddings`, times the factor of dynamic
    /// (NTK) scaling, whose whole point is to stretch past it (transformers itself stops nowhere).
    private static func extendedContext(_ maxPositions: Int, _ rotary: RotaryEmbedding, path: String) throws -> Int {
        guard case .dynamic(let factor, _) = rotary.scaling, factor > 1 else { return maxPositions }
        let extended = Double(maxPositions) * factor
        // Below 2^53, like every size read from config.json, so the conversion to Int cannot trap.
        guard extended < 0x1p53 else {
            throw GPTConfigurationError.notWholeNumber(path: path, key: "rope_scaling.factor × max_position_embeddings", found: extended)
        }
        return Int(extended)
    }

    /// GPT-NeoX (Pythia): LayerNorm with biases, partial rotary, parallel residual by default,
    /// one fused per-head QKV projection, an untied `embed_out`.
    private static func gptNeoX(_ data: Data, name: String, path: String, source: String) throws -> GPTConfiguration {
        let f = try decoding(HuggingFaceConfigFile.GPTNeoX.self, data, path: path, modelType: "gpt_neox")
        let heads = f.numAttentionHeads
        guard heads > 0 else { throw GPTConfigurationError.nonPositive(model: path, field: "num_attention_heads", value: heads) }
        // GPT-NeoX has no head_dim: the heads split the width exactly.
        guard f.hiddenSize % heads == 0 else {
            throw GPTConfigurationError.headsDoNotDivideWidth(model: path, heads: heads, width: f.hiddenSize)
        }
        let bias = f.attentionBias ?? true
        let rotary = try rotary(data, path: path, headWidth: f.hiddenSize / heads, maxPositions: f.maxPositionEmbeddings ?? 2048)
        return GPTConfiguration(
            name: name, vocabularySize: f.vocabSize, contextLength: try extendedContext(f.maxPositionEmbeddings ?? 2048, rotary, path: path),
            embeddingWidth: f.hiddenSize, layerCount: f.numHiddenLayers, headCount: heads,
            mlpWidth: f.intermediateSize ?? 4 * f.hiddenSize, layerNormEpsilon: Float(f.layerNormEps ?? 1e-5),
            activation: try activation(f.hiddenAct ?? "gelu", key: "hidden_act", path: path),
            tiedOutputHead: f.tieWordEmbeddings ?? false, attentionBias: bias, mlpBias: true,
            positionEncoding: .rotary,
            rotary: rotary, parallelResidual: f.useParallelResidual ?? true, checkpointFormat: .gptNeoX, source: source)
    }

    /// Maps an openai-gpt `afn` onto ``Activation`` (its "gelu" means the tanh approximation).
    private static func openAIGPTActivation(_ value: String, path: String) throws -> Activation {
        value == "gelu" ? .geluNew : try activation(value, key: "afn", path: path)
    }

    /// Maps Hugging Face activation names onto ``Activation``.
    private static func activation(_ value: String, key: String, path: String) throws -> Activation {
        switch value {
        case "gelu_new", "gelu_pytorch_tanh", "gelu_fast": return .geluNew
        case "gelu": return .gelu
        case "relu": return .relu
        case "silu", "swish": return .silu
        default: throw GPTConfigurationError.unsupportedActivation(path: path, key: key, value: value)
        }
    }

    /// Refuses a fractional or huge number where a size belongs (`"n_embd": 192.5`), naming the
    /// key: Foundation's JSONDecoder on Linux reports it as invalid JSON, without the key.
    private static func checkWholeNumbers(_ topLevel: HuggingFaceConfigFile.TopLevel?, path: String) throws {
        guard let topLevel else { return }
        for key in HuggingFaceConfigFile.wholeNumberKeys.sorted() {
            guard let value = topLevel.numbers[key] else { continue }
            // Below 2^53, where every whole Double is exact and converts to Int.
            if value != value.rounded() || abs(value) >= 9_007_199_254_740_992 {
                throw GPTConfigurationError.notWholeNumber(path: path, key: key, found: value)
            }
        }
    }

    /// Runs JSONDecoder and turns its errors into one-line ``GPTConfigurationError``s.
    static func decoding<T: Decodable>(_ type: T.Type, _ data: Data, path: String, modelType: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, _):
                throw GPTConfigurationError.missingKey(path: path, key: key.stringValue, modelType: modelType)
            case .typeMismatch(let expected, let context), .valueNotFound(let expected, let context):
                guard let key = context.codingPath.last?.stringValue else {
                    throw GPTConfigurationError.malformedJSON(path: path, detail: "the top level must be a JSON object")
                }
                throw GPTConfigurationError.wrongType(path: path, key: key, expected: describe(expected))
            case .dataCorrupted(let context):
                if let key = context.codingPath.last?.stringValue {
                    throw GPTConfigurationError.wrongType(path: path, key: key, expected: "a number that fits")
                }
                let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
                throw GPTConfigurationError.malformedJSON(path: path, detail: underlying ?? context.debugDescription)
            @unknown default:
                throw GPTConfigurationError.malformedJSON(path: path, detail: "\(error)")
            }
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Optional<Int>.Type: "an integer"
        case is Double.Type, is Optional<Double>.Type: "a number"
        case is Bool.Type, is Optional<Bool>.Type: "true or false"
        case is String.Type, is Optional<String>.Type: "a string"
        default: "a \(type)"
        }
    }
}
