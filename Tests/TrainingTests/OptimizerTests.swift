import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// AdamW against `torch.optim.AdamW` (Fixtures/adamw.json from grad_reference.py) and the
/// learning-rate schedule at hand-worked steps.
struct OptimizerTests {
    struct Reference: Decodable {
        struct Pair: Decodable { var matrix: [[Double]]; var vector: [Double] }
        var lr: Double, beta1: Double, beta2: Double, eps: Double
        var weightDecay: Double
        var matrix: [[Double]], vector: [Double]
        var gradients: [Pair], after: [Pair]
        enum CodingKeys: String, CodingKey {
            case lr, beta1, beta2, eps, weightDecay = "weight_decay", matrix, vector, gradients, after
        }
    }

    static func tensor(_ rows: [[Double]]) -> Tensor {
        Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0.map(Float.init) })
    }

    static func tensor(_ values: [Double]) -> Tensor { Tensor(shape: [values.count], scalars: values.map(Float.init)) }

    /// The reference's two tensors as a layer: a 2 × 2 matrix (decayed) and a 2-vector (not).
    struct Pair: ParameterLayer {
        var matrix: Tensor, vector: Tensor
        static func parameters(_: GPTConfiguration) -> [Parameter<Pair>] {
            [Parameter("matrix", shape: [2, 2], role: .weight, at: \.matrix),
             Parameter("vector", shape: [2], role: .bias, at: \.vector)]
        }
    }

    @Test func adamWMatchesTorchForTwoSteps() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("adamw.json")
        let r = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        var pair = Pair(matrix: Self.tensor(r.matrix), vector: Self.tensor(r.vector))
        let parameters = Pair.parameters(GPTConfiguration(name: "unused"))
        var optimizer = AdamW(zeroFor: pair, parameters: parameters, beta1: r.beta1, beta2: r.beta2, epsilon: r.eps, weightDecay: r.weightDecay)
        for (gradients, expected) in zip(r.gradients, r.after) {
            optimizer.update(&pair, gradients: Pair(matrix: Self.tensor(gradients.matrix), vector: Self.tensor(gradients.vector)),
                             parameters: parameters, learningRate: r.lr)
            #expect(pair.matrix.maxAbsoluteDifference(to: Self.tensor(expected.matrix)) < 2e-6)
            #expect(pair.vector.maxAbsoluteDifference(to: Self.tensor(expected.vector)) < 2e-6)
        }
        #expect(optimizer.stepCount == 2)
        // The first step moves every entry with a non-zero gradient by about lr (Adam's sign-like first step).
        #expect(abs(Double(pair.vector.scalars[0]) - r.vector[0]) > r.lr / 2)
    }

    @Test func scheduleAtHandWorkedSteps() {
        // Peak 1e-3, minimum 1e-4, 10 warm-up steps, 110 in all: the decay spans 100 steps.
        let s = LearningRateSchedule(peak: 1e-3, minimum: 1e-4, warmupSteps: 10, totalSteps: 110)
        #expect(abs(s.rate(0) - 1e-4) < 1e-12)          // 1e-3 · 1/10
        #expect(abs(s.rate(4) - 5e-4) < 1e-12)          // 1e-3 · 5/10
        #expect(abs(s.rate(9) - 1e-3) < 1e-12)          // warm-up done
        #expect(abs(s.rate(10) - 1e-3) < 1e-12)         // cos(0) = 1
        #expect(abs(s.rate(35) - (1e-4 + 0.45e-3 * (1 + 0.5.squareRoot()))) < 1e-12)  // progress 1/4: cos(π/4)
        #expect(abs(s.rate(60) - 5.5e-4) < 1e-12)       // progress 1/2: halfway between peak and minimum
        #expect(abs(s.rate(110) - 1e-4) < 1e-12)        // the end: the minimum
        #expect(abs(s.rate(500) - 1e-4) < 1e-12)        // past the end it stays there
        let noWarmup = LearningRateSchedule(peak: 2, minimum: 0, warmupSteps: 0, totalSteps: 4)
        #expect(noWarmup.rate(0) == 2)
        #expect(abs(noWarmup.rate(2) - 1) < 1e-12)
    }
}
