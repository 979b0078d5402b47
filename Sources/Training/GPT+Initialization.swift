import Foundation
import GPTModel
import TensorCore

extension GPT {
    /// GPT-2's standard deviation for every initial matrix and table: 0.02.
    public static let gpt2Std = 0.02

    /// GPT-2's initialization, deterministic for `seed`: matrices N(0, 0.02), the residual
    /// projections (`attn.c_proj`, `mlp.c_proj`) N(0, 0.02/√(2L)), linear biases 0, LayerNorm
    /// weights 1 and shifts 0. Matrices draw from one generator in checkpoint order.
    ///
    /// (Until the 16,384-token built-in model, shifts started at 1: every normalised input then
    /// carried a constant vector as large as itself, which adds the same key-dependent term to
    /// every query's scores; with it, no run of the built-in model's recipe grew a sharp
    /// previous-token head.)
    ///
    /// `positions: .sinusoidal` starts the learned position table `wpe` from the original
    /// Transformer's sin/cos table instead of noise, scaled to the token table's size (each
    /// element's root mean square 0.02). It stays a learned table; what changes is where it starts.
    /// A table drawn from N(0, 0.02) has no structure, and what structure training gives it in a
    /// short run is smooth (neighbouring rows nearly equal: cosine 0.87 between positions p and
    /// p + 1 after 2,000 steps of the built-in model's recipe), so no head can single out the
    /// previous position and the induction heads that build on such a head never form. Sin/cos
    /// rows let a head reach "one position back" through a fixed linear map (a rotation), from step 0.
    ///
    /// `matrixStd` replaces GPT-2's 0.02 for the weight matrices (the output head included) and,
    /// divided by √(2L), for the residual projections; the token and position tables keep 0.02 and
    /// the draws are the same numbers, scaled. Why: under the alphabet curriculum, in
    /// `alphabet_curriculum.py`'s 2-layer runs (untied head), matrices started at 0.05 formed the
    /// induction head by step 1,400 (second-copy loss 0.08, induction 0.90) and at 0.02 had not by
    /// step 2,000 (4.14 of ln 64 = 4.16, induction 0.04); 0.05 on the residual projections alone
    /// had not by step 1,600. Small query and key matrices keep every head's pattern flat for
    /// longer, and the heads that have to compose start from a weaker signal.
    public static func initialized(_ configuration: GPTConfiguration, seed: UInt64,
                                   positions: TrainingOptions.PositionInitialization = .normal,
                                   matrixStd: Double = gpt2Std) -> GPT {
        var generator = SplitMix64(seed: seed)
        let residualScale = matrixStd / (2 * Double(max(1, configuration.layerCount))).squareRoot()
        return GPT(configuration: configuration) { parameter in
            if positions == .sinusoidal, parameter.role == .embedding, isPositionTable(parameter.name) {
                // Drawn anyway, so every later matrix gets the same numbers as with `.normal`.
                for _ in 0 ..< parameter.count { _ = normal(&generator) }
                return sinusoidalTable(rows: parameter.shape[0], width: parameter.shape[1], rms: gpt2Std)
            }
            func drawn(_ std: Double) -> Tensor {
                Tensor(shape: parameter.shape) { out in
                    for i in 0 ..< parameter.count { out[i] = Float(std * normal(&generator)) }
                }
            }
            switch parameter.role {
            case .normScale: return Tensor(shape: parameter.shape, repeating: 1)
            case .normShift, .bias: return Tensor(shape: parameter.shape, repeating: 0)
            case .embedding: return drawn(gpt2Std)
            case .weight: return drawn(matrixStd)
            case .residualProjection: return drawn(residualScale)
            }
        }
    }

    /// Whether `name` is a learned position table (GPT-2's `wpe`, GPT-1's `positions_embed`).
    static func isPositionTable(_ name: String) -> Bool {
        name.hasSuffix("wpe.weight") || name.hasSuffix("positions_embed.weight")
    }

    /// `[rows, width]`: ``SinusoidalPositions`` times √2 · `rms`, so that each element's root
    /// mean square over the table is about `rms`.
    static func sinusoidalTable(rows: Int, width: Int, rms: Double) -> Tensor {
        let scale = rms * 2.0.squareRoot()
        let values = SinusoidalPositions.values(positions: 0 ..< rows, width: width)
        return Tensor(shape: [rows, width], scalars: values.map { Float(scale * $0) })
    }

    /// A standard normal sample (Box–Muller), from 53-bit uniforms.
    static func normal(_ generator: inout SplitMix64) -> Double {
        let u1 = max(generator.nextUnit(), 1e-300), u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
