import Foundation
import GPTModel
import TensorCore

extension GPT {
    /// GPT-2's initialization, deterministic for `seed`: matrices N(0, 0.02), the residual
    /// projections (`attn.c_proj`, `mlp.c_proj`) N(0, 0.02/√(2L)), linear biases 0.
    ///
    /// LayerNorm weights *and shifts* start at 1 (GPT-2 starts shifts at 0): the built-in model
    /// was trained from this initialization, and retraining it must reproduce its weights.
    /// Matrices draw from one generator in checkpoint order.
    public static func initialized(_ configuration: GPTConfiguration, seed: UInt64) -> GPT {
        var generator = SplitMix64(seed: seed)
        let residualScale = 0.02 / (2 * Double(max(1, configuration.layerCount))).squareRoot()
        return GPT(configuration: configuration) { parameter in
            switch parameter.role {
            case .normScale, .normShift:
                return Tensor(shape: parameter.shape, repeating: 1)
            case .bias:
                return Tensor(shape: parameter.shape, repeating: 0)
            case .embedding, .weight, .residualProjection:
                let std = parameter.role == .residualProjection ? residualScale : 0.02
                return Tensor(shape: parameter.shape) { out in
                    for i in 0 ..< parameter.count { out[i] = Float(std * normal(&generator)) }
                }
            }
        }
    }

    /// A standard normal sample (Box–Muller), from 53-bit uniforms.
    static func normal(_ generator: inout SplitMix64) -> Double {
        let u1 = max(generator.nextUnit(), 1e-300), u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
