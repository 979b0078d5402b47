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
        // T = 60,000: scores and pattern 4·2·2·T² = 57,600,000,000; keys and values 4·2·1·T·8 =
        // 3,840,000; layer activations 4·T·(10·8 + 2·32) = 34,560,000; logits 4·T·300 = 72,000,000.
        let plain = gpt.forwardMemory(tokens: 60_000)
        #expect(plain.bytes == 57_710_400_000)
        #expect(plain.subject == "60,000 tokens")
        // Recording the patterns adds [NH, T, T] floats: 4·2·T² = 28,800,000,000.
        let patterns = gpt.forwardMemory(tokens: 60_000, hooks: HookFilter(patterns: ["blocks.0.attn.hook_pattern"]))
        #expect(patterns.bytes == 86_510_400_000)
        #expect(patterns.subject == "60,000 tokens, 1 hook recorded")
    }

    @Test func refusalNamesTheLongestPromptThatFits() throws {
        let gpt = try Self.model()
        let budget = MemoryBudget(availableBytes: 0x1p30)
        #expect(throws: MemoryError.self) { try gpt.checkForwardMemory(tokens: 60_000, budget: budget) }
        do {
            try gpt.checkForwardMemory(tokens: 60_000, budget: budget)
        } catch let .exceedsAvailable(estimate, available) {
            // 16T² + 1,840T ≤ 2³⁰ up to T = 8,134.
            #expect(estimate.hints == [.fewerTokens(maximum: 8134)])
            #expect(estimate.bytes == 57_710_400_000 && available == 0x1p30)
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
