import FileAccess
import Foundation

extension GPTConfiguration {
    /// Reads a Hugging Face `config.json` (model_type `gpt2`, `openai-gpt` or `llama`) and validates it.
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
            return GPTConfiguration(
                name: name, vocabularySize: f.vocabSize, contextLength: context, embeddingWidth: f.nEmbd,
                layerCount: f.nLayer, headCount: f.nHead, mlpWidth: f.nInner ?? 4 * f.nEmbd,
                layerNormEpsilon: Float(f.layerNormEpsilon ?? 1e-5),
                activation: try activation(f.activationFunction ?? "gelu_new", key: "activation_function", path: path),
                tiedOutputHead: f.tieWordEmbeddings ?? true, source: source)
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
        case "llama":
            let f = try decoding(HuggingFaceConfigFile.Llama.self, data, path: path, modelType: modelType)
            // Keep head_dim only when it differs from hidden_size / num_attention_heads.
            let headDimension = f.headDim.flatMap { $0 * f.numAttentionHeads == f.hiddenSize ? nil : $0 }
            return GPTConfiguration(
                name: name, vocabularySize: f.vocabSize, contextLength: f.maxPositionEmbeddings ?? 2048,
                embeddingWidth: f.hiddenSize, layerCount: f.numHiddenLayers, headCount: f.numAttentionHeads,
                keyValueHeadCount: f.numKeyValueHeads ?? f.numAttentionHeads, mlpWidth: f.intermediateSize,
                headDimension: headDimension,
                layerNormEpsilon: Float(f.rmsNormEps ?? 1e-6),
                activation: try activation(f.hiddenAct ?? "silu", key: "hidden_act", path: path),
                normalization: .rmsNorm, tiedOutputHead: f.tieWordEmbeddings ?? false,
                attentionBias: f.attentionBias ?? false, mlpBias: f.mlpBias ?? false,
                positionEncoding: .rotary, mlpKind: .gated, source: source)
        default:
            throw GPTConfigurationError.unsupportedModelType(path: path, modelType: modelType)
        }
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
    private static func decoding<T: Decodable>(_ type: T.Type, _ data: Data, path: String, modelType: String) throws -> T {
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
