/// Why a checkpoint directory could not be turned into a model; each description is one line.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The path is not a directory.
    case notADirectory(path: String)
    /// Neither `model.safetensors` nor `pytorch_model.bin` is present.
    case noWeights(path: String)
    /// Only a PyTorch pickle is present.
    case pytorchOnly(path: String)
    /// The architecture in config.json is one the forward pass does not implement.
    case unsupportedArchitecture(model: String, reason: String)
    /// `model.safetensors.index.json` names a shard that is not in the folder.
    case missingShard(index: String, shard: String)
    /// `model.safetensors.index.json` is not an index (no `weight_map` of names to shard files).
    case malformedShardIndex(path: String)
    /// Checkpoint keys and the model's parameters do not correspond one to one.
    case keyMismatch(path: String, missing: [String], unused: [String], misshaped: [String])
    /// A weight is NaN or infinite (a diverged or corrupted checkpoint): the tensor, the flat
    /// index of its first bad element, and that element.
    case nonFiniteWeight(path: String, tensor: String, index: Int, value: Float)
    /// config.json implies more tensors than the checkpoint's files hold (checked before the
    /// expected names are listed, which for `n_layer = 2^31 − 1` would take minutes).
    case tooManyTensors(path: String, implied: Int, stored: Int)

    /// The Python lines that convert a PyTorch checkpoint to safetensors.
    public static let conversionSnippet = """
        from transformers import AutoModelForCausalLM
        m = AutoModelForCausalLM.from_pretrained("DIR")
        m.save_pretrained("DIR", safe_serialization=True)
        """

    public var description: String {
        switch self {
        case .notADirectory(let path):
            return "\(path) is not a checkpoint directory; give a folder with config.json and model.safetensors (e.g. huggingface-cli download openai-community/gpt2 --local-dir models/gpt2)"
        case .noWeights(let path):
            return "no model.safetensors (or model.safetensors.index.json with its shards) in \(path); download the checkpoint's safetensors files into it"
        case .pytorchOnly(let path):
            return "\(path) has only pytorch_model.bin, which GPTScope does not read (pickle); convert it in Python: "
                + Self.conversionSnippet.replacingOccurrences(of: "DIR", with: path).split(separator: "\n").joined(separator: "; ")
        case let .missingShard(index, shard):
            return "\(index) lists shard \(shard), which is not beside it; download every model-*.safetensors file of the checkpoint"
        case let .malformedShardIndex(path):
            return "\(path) is not a safetensors index (a weight_map from tensor names to shard files in this folder); download it again"
        case let .unsupportedArchitecture(model, reason):
            return "model \(model) is not supported by the forward pass: \(reason); GPT-2, GPT-1, Llama, Qwen2, Mistral and GPT-NeoX checkpoints are"
        case let .keyMismatch(path, missing, unused, misshaped):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(Self.list(missing))") }
            if !unused.isEmpty { parts.append("unused \(Self.list(unused))") }
            if !misshaped.isEmpty { parts.append("mis-shaped \(Self.list(misshaped))") }
            return "checkpoint \(path) does not match its config.json: " + parts.joined(separator: "; ")
                + "; check that config.json belongs to these weights"
        case let .nonFiniteWeight(path, tensor, index, value):
            return "checkpoint \(path) has a non-finite weight: \(tensor) holds \(value) at flat index \(index); "
                + "use a checkpoint saved before training diverged, or pass --allow-nonfinite to load it anyway"
        case let .tooManyTensors(path, implied, stored):
            return "checkpoint \(path) does not match its config.json: the config implies at least \(implied) tensors "
                + "but the files hold \(stored); check n_layer (and the other sizes) in config.json"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 6 ? names.joined(separator: ", ")
            : names.prefix(6).joined(separator: ", ") + " and \(names.count - 6) more"
    }
}
