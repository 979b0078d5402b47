import Foundation
import TensorCore

/// Rotary position embedding (RoPE, Su et al. 2021) as Hugging Face transformers computes it:
/// queries and keys are rotated by an angle that grows with the position, so q·k depends only
/// on how far apart two tokens are.
///
/// Dimension pair i of a head is (i, i + d/2) — transformers' `rotate_half` layout, not the
/// paper's adjacent pairs — and turns by `position · inv_freq[i]` with
/// `inv_freq[i] = 1 / base^(2i/d)`. With partial rotary (GPT-NeoX) only the first d of the head's
/// hs dimensions rotate. Frequencies, angles, cosines and sines are float32, as in transformers.
public struct RotaryEmbedding: Codable, Sendable, Equatable {
    /// The wavelength base (`rope_theta`; GPT-NeoX's `rotary_emb_base`).
    public var base: Double
    /// How many dimensions of each head rotate, d (even; the head width unless partial).
    public var dimensions: Int
    /// How the frequencies are stretched for contexts longer than the training one.
    public var scaling: Scaling

    /// `rope_scaling` / `rope_parameters.rope_type`.
    public enum Scaling: Codable, Sendable, Equatable {
        /// `default`: the frequencies as they are.
        case none
        /// `linear`: every frequency divided by `factor` (positions interpolated).
        case linear(factor: Double)
        /// `dynamic` (NTK): past `maxPositions` tokens the base grows with the sequence length.
        case dynamic(factor: Double, maxPositions: Int)
        /// `llama3`: low frequencies divided by `factor`, high ones kept, the band between blended.
        case llama3(factor: Double, lowFrequencyFactor: Double, highFrequencyFactor: Double, originalContext: Int)

        /// The Hugging Face `rope_type` name.
        public var name: String {
            switch self {
            case .none: "default"
            case .linear: "linear"
            case .dynamic: "dynamic"
            case .llama3: "llama3"
            }
        }
    }

    /// A rotary embedding over `dimensions` dimensions of each head.
    public init(base: Double = 10_000, dimensions: Int, scaling: Scaling = .none) {
        self.base = base
        self.dimensions = dimensions
        self.scaling = scaling
    }

    /// `inv_freq`, `[d/2]`, for a forward pass whose last position is `sequenceLength - 1`
    /// (only dynamic scaling depends on it).
    public func inverseFrequencies(sequenceLength: Int = 0) -> [Float] {
        let d = dimensions
        var base = base
        if case .dynamic(let factor, let maxPositions) = scaling {
            // transformers: base · (factor · L / max − (factor − 1))^(d / (d − 2)) with L ≥ max.
            let length = Double(max(sequenceLength, maxPositions))
            base *= pow(factor * length / Double(maxPositions) - (factor - 1), Double(d) / Double(d - 2))
        }
        // `base ** (arange(0, d, 2).float() / d)`: a float32 exponent and power.
        let b = Float(base)
        var inverse = (0 ..< d / 2).map { i in 1 / powf(b, Float(2 * i) / Float(d)) }
        switch scaling {
        case .none, .dynamic:
            break
        case .linear(let factor):
            inverse = inverse.map { $0 / Float(factor) }
        case .llama3(let factor, let low, let high, let context):
            let lowWavelength = Float(Double(context) / low), highWavelength = Float(Double(context) / high)
            let f = Float(factor)
            inverse = inverse.map { frequency in
                let wavelength = 2 * Float.pi / frequency
                if wavelength < highWavelength { return frequency }       // fast dimensions: unchanged
                if wavelength > lowWavelength { return frequency / f }    // slow dimensions: stretched
                let smooth = (Float(context) / wavelength - Float(low)) / Float(high - low)
                return (1 - smooth) * frequency / f + smooth * frequency
            }
        }
        return inverse
    }

    /// The cosines and sines of positions `start ..< start + count`, computed once per forward
    /// pass and shared by every layer's queries and keys.
    public func table(startPosition start: Int, count t: Int) -> Table {
        let half = dimensions / 2
        let inverse = inverseFrequencies(sequenceLength: start + t)
        var cosines = [Float](repeating: 0, count: t * half), sines = cosines
        for p in 0 ..< t {
            for i in 0 ..< half {
                let angle = Float(start + p) * inverse[i]                   // float32, as transformers
                cosines[p * half + i] = cos(angle)
                sines[p * half + i] = sin(angle)
            }
        }
        return Table(startPosition: start, count: t, half: half, cosines: cosines, sines: sines)
    }

    /// `cos` and `sin` of each position's angle per dimension pair, `[T, d/2]` each.
    public struct Table: Sendable {
        /// The first position.
        public let startPosition: Int
        /// Number of positions T.
        public let count: Int
        /// d/2 pairs.
        public let half: Int
        /// `cos(position · inv_freq[i])`, row-major `[T, d/2]`.
        public let cosines: [Float]
        /// `sin(position · inv_freq[i])`, row-major `[T, d/2]`.
        public let sines: [Float]
    }

    /// Rotates the first d dimensions of every head of `x` (`[T, N, hs]`, queries or keys) by
    /// the angles of positions `start ..< start + T`: `x·cos + rotate_half(x)·sin`.
    public func rotate(_ x: Tensor, startPosition start: Int) -> Tensor {
        rotate(x, table: table(startPosition: start, count: x.shape[0]))
    }

    /// Rotates `x` (`[T, N, hs]`) by the angles in `table` (which must cover its T positions).
    public func rotate(_ x: Tensor, table: Table) -> Tensor {
        let (t, n, hs) = (x.shape[0], x.shape[1], x.shape[2])
        let half = table.half
        precondition(table.count == t && 2 * half <= hs, "rotary table for \(table.count) positions of \(2 * half) dimensions, x is \(x.shape)")
        return Tensor(shape: x.shape) { o in
            x.withUnsafeBufferPointer { src in
                guard x.count > 0 else { return }
                o.baseAddress!.update(from: src.baseAddress!, count: x.count)      // the dimensions past d stay
                for p in 0 ..< t {
                    for h in 0 ..< n {
                        let row = (p * n + h) * hs
                        for i in 0 ..< half {
                            let (c, s) = (table.cosines[p * half + i], table.sines[p * half + i])
                            let (x1, x2) = (src[row + i], src[row + i + half])
                            o[row + i] = x1 * c + -x2 * s                  // rotate_half: (−x2, x1)
                            o[row + i + half] = x2 * c + x1 * s
                        }
                    }
                }
            }
        }
    }
}
