import Foundation
import TensorCore

/// Adam with decoupled weight decay (Loshchilov & Hutter 2019), as `torch.optim.AdamW` computes it.
///
/// For each parameter p with gradient g at step t (1-based), with weight decay λ only on the
/// tensors `decays` marks: `p ← p(1 − lr·λ)`, `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
/// `p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)`.
public struct AdamW: Sendable {
    /// First moments, one per parameter tensor, in the parameters' order.
    public private(set) var firstMoments: [Tensor]
    /// Second moments.
    public private(set) var secondMoments: [Tensor]
    /// Updates taken so far.
    public private(set) var stepCount: Int
    /// β₁, β₂, ε, λ.
    public let beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double

    /// Zero moments for tensors of `shapes`.
    public init(shapes: [[Int]], beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double) {
        firstMoments = shapes.map { Tensor(shape: $0) }
        secondMoments = shapes.map { Tensor(shape: $0) }
        stepCount = 0
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// An optimizer continuing from saved moments after `stepCount` updates.
    public init(firstMoments: [Tensor], secondMoments: [Tensor], stepCount: Int,
                beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double) {
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.stepCount = stepCount
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// One update of `parameters` (in place) from `gradients` (same order and shapes) at rate
    /// `learningRate`; `decays[i]` says whether tensor i gets weight decay.
    public mutating func update(_ parameters: inout [Tensor], gradients: [Tensor], decays: [Bool], learningRate: Double) {
        precondition(parameters.count == firstMoments.count && gradients.count == parameters.count && decays.count == parameters.count,
                     "AdamW: \(parameters.count) parameters, \(gradients.count) gradients, \(firstMoments.count) moments")
        stepCount += 1
        let t = Double(stepCount)
        let stepSize = Float(learningRate / (1 - pow(beta1, t)))
        let correction2 = Float((1 - pow(beta2, t)).squareRoot())
        let (b1, b2, eps) = (Float(beta1), Float(beta2), Float(epsilon))
        for i in parameters.indices {
            let shrink = decays[i] ? Float(1 - learningRate * weightDecay) : 1
            precondition(parameters[i].shape == gradients[i].shape, "AdamW: gradient \(i) has shape \(gradients[i].shape)")
            parameters[i].withUnsafeMutableBufferPointer { p in
                gradients[i].withUnsafeBufferPointer { g in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            for j in 0 ..< p.count {
                                m[j] = b1 * m[j] + (1 - b1) * g[j]
                                v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j]
                                let denominator = v[j].squareRoot() / correction2 + eps
                                p[j] = p[j] * shrink - stepSize * m[j] / denominator
                            }
                        }
                    }
                }
            }
        }
    }
}
