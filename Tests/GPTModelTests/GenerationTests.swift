import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// Generation against Hugging Face's greedy `generate`, and sampling's determinism and filters.
struct GenerationTests {
    /// The parity fixtures but gpt2-unscaled-attention: for it transformers' own `generate`
    /// disagrees with its own forward pass (first token 168 against the forward's argmax 287,
    /// transformers 5.25, eager attention), so its greedy6 is no reference; its forward pass is
    /// checked hook by hook in ForwardParityTests.
    static let models = ForwardParityTests.models.filter { $0 != "gpt2-unscaled-attention" }

    @Test(arguments: models)
    func greedyGenerationMatchesHuggingFace(model name: String) throws {
        let fixture = try ModelFixture(name)
        var streamed: [Int] = []
        let steps = try fixture.model.generate(prompt: fixture.ids, maxTokens: 6) { streamed.append($0.chosen.id) }
        #expect(steps.map(\.chosen.id) == (try fixture.metadataInts("greedy6")))
        #expect(streamed == steps.map(\.chosen.id))
        #expect(steps.map(\.position) == Array(fixture.ids.count ..< fixture.ids.count + 6))
        for step in steps {
            #expect(step.chosen.samplingProbability == 1)
            #expect(step.alternatives.allSatisfy { $0.probability <= step.chosen.probability })
        }
    }

    @Test(arguments: models)
    func continuingFromARecordedPassMatchesHuggingFace(model name: String) throws {
        // The prompt's recorded keys, values and last logits stand in for running it again.
        let fixture = try ModelFixture(name)
        let model = fixture.model
        let (logits, cache) = try model.run(fixture.ids, hooks: HookFilter(patterns: ["blocks.*.attn.hook_k", "blocks.*.attn.hook_v"]))
        let layers = 0 ..< model.configuration.layerCount
        let t = fixture.ids.count
        let steps = try model.generate(after: fixture.ids, keys: layers.compactMap { cache[.k($0)] },
                                       values: layers.compactMap { cache[.v($0)] },
                                       lastLogits: logits.rows(t - 1 ..< t).reshaped([logits.shape[1]]), maxTokens: 6)
        #expect(steps.map(\.chosen.id) == (try fixture.metadataInts("greedy6")))
        #expect(steps.map(\.position) == Array(t ..< t + 6))
        // Seeded sampling draws the same tokens either way.
        let options = SamplingOptions(temperature: 1.3, topK: 50, seed: 11)
        let sampled = try model.generate(after: fixture.ids, keys: layers.compactMap { cache[.k($0)] },
                                         values: layers.compactMap { cache[.v($0)] },
                                         lastLogits: logits.rows(t - 1 ..< t).reshaped([logits.shape[1]]), maxTokens: 6, options: options)
        #expect(sampled.map(\.chosen.id) == (try model.generate(prompt: fixture.ids, maxTokens: 6, options: options)).map(\.chosen.id))
    }

    /// At the end of the context both entry points predict the token just past it (position
    /// n_ctx, from position n_ctx - 1's logits, never read back): one token for a full prompt,
    /// two for a prompt one short. Reference: the argmax of the forward pass's last row.
    @Test func theContextsEndGivesTheSameTokensEitherWay() throws {
        let model = try ModelFixture("gpt1-tiny").model
        let n = model.configuration.contextLength
        for length in [n, n - 1] {
            let prompt = (0 ..< length).map { ($0 * 37 + 11) % model.configuration.vocabularySize }
            let (logits, cache) = try model.run(prompt, hooks: HookFilter(patterns: ["blocks.*.attn.hook_k", "blocks.*.attn.hook_v"]))
            let v = logits.shape[1], last = Array(logits.scalars[(length - 1) * v ..< length * v])
            let argmax = last.indices.max { last[$0] < last[$1] }!
            let layers = 0 ..< model.configuration.layerCount
            let fromPrompt = try model.generate(prompt: prompt, maxTokens: 5)
            let fromCache = try model.generate(after: prompt, keys: layers.compactMap { cache[.k($0)] }, values: layers.compactMap { cache[.v($0)] },
                                               lastLogits: logits.rows(length - 1 ..< length).reshaped([v]), maxTokens: 5)
            #expect(fromPrompt.count == n - length + 1 && fromPrompt.last?.position == n)
            #expect(fromPrompt.first?.chosen.id == argmax)
            #expect(fromCache.map(\.chosen.id) == fromPrompt.map(\.chosen.id))
            #expect(fromCache.map(\.position) == fromPrompt.map(\.position))
        }
    }

