import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The forward pass's memory estimate for a long-context model, against hand-worked sums.
struct ForwardMemoryTests {
    /// 1 layer, 2 heads, C 8, F 32, V 300, 100,000 positions (its weights take 3.3 MB).
    static func model() throws -> GPT {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let c = GPTConfiguration(name: "long", vocabularySize: 300, contextLength: 100_000, embeddingWidth: 8,
                                 layerCount: 1, headCount: 2, mlpWidth: 32)
        try RandomCheckpoint.write(c, to: folder)
        return try GPT.load(directory: folder)
    }

    @Test func estimateSumsTheLivePartsOfAPass() throws {
        let gpt = try Self.model()
        // T = 60,000 = 937 tiles of 64 queries + one of 32. Scores and pattern keep each tile as
        // wide as its last query sees: per head 64·64·(1 + … + 937) + 32·60,000 = 1,801,919,488
        // elements, so 4·2·2·1,801,919,488 = 28,830,711,808 bytes (the squares would take
        // 57,600,000,000); keys and values 4·2·1·T·8 = 3,840,000; layer activations
        // 4·T·(10·8 + 2·32) = 34,560,000; logits 4·T·300 = 72,000,000.
        let plain = gpt.forwardMemory(tokens: 60_000)
        #expect(plain.bytes == 28_941_111_808)
        #expect(plain.subject == "60,000 tokens")
        // Recording the patterns adds their packed [NH, T, T]: 4·2·1,801,919,488 = 14,415,355,904.
        let patterns = gpt.forwardMemory(tokens: 60_000, hooks: HookFilter(patterns: ["blocks.0.attn.hook_pattern"]))
        #expect(patterns.bytes == 43_356_467_712)
        #expect(patterns.subject == "60,000 tokens, 1 hook recorded")
    }

    @Test func refusalNamesTheLongestPromptThatFits() throws {
        let gpt = try Self.model()
        let budget = MemoryBudget(availableBytes: 0x1p30)
        #expect(throws: MemoryError.self) { try gpt.checkForwardMemory(tokens: 60_000, budget: budget) }
        do {
            try gpt.checkForwardMemory(tokens: 60_000, budget: budget)
        } catch let .exceedsAvailable(estimate, available) {
            // 16·E(T) + 1,840T ≤ 2³⁰, E(T) the packed elements per head (≈ T²/2 + 32T), holds up
            // to T = 11,439: E = 65,791,009 gives 1,073,703,904; T = 11,440 gives 1,073,889,536.
            #expect(estimate.hints == [.fewerTokens(maximum: 11439)])
            #expect(estimate.bytes == 28_941_111_808 && available == 0x1p30)
        }
        // Hooks add their hint; a short prompt passes.
        do {
            try gpt.checkForwardMemory(tokens: 60_000, hooks: .all, budget: budget)
        } catch let .exceedsAvailable(estimate, _) {
            #expect(estimate.hints.last == .fewerHooks)
        }
        try gpt.checkForwardMemory(tokens: 8134, budget: budget)
    }

    @Test func flopsEstimateDoesNotOverflowForAHugeContext() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        let e = ComputeEstimate(b, contextLength: Int.max)
        // 2·85,056,000 + 2·12·(2⁶³ − 1)·768, in doubles.
        let attention: Double = 2 * 12 * 9_223_372_036_854_775_807.0 * 768
        let weights: Double = 2 * 85_056_000
        #expect(e.forwardFLOPsPerToken == weights + attention)
        #expect(abs(e.forwardFLOPsPerToken / 1.7000519338330740e23 - 1) < 1e-12)
    }
}
