import Foundation
import GPTModel
import TensorCore

/// Every trainable tensor of a GPT under its checkpoint name, in ``CheckpointLayout`` order: the
/// optimizer's view of a model (the ``GPT`` itself is immutable and is rebuilt from these).
public struct ModelParameters: Sendable {
    /// The architecture.
    public let configuration: GPTConfiguration
    /// Checkpoint names (`wte.weight`, `h.0.attn.c_attn.weight`, …), in layout order.
    public let names: [String]
    /// The tensors, in the order of ``names``.
    public var tensors: [Tensor]

    /// Parameters from named tensors (every name of the layout must be present).
    public init(configuration: GPTConfiguration, named: [String: Tensor]) throws(TrainingError) {
        let layout = CheckpointLayout(configuration: configuration)
        self.configuration = configuration
        self.names = layout.parameters.map(\.name)
        var tensors: [Tensor] = []
        for (name, shape) in layout.parameters {
            guard let tensor = named[name], tensor.shape == shape else {
                throw .inconsistentCheckpoint(path: configuration.name, reason: "parameter \(name) \(shape) is missing or mis-shaped")
            }
            tensors.append(tensor)
        }
        self.tensors = tensors
    }

    /// GPT-2's initialization, deterministic for `seed`: weights N(0, 0.02), the residual
    /// projections (`attn.c_proj`, `mlp.c_proj`) N(0, 0.02/√(2L)), LayerNorm weights 1, biases 0.
    public static func initialized(_ configuration: GPTConfiguration, seed: UInt64) throws(TrainingError) -> ModelParameters {
        var generator = SplitMix64(seed: seed)
        let residualScale = 0.02 / (2 * Double(max(1, configuration.layerCount))).squareRoot()
        var named: [String: Tensor] = [:]
        for (name, shape) in CheckpointLayout(configuration: configuration).parameters {
            let count = shape.reduce(1, *)
            if shape.count == 1, name.contains("ln_") {
                named[name] = Tensor(shape: shape, repeating: 1)
            } else if shape.count == 1 {
                named[name] = Tensor(shape: shape, repeating: 0)
            } else {
                let std = name.hasSuffix("c_proj.weight") ? residualScale : 0.02
                named[name] = Tensor(shape: shape) { out in
                    for i in 0 ..< count { out[i] = Float(std * normal(&generator)) }
                }
            }
        }
        return try ModelParameters(configuration: configuration, named: named)
    }

    /// Reads the parameters of a Hugging Face checkpoint directory (keys with or without `transformer.`).
    public static func load(directory: URL) throws -> ModelParameters {
        let configuration = try GPTConfiguration.load(checkpointDirectory: directory)
        let file = try SafetensorsFile(contentsOf: directory.appendingPathComponent("model.safetensors"))
        _ = try GPT(configuration: configuration, file: file)  // verifies every key both ways
        var named: [String: Tensor] = [:]
        for key in file.names {
            guard let name = CheckpointLayout.canonicalName(key) else { continue }
            named[name] = try file.tensor(named: key)
        }
        return try ModelParameters(configuration: configuration, named: named)
    }

    /// The tensors by name.
    public var named: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: zip(names, tensors))
    }

    /// Total number of scalars.
    public var count: Int { tensors.reduce(0) { $0 + $1.count } }

    /// Which tensors get weight decay: matrices (embeddings and linear weights), not biases or norms.
    public var decays: [Bool] { tensors.map { $0.rank >= 2 } }

    /// The model these parameters describe (shares their storage until they change).
    public func model() throws -> GPT {
        let lookup = named
        return try GPT(configuration: configuration, parameter: { name in
            guard let tensor = lookup[name] else { throw TrainingError.inconsistentCheckpoint(path: configuration.name, reason: "no \(name)") }
            return tensor
        }, hasSavedHead: !configuration.tiedOutputHead)
    }

    /// A standard normal sample (Box–Muller), from 53-bit uniforms.
    static func normal(_ generator: inout SplitMix64) -> Double {
        let u1 = max(generator.nextUnit(), 1e-300), u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