    @Test func samplingIsDeterministicForASeed() throws {
        let model = try ModelFixture("gpt2-untied").model
        let prompt = [1, 2, 3]
        let options = SamplingOptions(temperature: 1.3, topK: 50, topP: 0.95, seed: 42)
        let a = try model.generate(prompt: prompt, maxTokens: 12, options: options).map(\.chosen.id)
        let b = try model.generate(prompt: prompt, maxTokens: 12, options: options).map(\.chosen.id)
        #expect(a == b)
        var seeds: Set<[Int]> = []
        for seed in 0 ..< 5 as Range<UInt64> {
            seeds.insert(try model.generate(prompt: prompt, maxTokens: 12, options: SamplingOptions(seed: seed)).map(\.chosen.id))
        }
        #expect(seeds.count > 1)
    }

    @Test func topKOfOneAndTinyTopPAreGreedy() throws {
        let fixture = try ModelFixture("gpt1-tiny")
        let greedy = try fixture.metadataInts("greedy6")
        for options in [SamplingOptions(topK: 1, seed: 7), SamplingOptions(temperature: 2, topP: 1e-9, seed: 9)] {
            #expect(try fixture.model.generate(prompt: fixture.ids, maxTokens: 6, options: options).map(\.chosen.id) == greedy)
        }
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // Reference values of splitmix64.c (Vigna) seeded with 0.
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func topPKeepsTheSmallestNucleus() {
        var sampler = Sampler(options: SamplingOptions(topP: 0.7))
        // Probabilities 0.5, 0.3, 0.2: the nucleus for 0.7 is the first two, renormalized 5/8, 3/8.
        let logits: [Float] = [logf(0.5), logf(0.3), logf(0.2)]
        var p = Sampler.probabilities(logits[...])
        sampler.filter(&p)
        #expect(abs(p[0] - 0.625) < 1e-6 && abs(p[1] - 0.375) < 1e-6 && p[2] == 0)
        let (chosen, alternatives) = sampler.choose(logits[...], runnersUp: 2)
        #expect([0, 1].contains(chosen.id))
        #expect(alternatives.count == 2)
    }

    /// transformers applies TopKLogitsWarper, then TopPLogitsWarper on the softmax of what top-k
    /// kept, so the nucleus is measured on the renormalized top-k mass. Worked by hand on
    /// 0.5, 0.3, 0.15, 0.05: top-k 2 leaves 0.625, 0.375, and 0.625 alone reaches top-p 0.6.
    @Test func topPMeasuresTheNucleusAfterTopKRenormalizes() {
        let logits: [Float] = [logf(0.5), logf(0.3), logf(0.15), logf(0.05)]
        let both = Sampler.distribution(logits[...], options: SamplingOptions(topK: 2, topP: 0.6))
        #expect(abs(both[0] - 1) < 1e-9 && both[1 ... 3].allSatisfy { $0 == 0 }, "\(both)")
        // Without top-k the first token's 0.5 falls short of 0.6, so the second joins: 5/8, 3/8.
        let nucleus = Sampler.distribution(logits[...], options: SamplingOptions(topP: 0.6))
        #expect(abs(nucleus[0] - 0.625) < 1e-6 && abs(nucleus[1] - 0.375) < 1e-6 && nucleus[2] == 0, "\(nucleus)")
        // top-k 3 keeps 0.95 of the mass: 10/19, 6/19, 3/19; the first two reach 16/19 < 0.9, so all three stay.
        let three = Sampler.distribution(logits[...], options: SamplingOptions(topK: 3, topP: 0.9))
        #expect(abs(three[0] - 10.0 / 19) < 1e-6 && abs(three[2] - 3.0 / 19) < 1e-6 && three[3] == 0, "\(three)")
    }

    @Test func generationStopsAtTheContextAndRecordsAttention() throws {
        let model = try ModelFixture("gpt1-tiny").model   // context 48
        let prompt = Array(0 ..< 45)
        let steps = try model.generate(prompt: prompt, maxTokens: 10, recordAttention: true)
        #expect(steps.count == 4)   // positions 45, 46, 47 fed → predictions after 45, 46, 47 and 48 tokens
        let attention = try #require(steps.last?.attention)
        #expect(attention.count == 2)
        #expect(attention[0].shape == [4, 48])
        #expect(abs(attention[0].scalars[0 ..< 48].reduce(0, +) - 1) < 1e-5)
        #expect(throws: ModelInputError.invalidSampling("top-k must be at least 1, got 0")) {
            try model.generate(prompt: [1], maxTokens: 1, options: SamplingOptions(topK: 0))
        }
    }
}
