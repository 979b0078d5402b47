import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// Hook names, filters, the cache-size guard and the saved cache.
struct HookTests {
    @Test func namesAreTransformerLensStrings() {
        #expect(HookName.embed.description == "hook_embed")
        #expect(HookName.posEmbed.description == "hook_pos_embed")
        #expect(HookName.residPre(3).description == "blocks.3.hook_resid_pre")
        #expect(HookName.ln1Normalized(0).description == "blocks.0.ln1.hook_normalized")
        #expect(HookName.q(1).description == "blocks.1.attn.hook_q")
        #expect(HookName.attnScores(2).description == "blocks.2.attn.hook_attn_scores")
        #expect(HookName.pattern(11).description == "blocks.11.attn.hook_pattern")
        #expect(HookName.z(0).description == "blocks.0.attn.hook_z")
        #expect(HookName.attnOut(0).description == "blocks.0.hook_attn_out")
        #expect(HookName.mlpPre(5).description == "blocks.5.mlp.hook_pre")
        #expect(HookName.mlpOut(5).description == "blocks.5.hook_mlp_out")
        #expect(HookName.lnFinalNormalized.description == "ln_final.hook_normalized")
        #expect(HookName.all(layerCount: 12).count == 2 + 12 * 15 + 2)
    }

    @Test func globsSelectWhatTheySay() {
        let patterns = HookFilter(patterns: ["blocks.*.attn.hook_pattern"])
        #expect(patterns.matches(.pattern(0)) && patterns.matches(.pattern(10)))
        #expect(!patterns.matches(.attnScores(0)) && !patterns.matches(.logits))
        let block = HookFilter(patterns: ["blocks.1.*", "logits"])
        #expect(block.matches(.residPost(1)) && block.matches(.logits) && !block.matches(.residPost(11)))
        #expect(HookFilter.all.matches(.embed) && !HookFilter.none.matches(.embed))
        #expect(HookFilter(patterns: ["*resid*"]).matches(.residMid(4)))
    }

    /// Issue 18, item 1: the pre-softmax scores are recorded only when a pattern names them, so
    /// `*` (and `blocks.1.*`) keep one `[NH, T, T]` per layer instead of two; the pattern recorded
    /// without them (softmax in the scores' storage) is the same, bit for bit.
    @Test func scoresAreRecordedOnlyByName() throws {
        #expect(!HookFilter.all.matches(.attnScores(0)) && HookFilter.all.matches(.pattern(0)))
        #expect(!HookFilter(patterns: ["blocks.1.*"]).matches(.attnScores(1)))
        #expect(HookFilter(patterns: ["blocks.*.attn.hook_attn_scores"]).matches(.attnScores(1)))
        #expect(HookFilter(patterns: ["*attn_scores"]).matches(.attnScores(0)) && HookFilter.everything.matches(.attnScores(3)))
        let fixture = try ModelFixture("gpt2-untied")
        let layers = fixture.model.configuration.layerCount
        let star = try fixture.model.run(fixture.ids, hooks: .all).cache
        let every = try fixture.model.run(fixture.ids, hooks: .everything).cache
        #expect(every.count == star.count + layers)
        for layer in 0 ..< layers {
            #expect(star[.attnScores(layer)] == nil && every[.attnScores(layer)] != nil)
            #expect(star[.pattern(layer)] == every[.pattern(layer)])
        }
        #expect(fixture.model.estimatedCacheBytes(.all, tokens: fixture.ids.count) == star.byteCount)
        #expect(fixture.model.estimatedCacheBytes(.everything, tokens: fixture.ids.count) == every.byteCount)
    }

    @Test func recordingNothingKeepsNothingAndSelectedHooksOnly() throws {
        let fixture = try ModelFixture("gpt2-untied")
        #expect(try fixture.model.run(fixture.ids).cache.count == 0)
        let cache = try fixture.model.run(fixture.ids, hooks: HookFilter(patterns: ["blocks.*.hook_resid_post", "hook_embed"])).cache
        #expect(cache.names == [.embed, .residPost(0), .residPost(1), .residPost(2)])
    }

    @Test func estimateMatchesTheRecordedSizeAndLimitRefuses() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let estimate = fixture.model.estimatedCacheBytes(.all, tokens: fixture.ids.count)
        let cache = try fixture.model.run(fixture.ids, hooks: .all).cache
        #expect(estimate == cache.byteCount)
        for name in cache.names { #expect(cache[name]?.shape == fixture.model.shape(of: name, tokens: fixture.ids.count)) }
        let error = try #require(throws: ModelInputError.self) {
            try fixture.model.run(fixture.ids, hooks: .all, maxCacheBytes: estimate - 1)
        }
        // The fix travels as a hint (the CLI names --hooks and --max-cache); the text names no option.
        #expect(error.hint == .recordFewerHooks(example: "blocks.*.attn.hook_pattern"))
        #expect(error.description.contains("record fewer hooks") && !error.description.contains("--"))
    }

    @Test func unknownHookSuggestsTheClosest() throws {
        let model = try ModelFixture("gpt2-untied").model
        #expect(throws: ModelInputError.unknownHook(name: "blocks.1.attn.hook_patern", suggestion: "blocks.1.attn.hook_pattern")) {
            try model.hookName("blocks.1.attn.hook_patern")
        }
        #expect(throws: ModelInputError.self) { try model.checkHookPattern("blocks.*.hook_resid_pst") }
        try model.checkHookPattern("blocks.*.hook_resid_post")
        // Layer 7 does not exist in a 3-layer model.
        #expect(throws: ModelInputError.self) { try model.hookName("blocks.7.hook_resid_pre") }
    }

    @Test func badInputsAreRefusedBeforeRunning() throws {
        let model = try ModelFixture("gpt1-tiny").model   // vocabulary 300, context 48
        #expect(throws: ModelInputError.idOutOfVocabulary(id: 300, position: 1, vocabularySize: 300)) { try model.run([1, 300]) }
        #expect(throws: ModelInputError.idOutOfVocabulary(id: -1, position: 0, vocabularySize: 300)) { try model.run([-1]) }
        #expect(throws: ModelInputError.tooLong(tokens: 49, context: 48)) { try model.run(Array(repeating: 1, count: 49)) }
        #expect(throws: ModelInputError.emptyInput) { try model.run([]) }
    }
}
