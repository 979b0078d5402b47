import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// Llama, Qwen2 and GPT-NeoX against Hugging Face transformers, hook by hook: tiny random
/// checkpoints and transformers' values at every TransformerLens hook point, written by
/// Tests/Scripts/family_fixtures.py (rope scaling, GQA, biases, partial rotary, parallel
/// residual, legacy and transformers-5 rope keys, bf16 weights, shards).
struct FamilyParityTests {
    static let models = ["llama-gqa", "llama3-scaled", "llama-linear-bf16", "llama-dynamic", "qwen2-sharded",
                         "neox-parallel", "neox-sequential", "mistral-window"]

    @Test(arguments: models)
    func everyHookMatchesTransformers(model name: String) throws {
        let fixture = try ModelFixture(family: name)
        let (logits, cache) = try fixture.model.run(fixture.ids, hooks: .everything)
        #expect(logits == cache[.logits])
        // The reference holds exactly the hooks the model has: none missing on either side.
        #expect(Set(fixture.model.hookNames.map(\.description)) == Set(fixture.expected.names))
        for key in fixture.expected.names {
            let hook = try fixture.model.hookName(key)
            let ours = try #require(cache[hook], "hook \(key) was not recorded")
            let theirs = try fixture.expected.tensor(named: key)
            #expect(ours.shape == theirs.shape, "\(name) \(key)")
            guard ours.shape == theirs.shape else { continue }
            let difference = ours.maxAbsoluteDifference(to: theirs)
            #expect(difference < 1e-4, "\(name) \(key): max |Δ| = \(difference)")
        }
    }

    /// Generation one token at a time through the KV cache (which holds the kv heads only)
    /// gives the same logits as transformers' whole-sequence pass. Not for dynamic scaling,
    /// whose frequencies depend on the length of each call (in transformers too: its cached keys
    /// keep the rotation of the step that made them).
    @Test(arguments: models.filter { $0 != "llama-dynamic" })
    func kvCacheStepsMatchTransformersLogits(model name: String) throws {
        let fixture = try ModelFixture(family: name)
        let c = fixture.model.configuration
        let expected = try fixture.expected.tensor(named: "logits")
        var cache = KVCache(configuration: c, capacity: fixture.ids.count)
        #expect(cache.layers[0].width == c.keyValueHeadCount * c.headWidth)
        let prefix = 3
        var hooks = HookPoints.none
        let first = fixture.model.forward(Array(fixture.ids[..<prefix]), cache: &cache, hooks: &hooks)
        #expect(first.maxAbsoluteDifference(to: expected.rows(0 ..< prefix)) < 1e-4, "\(name) prefix")
        for position in prefix ..< fixture.ids.count {
            let step = fixture.model.forward([fixture.ids[position]], cache: &cache, hooks: &hooks)
            let difference = step.maxAbsoluteDifference(to: expected.rows(position ..< position + 1))
            #expect(difference < 1e-4, "\(name) position \(position): max |Δ| = \(difference)")
        }
    }

    /// The count from the configuration alone equals transformers' `num_parameters()` and the
    /// checkpoint's tensors (a tied head counted once).
    @Test(arguments: models)
    func parameterCountsMatchTransformersAndTheFiles(model name: String) throws {
        let fixture = try ModelFixture(family: name)
        let c = fixture.model.configuration
        let published = try #require(Int(fixture.expected.metadata["num_parameters"] ?? ""))
        #expect(ParameterBreakdown(c).total == published)
        #expect(fixture.model.parameterCount == published)
        let files = try FileManager.default.contentsOfDirectory(at: fixture.directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("model") && $0.pathExtension == "safetensors" }
        let stored = try files.map { try SafetensorsFile(contentsOf: $0) }
            .flatMap { $0.entries.values }.reduce(0) { $0 + $1.shape.reduce(1, *) }
        #expect(stored == published)
    }
}

extension ModelFixture {
    /// A checkpoint folder from Fixtures/families with transformers' hook values.
    init(family name: String) throws {
        try self.init(name, folder: "families", expected: "reference.safetensors")
    }
}
