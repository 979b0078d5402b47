import Foundation
import TensorCore

/// Writes a Hugging Face GPT-2 checkpoint directory with random weights (for benchmarks and
/// tests that need a model of a given shape, not a trained one).
///
/// Weights are N(0, 0.02) as GPT-2 initializes them, LayerNorm weights 1, biases 0; deterministic
/// for a seed. The output head is tied to `wte`, as in GPT-2.
public enum RandomCheckpoint {
    /// Writes `config.json` and `model.safetensors` for `configuration` (a pre-LN GPT-2 shape) into `directory`.
    public static func write(_ configuration: GPTConfiguration, to directory: URL, seed: UInt64 = 0) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = GPT2ConfigFile(configuration)
        config.activationFunction = "gelu_new"
        config.tieWordEmbeddings = true
        let json = try config.encoded()
        try json.write(to: directory.appendingPathComponent("config.json"), options: .atomic)

        var generator = SplitMix64(seed: seed)
        var tensors: [String: Tensor] = [:]
        for parameter in GPT.parameters(configuration) {
            let key = "transformer." + parameter.name
            switch parameter.role {
            case .normScale:
                tensors[key] = Tensor(shape: parameter.shape, repeating: 1)
            case .bias, .normShift:
                tensors[key] = Tensor(shape: parameter.shape, repeating: 0)
            case .embedding, .weight, .residualProjection:
                tensors[key] = Tensor(shape: parameter.shape) { out in
                    for i in 0 ..< parameter.count { out[i] = 0.02 * normal(&generator) }
                }
            }
        }
        try SafetensorsWriter.write(tensors, metadata: ["format": "pt"], to: directory.appendingPathComponent("model.safetensors"))
    }

    /// A standard normal sample (Box–Muller).
    static func normal(_ generator: inout SplitMix64) -> Float {
        let u1 = max(generator.nextUnit(), 1e-300), u2 = generator.nextUnit()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}
