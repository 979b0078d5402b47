import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The golden test: our forward pass against Hugging Face transformers' numbers
/// (written by Tests/Scripts/model_fixtures.py), hook by hook.
struct ForwardParityTests {
    static let models = ["gpt2-fullvocab", "gpt2-untied", "gpt1-tiny", "gpt2-inverse-layer-scale", "gpt2-unscaled-attention"]

    @Test(arguments: models)
    func everyRecordedHookMatchesHuggingFace(model name: String) throws {
        let fixture = try ModelFixture(name)
        let (logits, cache) = try fixture.model.run(fixture.ids, hooks: .everything)
        #expect(logits == cache[.logits])
        var compared = 0
        for key in fixture.expected.names {
            let hook = try fixture.model.hookName(key)
            let ours = try #require(cache[hook], "hook \(key) was not recorded")
            let theirs = try fixture.expected.tensor(named: key)
            #expect(ours.shape == theirs.shape, "\(key)")
            guard ours.shape == theirs.shape else { continue }
            let difference = ours.maxAbsoluteDifference(to: theirs)
            #expect(difference < 1e-4, "\(name) \(key): max |Δ| = \(difference)")
            compared += 1
        }
        // Logits, and per layer: pattern, scores, q, k, v, residual pre/mid/post, both norms,
        // attention and MLP outputs, MLP pre/post.
        let layers = fixture.model.configuration.layerCount
        let perLayer = 14
        #expect(compared == 1 + layers * perLayer + (fixture.model.finalNorm == nil ? 0 : 1))
    }

    @Test(arguments: models)
    func topFiveNextTokensAreIdentical(model name: String) throws {
        let fixture = try ModelFixture(name)
        let (logits, _) = try fixture.model.run(fixture.ids)
        let last = logits.row(fixture.ids.count - 1).scalars
        let top = last.indices.sorted { last[$0] > last[$1] }.prefix(5)
        #expect(try Array(top) == fixture.metadataInts("top5"))
    }

    @Test func everyPatternRowIsADistributionOverThePast() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let (_, cache) = try fixture.model.run(fixture.ids, hooks: HookFilter(patterns: ["blocks.*.attn.hook_pattern"]))
        #expect(cache.count == fixture.model.configuration.layerCount)
        let pattern = try #require(cache[.pattern(1)])
        let (nh, t) = (pattern.shape[0], pattern.shape[1])
        for h in 0 ..< nh {
            for i in 0 ..< t {
                let row = pattern.scalars[(h * t + i) * t ..< (h * t + i + 1) * t]
                #expect(abs(row.reduce(0, +) - 1) < 1e-5)
                #expect(row.dropFirst(i + 1).allSatisfy { $0 == 0 })
            }
        }
    }
}

/// A checkpoint directory from Fixtures/models with Hugging Face's expected activations.
struct ModelFixture {
    let directory: URL
    let model: GPT
    let expected: SafetensorsFile
    let ids: [Int]

    static func url(_ name: String, folder: String = "models") throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent(folder).appendingPathComponent(name)
    }

    init(_ name: String, folder: String = "models", expected file: String = "expected.safetensors") throws {
        directory = try Self.url(name, folder: folder)
        model = try GPT.load(directory: directory)
        expected = try SafetensorsFile(contentsOf: directory.appendingPathComponent(file))
        ids = try JSONDecoder().decode([Int].self, from: Data((expected.metadata["input_ids"] ?? "").utf8))
    }

    func metadataInts(_ key: String) throws -> [Int] {
        try JSONDecoder().decode([Int].self, from: Data((expected.metadata[key] ?? "").utf8))
    }
}
