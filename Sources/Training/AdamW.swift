import Foundation
import GPTModel
import TensorCore

/// Adam with decoupled weight decay (Loshchilov & Hutter 2019), as `torch.optim.AdamW` computes it.
///
/// For each parameter p with gradient g at step t (1-based), with weight decay λ only on the
/// parameters whose role decays (``ParameterRole/decays``: the matrices): `p ← p(1 − lr·λ)`,
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)`.
public struct AdamW: Sendable {
    /// First moments, one per parameter tensor, in the order of the parameter list (as llm.c
    /// keeps its moments in flat buffers beside the parameters).
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

    /// One update of every parameter of `layer` (in place) from `gradients`, a value of the same
    /// type, at rate `learningRate`. `parameters` is the list the moments were made for (same
    /// order); each parameter's role says whether it gets weight decay.
    public mutating func update<Layer>(_ layer: inout Layer, gradients: Layer, parameters: [Parameter<Layer>], learningRate: Double) {
        precondition(parameters.count == firstMoments.count,
                     "AdamW: \(parameters.count) parameters, \(firstMoments.count) moments")
        stepCount += 1
        let t = Double(stepCount)
        let stepSize = Float(learningRate / (1 - pow(beta1, t)))
        let correction2 = Float((1 - pow(beta2, t)).squareRoot())
        let (b1, b2, eps) = (Float(beta1), Float(beta2), Float(epsilon))
        for (i, parameter) in parameters.enumerated() {
            let shrink = parameter.role.decays ? Float(1 - learningRate * weightDecay) : 1
            let gradient = parameter.tensor(in: gradients)
            precondition(parameter.shape == gradient.shape && firstMoments[i].shape == gradient.shape,
                         "AdamW: \(parameter.name) has gradient \(gradient.shape), moments \(firstMoments[i].shape)")
            parameter.update(&layer) { tensor in
                tensor.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeBufferPointer { g in
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
}
