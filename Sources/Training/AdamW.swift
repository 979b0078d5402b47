import Foundation
import GPTModel
import TensorCore

/// Adam with decoupled weight decay (Loshchilov & Hutter 2019), as `torch.optim.AdamW` computes it.
///
/// For each parameter p with gradient g at step t (1-based), with weight decay λ only on the
/// parameters whose role decays (``ParameterRole/decays``: the matrices): `p ← p(1 − lr·λ)`,
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)`.
///
/// The moments are values of the trained layer's own type (for a ``GPT``: a GPT whose tensors are
/// moments), so one parameter list walks weights, gradients and both moments together.
public struct AdamW<Layer: ParameterLayer & Sendable>: Sendable {
    /// First moments: a tensor in each parameter's place.
    public private(set) var firstMoments: Layer
    /// Second moments.
    public private(set) var secondMoments: Layer
    /// Updates taken so far.
    public private(set) var stepCount: Int
    /// β₁, β₂, ε, λ.
    public let beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double

    /// Zero moments for `parameters` of `layer`.
    public init(zeroFor layer: Layer, parameters: [Parameter<Layer>], beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double) {
        self.init(firstMoments: layer.zeroed(parameters), secondMoments: layer.zeroed(parameters), stepCount: 0,
                  beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
    }

    /// An optimizer continuing from saved moments after `stepCount` updates.
    public init(firstMoments: Layer, secondMoments: Layer, stepCount: Int,
                beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double) {
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.stepCount = stepCount
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// The rows of one `[N, C]` parameter that an update may touch (see ``update(_:gradients:parameters:learningRate:onlyRows:)``).
    public struct RowSelection: Sendable, Equatable {
        /// The parameter's name.
        public var parameter: String
        /// One flag per row: true where the row is updated.
        public var rows: [Bool]

        /// Rows `rows` of the parameter named `parameter`.
        public init(parameter: String, rows: [Bool]) {
            self.parameter = parameter
            self.rows = rows
        }
    }

    /// One update of each of `parameters` in `layer` (in place) from `gradients`, a value of the
    /// same type, at rate `learningRate`; each parameter's role says whether it gets weight decay.
    ///
    /// With `onlyRows`, that parameter's unselected rows keep their values and both moments (no
    /// decay either): a lazy update, as `torch.optim.SparseAdam` makes for the rows a sparse
    /// gradient leaves out. The bias corrections still use the global step count, as SparseAdam's do.
    public mutating func update(_ layer: inout Layer, gradients: Layer, parameters: [Parameter<Layer>], learningRate: Double,
                                onlyRows: RowSelection? = nil) {
        stepCount += 1
        let t = Double(stepCount)
        let step = Step(stepSize: Float(learningRate / (1 - pow(beta1, t))), correction2: Float((1 - pow(beta2, t)).squareRoot()),
                        beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon))
        for parameter in parameters {
            let shrink = parameter.role.decays ? Float(1 - learningRate * weightDecay) : 1
            let rows = onlyRows.flatMap { $0.parameter == parameter.name ? $0.rows : nil }
            if let rows {
                precondition(parameter.shape.count == 2 && rows.count == parameter.shape[0],
                             "AdamW: \(rows.count) row flags for \(parameter.name) \(parameter.shape)")
            }
            Self.update(parameter, in: &layer, gradient: parameter.tensor(in: gradients), shrink: shrink, step: step,
                        firstMoments: &firstMoments, secondMoments: &secondMoments, rows: rows)
        }
    }

    /// The constants of one update.
    struct Step {
        /// lr / (1 − β₁ᵗ), and √(1 − β₂ᵗ).
        var stepSize: Float, correction2: Float
        var beta1: Float, beta2: Float, epsilon: Float
    }

    /// One parameter's update, with its tensor, its gradient and its two moments side by side (in place).
    static func update(_ parameter: Parameter<Layer>, in layer: inout Layer, gradient: Tensor, shrink: Float, step s: Step,
                       firstMoments: inout Layer, secondMoments: inout Layer, rows: [Bool]?) {
        precondition(gradient.shape == parameter.shape, "AdamW: \(parameter.name) has gradient \(gradient.shape), not \(parameter.shape)")
        parameter.update(&layer) { tensor in
            parameter.update(&firstMoments) { first in
                parameter.update(&secondMoments) { second in
                    tensor.withUnsafeMutableBufferPointer { p in
                        gradient.withUnsafeBufferPointer { g in
                            first.withUnsafeMutableBufferPointer { m in
                                second.withUnsafeMutableBufferPointer { v in
                                    func update(_ range: Range<Int>) {
                                        for j in range {
                                            m[j] = s.beta1 * m[j] + (1 - s.beta1) * g[j]
                                            v[j] = s.beta2 * v[j] + (1 - s.beta2) * g[j] * g[j]
                                            let denominator = v[j].squareRoot() / s.correction2 + s.epsilon
                                            p[j] = p[j] * shrink - s.stepSize * m[j] / denominator
                                        }
                                    }
                                    guard let rows else { return update(0 ..< p.count) }
                                    let width = parameter.shape[1]
                                    for (r, selected) in rows.enumerated() where selected { update(r * width ..< (r + 1) * width) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
