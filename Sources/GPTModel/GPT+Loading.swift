import Foundation
import TensorCore

extension GPT {
    /// Loads a Hugging Face GPT-2 or GPT-1 checkpoint directory (`config.json` + `model.safetensors`).
    ///
    /// F16/BF16 weights become fp32. Every tensor in the file must be used and every parameter
    /// found with the shape config.json implies; otherwise one ``CheckpointError/keyMismatch``
    /// names them all.
    public static func load(directory: URL) throws -> GPT {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CheckpointError.notADirectory(path: directory.path)
        }
        let configuration = try GPTConfiguration.load(checkpointDirectory: directory)
        let weightsURL = directory.appendingPathComponent("model.safetensors")
        guard FileManager.default.fileExists(atPath: weightsURL.path) else {
            let pickle = directory.appendingPathComponent("pytorch_model.bin")
            throw FileManager.default.fileExists(atPath: pickle.path)
                ? CheckpointError.pytorchOnly(path: directory.path) : CheckpointError.noWeights(path: directory.path)
        }
        let file = try SafetensorsFile(contentsOf: weightsURL)
        return try GPT(configuration: configuration, file: file)
    }

    /// Builds a model from an opened safetensors file, verifying keys both ways against
    /// ``parameters(_:)``: every tensor in the file used, every parameter found with its shape.
    public init(configuration: GPTConfiguration, file: SafetensorsFile) throws {
        if let reason = CheckpointLayout(configuration: configuration).unsupportedReason {
            throw CheckpointError.unsupportedArchitecture(model: configuration.name, reason: reason)
        }
        let parameters = GPT.parameters(configuration)
        var keyFor: [String: String] = [:]   // canonical name -> file key
        var unused: [String] = []
        for key in file.names {
            guard let name = CheckpointLayout.canonicalName(key) else { continue }
            if keyFor[name] != nil { unused.append(key) } else { keyFor[name] = key }
        }
        var missing: [String] = [], misshaped: [String] = []
        for parameter in parameters {
            guard let key = keyFor[parameter.name], let entry = file.entries[key] else { missing.append(parameter.name); continue }
            if entry.shape != parameter.shape {
                misshaped.append("\(parameter.name) \(entry.shape) (config implies \(parameter.shape))")
            }
        }
        let expected = Set(parameters.map(\.name))
        for (name, key) in keyFor where !expected.contains(name) {
            // A tied head saved anyway is accepted when it has the embedding's shape (and not
            // read: the head is wte, as transformers ties it).
            if name == CheckpointLayout.outputHeadName, configuration.tiedOutputHead,
               file.entries[key]?.shape == [configuration.vocabularySize, configuration.embeddingWidth] { continue }
            unused.append(key)
        }
        guard missing.isEmpty, unused.isEmpty, misshaped.isEmpty else {
            throw CheckpointError.keyMismatch(path: file.url.path, missing: missing, unused: unused.sorted(), misshaped: misshaped)
        }
        try self.init(configuration: configuration) { try file.tensor(named: keyFor[$0.name]!) }
    }
}
