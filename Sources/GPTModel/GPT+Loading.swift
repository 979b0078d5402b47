import Foundation
import TensorCore

extension GPT {
    /// The index file of a checkpoint split over several safetensors files.
    public static let shardIndexName = "model.safetensors.index.json"

    /// Loads a Hugging Face checkpoint directory: `config.json` and `model.safetensors`, or the
    /// shards `model.safetensors.index.json` lists (GPT-2, GPT-1, Llama, Qwen2, Mistral, GPT-NeoX).
    ///
    /// F16/BF16 weights become fp32. Every tensor in the files must be used and every parameter
    /// found with the shape config.json implies; otherwise one ``CheckpointError/keyMismatch``
    /// names them all.
    public static func load(directory: URL) throws -> GPT {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CheckpointError.notADirectory(path: directory.path)
        }
        let configuration = try GPTConfiguration.load(checkpointDirectory: directory)
        return try GPT(configuration: configuration, files: try checkpointFiles(directory: directory))
    }

    /// The safetensors files of a checkpoint directory: `model.safetensors`, or every shard
    /// `model.safetensors.index.json` lists (each must be present).
    public static func checkpointFiles(directory: URL) throws -> [SafetensorsFile] {
        let weightsURL = directory.appendingPathComponent("model.safetensors")
        if FileManager.default.fileExists(atPath: weightsURL.path) {
            return [try SafetensorsFile(contentsOf: weightsURL)]
        }
        let indexURL = directory.appendingPathComponent(shardIndexName)
        if FileManager.default.fileExists(atPath: indexURL.path) {
            return try shardNames(index: indexURL).map { name in
                let url = directory.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw CheckpointError.missingShard(index: indexURL.path, shard: name)
                }
                return try SafetensorsFile(contentsOf: url)
            }
        }
        let pickle = directory.appendingPathComponent("pytorch_model.bin")
        throw FileManager.default.fileExists(atPath: pickle.path)
            ? CheckpointError.pytorchOnly(path: directory.path) : CheckpointError.noWeights(path: directory.path)
    }

    /// The shard file names an index's `weight_map` points to, each once, in order.
    static func shardNames(index url: URL) throws -> [String] {
        struct Index: Decodable { var weight_map: [String: String] }
        let index: Index
        do {
            index = try JSONDecoder().decode(Index.self, from: Data(contentsOf: url))
        } catch {
            throw CheckpointError.malformedShardIndex(path: url.path)
        }
        let names = Set(index.weight_map.values).sorted()
        // A shard name is a file beside the index, never a path out of the folder.
        guard !names.isEmpty, names.allSatisfy({ !$0.contains("/") && $0 != ".." }) else {
            throw CheckpointError.malformedShardIndex(path: url.path)
        }
        return names
    }

    /// Builds a model from an opened safetensors file, verifying keys both ways against
    /// ``parameters(_:)``: every tensor in the file used, every parameter found with its shape.
    public init(configuration: GPTConfiguration, file: SafetensorsFile) throws {
        try self.init(configuration: configuration, files: [file])
    }

    /// Builds a model from the safetensors files of one checkpoint (one, or every shard),
    /// verifying keys both ways: every tensor used exactly once, every parameter found with its shape.
    public init(configuration: GPTConfiguration, files: [SafetensorsFile]) throws {
        if let reason = CheckpointLayout(configuration: configuration).unsupportedReason {
            throw CheckpointError.unsupportedArchitecture(model: configuration.name, reason: reason)
        }
        // Every layer stores at least one tensor, so a layer count beyond the files' tensor count
        // cannot match; refusing it here avoids listing billions of expected names first.
        let stored = files.reduce(0) { $0 + $1.entries.count }
        let (implied, overflow) = configuration.layerCount.addingReportingOverflow(configuration.encoderLayerCount)
        if overflow || implied > stored {
            let path = files.first.map { files.count == 1 ? $0.url.path : $0.url.deletingLastPathComponent().path } ?? configuration.name
            throw CheckpointError.tooManyTensors(path: path, implied: overflow ? Int.max : implied, stored: stored)
        }
        let parameters = GPT.parameters(configuration)
        var keyFor: [String: (key: String, file: SafetensorsFile)] = [:]   // canonical name -> file key
        var unused: [String] = []
        for file in files {
            for key in file.names {
                guard let name = CheckpointLayout.canonicalName(key) else { continue }
                if keyFor[name] != nil { unused.append(key) } else { keyFor[name] = (key, file) }
            }
        }
        var missing: [String] = [], misshaped: [String] = []
        for parameter in parameters {
            guard let (key, file) = keyFor[parameter.name], let entry = file.entries[key] else { missing.append(parameter.name); continue }
            if entry.shape != parameter.shape {
                misshaped.append("\(parameter.name) \(entry.shape) (config implies \(parameter.shape))")
            }
        }
        let expected = Set(parameters.map(\.name))
        let headName = CheckpointLayout.ModelNames(configuration.checkpointFormat).outputHead
        for (name, (key, file)) in keyFor where !expected.contains(name) {
            // A tied head saved anyway is accepted when it has the embedding's shape (and not
            // read: the head is the token table, as transformers ties it).
            if name == headName, configuration.tiedOutputHead,
               file.entries[key]?.shape == [configuration.vocabularySize, configuration.embeddingWidth] { continue }
            unused.append(key)
        }
        guard missing.isEmpty, unused.isEmpty, misshaped.isEmpty else {
            let path = files.count == 1 ? files[0].url.path : files[0].url.deletingLastPathComponent().path
            throw CheckpointError.keyMismatch(path: path, missing: missing, unused: unused.sorted(), misshaped: misshaped)
        }
        try self.init(configuration: configuration) { parameter in
            let (key, file) = keyFor[parameter.name]!
            return try file.tensor(named: key)
        }
    }
}
