import Foundation
import GPTModel
import TensorCore

/// Deterministic random tensors for the gradient checks.
struct RandomTensors {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// Uniform in [-scale, scale).
    mutating func tensor(_ shape: [Int], scale: Float = 1) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        for i in 0 ..< count { values[i] = scale * Float(2 * generator.nextUnit() - 1) }
        return Tensor(shape: shape, scalars: values)
    }

    /// `count` distinct indices below `bound` (all of them when `bound <= count`).
    mutating func indices(_ count: Int, below bound: Int) -> [Int] {
        guard bound > count else { return Array(0 ..< bound) }
        var chosen = Set<Int>()
        while chosen.count < count { chosen.insert(Int(generator.next() % UInt64(bound))) }
        return chosen.sorted()
    }
}

/// Central finite differences of a scalar function of one tensor, checked against an analytic gradient.
enum FiniteDifference {
    /// `Σ a ⊙ b` in double precision: the objective whose gradient with respect to `a` is `b`.
    static func dot(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.scalars, b.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// The largest |numeric − analytic| over `samples` entries of `input`, relative to the
    /// largest |analytic| entry: `f` is evaluated at `input ± h` in one entry at a time.
    static func relativeError(of analytic: Tensor, at input: Tensor, samples: Int = 12, step h: Float = 1e-2,
                              random: inout RandomTensors, _ f: (Tensor) -> Double) -> Double {
        precondition(analytic.shape == input.shape)
        let scale = Double(analytic.scalars.map(abs).max() ?? 0)
        var worst = 0.0
        for i in random.indices(samples, below: input.count) {
            var plus = input, minus = input
            plus.scalars[i] += h
            minus.scalars[i] -= h
            let numeric = (f(plus) - f(minus)) / Double(2 * h)
            worst = max(worst, abs(numeric - Double(analytic.scalars[i])))
        }
        return scale > 0 ? worst / scale : worst
    }
}
