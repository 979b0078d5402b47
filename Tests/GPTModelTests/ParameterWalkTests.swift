import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The one parameter list (``GPT/parameters(_:)``) against transformers' `named_parameters()`
/// (Tests/Scripts/parameter_lists.py), and the walk over weights and gradients of the same type.
struct ParameterWalkTests {
    struct Entry: Decodable, Hashable {
        var name: String
        var shape: [Int]
    }

    struct Fixture: Decodable {
        var models: [String: [Entry]]
    }

    static func reference(_ model: String) throws -> [Entry] {
        let data = try Data(contentsOf: ParameterCountFixture.folder.appendingPathComponent("parameter_lists.json"))
        return try #require(try JSONDecoder().decode(Fixture.self, from: data).models[model])
    }

    static func list(_ model: String) throws -> [Entry] {
        let configuration = try GPTConfiguration.load(configFile: ParameterCountFixture.configURL(model))
        return GPT.parameters(configuration).map { Entry(name: $0.name, shape: $0.shape) }
    }

    /// A small model whose every tensor is its own freshly allocated array.
    static func model(tied: Bool) -> GPT {
        let configuration = GPTConfiguration(name: "walk", vocabularySize: 11, contextLength: 6, embeddingWidth: 8,
                                             layerCount: 2, headCount: 2, tiedOutputHead: tied)
        return GPT(configuration: configuration) { Tensor(shape: $0.shape, repeating: 0.5) }
    }

    @Test("GPT-2: names, shapes and order are transformers' named_parameters()",
          arguments: ["gpt2", "gpt2-untied", "gpt2-n-inner", "gpt2-tiny-vocab"])
    func gpt2ListMatchesTransformers(model: String) throws {
        #expect(try Self.list(model) == Self.reference(model))
    }

    /// transformers' GPT-1 block declares attn, ln_1, mlp, ln_2; the list keeps GPT-2's block
    /// order for both families, so here only the names and shapes are compared.
    @Test("GPT-1: names and shapes are transformers' named_parameters()", arguments: ["openai-gpt", "openai-gpt-small"])
    func gpt1ListMatchesTransformers(model: String) throws {
        let (list, reference) = (try Self.list(model), try Self.reference(model))
        #expect(list.count == reference.count)
        #expect(Set(list) == Set(reference))
    }

    /// The cross-check `gptscope inspect` prints: the walk's total is the accounting's, for every
    /// built-in architecture the forward pass implements (attention as wide as the residual
    /// stream: gpt3-13b's 5,120-wide attention in a 5,140-wide stream is not one of them).
    @Test func totalsAgreeWithTheParameterAccounting() {
        let supported = GPTConfiguration.presets.filter {
            CheckpointLayout(configuration: $0).unsupportedReason == nil && $0.attentionWidth == $0.embeddingWidth
        }
        #expect(supported.count >= 5)   // GPT-1 and the four GPT-2 sizes at least
        for configuration in supported {
            let total = GPT.parameters(configuration).reduce(0) { $0 + $1.count }
            #expect(total == ParameterBreakdown(configuration).total, "\(configuration.name)")
        }
    }

    /// nanoGPT's and llm.c's rule: every 2-D parameter is decayed, no 1-D one.
    @Test(arguments: [true, false])
    func weightDecayIsForMatricesOnly(tied: Bool) {
        for parameter in Self.model(tied: tied).parameters {
            #expect(parameter.role.decays == (parameter.shape.count == 2), "\(parameter.name)")
        }
    }

    /// An update through the walk (a block inside the array, `ln_f` inside its optional, the
    /// untied head) writes into the tensor's own storage instead of a copy.
    @Test func updatesWriteInPlace() {
        var model = Self.model(tied: false)
        for parameter in model.parameters {
            let before = parameter.tensor(in: model).withUnsafeBufferPointer { $0.baseAddress }
            var after: UnsafeMutablePointer<Float>?
            parameter.update(&model) { tensor in
                tensor.withUnsafeMutableBufferPointer { $0[0] += 1; after = $0.baseAddress }
            }
            #expect(UnsafeMutablePointer(mutating: before) == after, "\(parameter.name) was copied")
            #expect(parameter.tensor(in: model).scalars[0] == 1.5, "\(parameter.name)")
        }
    }

    @Test func tiedHeadIsTheTokenTableInWeightsAndGradients() throws {
        var model = Self.model(tied: true)
        let parameters = model.parameters
        #expect(!parameters.contains { $0.name == CheckpointLayout.outputHeadName })
        let wte = try #require(parameters.first { $0.name == "wte.weight" })
        wte.update(&model) { $0.withUnsafeMutableBufferPointer { $0[3] = 7 } }
        #expect(model.outputHead.scalars[3] == 7)
        #expect(model.outputHead == model.embedding.tokenTable)
        let gradients = model.zeroed(parameters)
        #expect(gradients.lmHead == nil)
        #expect(gradients.outputHead.scalars.allSatisfy { $0 == 0 })
    }

    @Test func gradientBuffersAreZeroAndAddParameterByParameter() {
        let model = Self.model(tied: false)
        let parameters = model.parameters
        var total = model.zeroed(parameters), shard = model.zeroed(parameters)
        for (i, parameter) in parameters.enumerated() {
            #expect(parameter.tensor(in: total).scalars.allSatisfy { $0 == 0 }, "\(parameter.name)")
            parameter.set(Tensor(shape: parameter.shape, repeating: Float(i)), in: &total)
            parameter.set(Tensor(shape: parameter.shape, repeating: 0.25), in: &shard)
        }
        total.accumulate(shard, parameters)
        for (i, parameter) in parameters.enumerated() {
            #expect(parameter.tensor(in: total).scalars.allSatisfy { $0 == Float(i) + 0.25 }, "\(parameter.name)")
        }
        // The weights themselves are untouched by making and filling their gradient buffers.
        #expect(parameters.allSatisfy { $0.tensor(in: model).scalars.allSatisfy { $0 == 0.5 } })
    }
}
