import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// Every layer's backward against central finite differences of its forward, on tiny shapes.
/// The objective is `Σ out ⊙ R` for a fixed random R, so `dL/dout = R`.
struct FiniteDifferenceTests {
    static let tolerance = 1e-2   // float32 forward, h = 1e-2: a wrong term is off by O(1)
    let t = 5, c = 8, heads = 2, f = 12
    /// The shapes above as a configuration: the layers' parameter lists (and so their gradient buffers) come from it.
    var configuration: GPTConfiguration {
        GPTConfiguration(name: "fd-layers", vocabularySize: 6, contextLength: t, embeddingWidth: c, layerCount: 1, headCount: heads, mlpWidth: f)
    }

    @Test func layerNorm() {
        var r = RandomTensors(seed: 1)
        let x = r.tensor([t, c], scale: 2)
        let norm = LayerNorm(weight: r.tensor([c]), bias: r.tensor([c]), epsilon: 1e-5)
        let upstream = r.tensor([t, c])
        var gradients = norm.zeroed(LayerNorm.parameters(configuration))
        let dx = norm.backward(x, outputGradient: upstream, gradients: &gradients)
        #expect(FiniteDifference.relativeError(of: dx, at: x, random: &r) { FiniteDifference.dot(norm($0), upstream) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: gradients.weight, at: norm.weight, random: &r) {
            FiniteDifference.dot(LayerNorm(weight: $0, bias: norm.bias, epsilon: 1e-5)(x), upstream) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: gradients.bias, at: norm.bias, random: &r) {
            FiniteDifference.dot(LayerNorm(weight: norm.weight, bias: $0, epsilon: 1e-5)(x), upstream) } < Self.tolerance)
    }

    @Test(arguments: [GPTConfiguration.Activation.geluNew, .gelu, .relu, .silu])
    func mlp(activation: GPTConfiguration.Activation) {
        var r = RandomTensors(seed: 2)
        let x = r.tensor([t, c])
        let mlp = MLP(fcWeight: r.tensor([c, f]), fcBias: r.tensor([f]), projWeight: r.tensor([f, c]), projBias: r.tensor([c]),
                      activation: activation)
        func run(_ m: MLP, _ input: Tensor) -> (Tensor, ActivationCache) {
            var hooks = HookPoints(filter: .all)
            return (m(input, layer: 0, hooks: &hooks), hooks.cache)
        }
        let upstream = r.tensor([t, c])
        let cache = run(mlp, x).1
        var g = mlp.zeroed(MLP.parameters(configuration))
        let dx = mlp.backward(x, pre: cache[.mlpPre(0)]!, post: cache[.mlpPost(0)]!, outputGradient: upstream, gradients: &g)
        let loss = { (m: MLP, input: Tensor) in FiniteDifference.dot(run(m, input).0, upstream) }
        // ReLU's kink at 0: one pre-activation here is 1.2e-4 from it, so the step must be smaller.
        let h: Float = activation == .relu ? 5e-5 : 1e-2
        #expect(FiniteDifference.relativeError(of: dx, at: x, step: h, random: &r) { loss(mlp, $0) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.fcWeight, at: mlp.fcWeight, step: h, random: &r) {
            loss(MLP(fcWeight: $0, fcBias: mlp.fcBias, projWeight: mlp.projWeight, projBias: mlp.projBias, activation: activation), x) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.fcBias, at: mlp.fcBias, step: h, random: &r) {
            loss(MLP(fcWeight: mlp.fcWeight, fcBias: $0, projWeight: mlp.projWeight, projBias: mlp.projBias, activation: activation), x) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.projWeight, at: mlp.projWeight, random: &r) {
            loss(MLP(fcWeight: mlp.fcWeight, fcBias: mlp.fcBias, projWeight: $0, projBias: mlp.projBias, activation: activation), x) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.projBias, at: mlp.projBias, random: &r) {
            loss(MLP(fcWeight: mlp.fcWeight, fcBias: mlp.fcBias, projWeight: mlp.projWeight, projBias: $0, activation: activation), x) } < Self.tolerance)
    }

    @Test func attention() {
        var r = RandomTensors(seed: 3)
        let x = r.tensor([t, c])
        let attn = CausalSelfAttention(qkvWeight: r.tensor([c, 3 * c]), qkvBias: r.tensor([3 * c]),
                                       projWeight: r.tensor([c, c]), projBias: r.tensor([c]), headCount: heads)
        func run(_ a: CausalSelfAttention, _ input: Tensor) -> (Tensor, ActivationCache) {
            var hooks = HookPoints(filter: .all)
            var cache = KVCache.Layer(capacity: t, width: c)
            return (a(input, layer: 0, cache: &cache, hooks: &hooks), hooks.cache)
        }
        let upstream = r.tensor([t, c])
        var g = attn.zeroed(CausalSelfAttention.parameters(configuration))
        let dx = attn.backward(x, activations: run(attn, x).1, layer: 0, outputGradient: upstream, gradients: &g)
        let loss = { (a: CausalSelfAttention, input: Tensor) in FiniteDifference.dot(run(a, input).0, upstream) }
        func with(qkvW: Tensor? = nil, qkvB: Tensor? = nil, projW: Tensor? = nil, projB: Tensor? = nil) -> CausalSelfAttention {
            CausalSelfAttention(qkvWeight: qkvW ?? attn.qkvWeight, qkvBias: qkvB ?? attn.qkvBias,
                                projWeight: projW ?? attn.projWeight, projBias: projB ?? attn.projBias, headCount: heads)
        }
        #expect(FiniteDifference.relativeError(of: dx, at: x, samples: 40, random: &r) { loss(attn, $0) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.qkvWeight, at: attn.qkvWeight, samples: 40, random: &r) { loss(with(qkvW: $0), x) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.qkvBias, at: attn.qkvBias, samples: 24, random: &r) { loss(with(qkvB: $0), x) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.projWeight, at: attn.projWeight, random: &r) { loss(with(projW: $0), x) } < Self.tolerance)
        #expect(FiniteDifference.relativeError(of: g.projBias, at: attn.projBias, random: &r) { loss(with(projB: $0), x) } < Self.tolerance)
    }

    @Test func embeddingScattersIntoRowsIncludingRepeats() {
        var r = RandomTensors(seed: 4)
        let embedding = Embedding(tokenTable: r.tensor([6, c]), positionTable: r.tensor([t, c]))
        let tokens = [3, 1, 3, 0, 5]   // token 3 twice: its row gets both positions' gradients
        let upstream = r.tensor([t, c])
        var g = embedding.zeroed(Embedding.parameters(configuration))
        embedding.backward(tokens, startPosition: 0, outputGradient: upstream, gradients: &g)
        func loss(_ e: Embedding) -> Double {
            var hooks = HookPoints.none
            return FiniteDifference.dot(e(tokens, startPosition: 0, hooks: &hooks), upstream)
        }
        #expect(FiniteDifference.relativeError(of: g.tokenTable, at: embedding.tokenTable, samples: 48, random: &r) {
            loss(Embedding(tokenTable: $0, positionTable: embedding.positionTable)) } < 1e-3)
        #expect(FiniteDifference.relativeError(of: g.positionTable, at: embedding.positionTable, samples: 40, random: &r) {
            loss(Embedding(tokenTable: embedding.tokenTable, positionTable: $0)) } < 1e-3)
        #expect(g.tokenTable.row(2).scalars.allSatisfy { $0 == 0 })   // never seen
    }

    @Test(arguments: [GPTConfiguration.NormPlacement.preNorm, .postNorm])
    func block(placement: GPTConfiguration.NormPlacement) {
        var r = RandomTensors(seed: 5)
        let x = r.tensor([t, c])
        func norm() -> LayerNorm { LayerNorm(weight: r.tensor([c], scale: 0.5).adding(1), bias: r.tensor([c], scale: 0.2), epsilon: 1e-5) }
        let block = Block(ln1: norm(),
                          attention: CausalSelfAttention(qkvWeight: r.tensor([c, 3 * c]), qkvBias: r.tensor([3 * c]),
                                                         projWeight: r.tensor([c, c]), projBias: r.tensor([c]), headCount: heads),
                          ln2: norm(),
                          mlp: MLP(fcWeight: r.tensor([c, f]), fcBias: r.tensor([f]), projWeight: r.tensor([f, c]),
                                   projBias: r.tensor([c]), activation: .geluNew),
                          placement: placement)
        func run(_ input: Tensor) -> (Tensor, ActivationCache) {
            var hooks = HookPoints(filter: .all)
            var cache = KVCache.Layer(capacity: t, width: c)
            return (block(input, layer: 0, cache: &cache, hooks: &hooks), hooks.cache)
        }
        let upstream = r.tensor([t, c])
        var g = block.zeroed(Block.parameters(configuration))
        let dx = block.backward(activations: run(x).1, layer: 0, outputGradient: upstream, gradients: &g)
        #expect(FiniteDifference.relativeError(of: dx, at: x, samples: 40, random: &r) { FiniteDifference.dot(run($0).0, upstream) } < Self.tolerance)
    }

    @Test(arguments: [true, false])
    func wholeModelLoss(tiedHead: Bool) throws {
        let configuration = GPTConfiguration(name: "fd", vocabularySize: 11, contextLength: 6, embeddingWidth: 8, layerCount: 2, headCount: 2,
                                             tiedOutputHead: tiedHead)
        var model = GPT.initialized(configuration, seed: 9)
        let parameters = model.parameters
        var r = RandomTensors(seed: 6)
        // Larger weights than GPT-2's 0.02 so that every path carries gradient; norms and biases off 1 and 0.
        for parameter in parameters {
            let tensor = parameter.tensor(in: model)
            parameter.set(tensor.rank == 1 ? tensor.adding(r.tensor(tensor.shape, scale: 0.3)) : r.tensor(tensor.shape, scale: 0.5), in: &model)
        }
        let tokens = [1, 4, 4, 9, 0, 2], targets = [4, 4, 9, 0, 2, 7]
        var g = model.zeroed(parameters)
        let loss = model.lossAndGradients(tokens, targets: targets, lossScale: 1, gradients: &g)
        #expect(abs(loss - model.loss(tokens, targets: targets)) < 1e-9)
        #expect(parameters.contains { $0.name == "lm_head.weight" } == !tiedHead)
        #expect((g.lmHead != nil) == !tiedHead)
        for parameter in parameters {
            let error = FiniteDifference.relativeError(of: parameter.tensor(in: g), at: parameter.tensor(in: model), samples: 8, random: &r) { value in
                var perturbed = model
                parameter.set(value, in: &perturbed)
                return perturbed.loss(tokens, targets: targets)
            }
            #expect(error < Self.tolerance, "\(parameter.name): relative error \(error)")
        }
    }
}

extension Tensor {
    /// Element-wise sum with a scalar or a tensor of the same shape (test helper).
    func adding(_ value: Float) -> Tensor { Tensor(shape: shape, scalars: scalars.map { $0 + value }) }
    func adding(_ other: Tensor) -> Tensor { Tensor(shape: shape, scalars: zip(scalars, other.scalars).map { $0 + $1 }) }
}
