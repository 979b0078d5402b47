import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The cached, one-token-at-a-time path must give the logits of a full forward pass.
struct KVCacheTests {
    @Test(arguments: ForwardParityTests.models)
    func incrementalLogitsEqualTheFullPassAndHuggingFace(model name: String) throws {
        let fixture = try ModelFixture(name)
        let model = fixture.model, ids = fixture.ids
        let full = try model.run(ids).logits                                  // [T, V]
        var cache = KVCache(configuration: model.configuration, capacity: ids.count)
        var hooks = HookPoints.none
        // A 5-token chunk first (prompt), then one token at a time.
        var rows = model.forward(Array(ids[0 ..< 5]), cache: &cache, hooks: &hooks).scalars
        for id in ids[5...] {
            rows += model.forward([id], cache: &cache, hooks: &hooks).scalars
        }
        #expect(cache.length == ids.count)
        let incremental = Tensor(shape: full.shape, scalars: rows)
        #expect(incremental.maxAbsoluteDifference(to: full) < 5e-5)  // different GEMM shapes round differently
        #expect(incremental.maxAbsoluteDifference(to: try fixture.expected.tensor(named: "logits")) < 1e-4)
    }

    @Test func cachedStepRecordsTheNewRowOfTheAttentionPattern() throws {
        let fixture = try ModelFixture("gpt2-untied")
        let ids = fixture.ids
        var cache = KVCache(configuration: fixture.model.configuration)
        var ignore = HookPoints.none
        _ = fixture.model.forward(Array(ids.dropLast()), cache: &cache, hooks: &ignore)
        var hooks = HookPoints(filter: HookFilter(patterns: ["blocks.2.attn.*"]))
        _ = fixture.model.forward([ids.last!], cache: &cache, hooks: &hooks)
        let pattern = try #require(hooks.cache[.pattern(2)])
        let t = ids.count
        #expect(pattern.shape == [3, 1, t])
        #expect(hooks.cache[.q(2)]?.shape == [1, 3, 16])
        let expected = try fixture.expected.tensor(named: "blocks.2.attn.hook_pattern")   // [NH, T, T]
        for h in 0 ..< 3 {
            let ours = Tensor(shape: [t], scalars: Array(pattern.scalars[h * t ..< (h + 1) * t]))
            let theirs = Tensor(shape: [t], scalars: Array(expected.scalars[(h * t + t - 1) * t ..< (h * t + t) * t]))
            #expect(ours.maxAbsoluteDifference(to: theirs) < 1e-5)
        }
    }
}
