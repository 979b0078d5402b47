import Testing
import TensorCore
@testable import GPTModel
@testable import Training

/// The training memory estimate against a hand-worked sum, including the batch's windows.
struct MemoryEstimateTests {
    /// V 300, T 16, C 16, 1 layer, 2 heads (F 64): P = 300·16 + 16·16 + 3,280 + 32 = 8,368.
    static let tiny = GPTConfiguration(name: "tiny", vocabularySize: 300, contextLength: 16, embeddingWidth: 16, layerCount: 1, headCount: 2)

    @Test func aBillionSequencesAreCountedAndRefused() throws {
        var options = TrainingOptions(steps: 1)
        (options.batchSize, options.contextLength) = (1_000_000_000, 16)
        let estimate = TrainingMemoryEstimate(configuration: Self.tiny, options: options)
        #expect(estimate.parameterCount == 8368)
        // Per sequence: 4·(T(16C + 3F) + 3·NH·T² + 3TV + 4TC) = 4·(7,168 + 1,536 + 14,400 + 1,024) = 96,512.
        #expect(estimate.activationBytesPerSequence == 96_512)
        // 16P + 4·4P + 4 shards·96,512 + B·(17·8 + 40) + 32·176 (validation windows).
        #expect(estimate.bytes == 133_888 + 133_888 + 386_048 + 176_000_000_000 + 5632)
        let budget = MemoryBudget(availableBytes: 0x1p30)
        #expect(throws: MemoryError.self) { try estimate.check(configuration: Self.tiny, options: options, budget: budget) }
        do {
            try estimate.check(configuration: Self.tiny, options: options, budget: budget)
        } catch let .exceedsAvailable(refused, _) {
            // 659,456 + 176B ≤ 2³⁰ up to B = 6,097,058; no context fits a billion windows.
            #expect(refused.hints == [.smallerBatch(maximum: 6_097_058), .smallerModel])
        }
        #expect(throws: TrainingError.self) { try estimate.check(model: "tiny", available: 1 << 30) }
    }

    @Test func aContextOfABillionDoesNotOverflow() throws {
        var options = TrainingOptions(steps: 1)
        options.contextLength = 1_000_000_000
        let estimate = TrainingMemoryEstimate(configuration: Self.tiny, options: options)
        // The attention term alone, 4 shards · 4 · 3 · 2 · T², is 9.6e19: past Int.max.
        #expect(estimate.bytes.isFinite && estimate.bytes > 9.6e19)
        do {
            try estimate.check(configuration: Self.tiny, options: options, budget: MemoryBudget(availableBytes: 0x1p30))
            Issue.record("a billion-token context passed")
        } catch let .exceedsAvailable(refused, _) {
            guard case .shorterContext(let most?) = refused.hints.first(where: { if case .shorterContext = $0 { true } else { false } }) else {
                Issue.record("no context hint: \(refused.hints)")
                return
            }
            #expect(most > 2 && most < 1_000_000_000)
            options.contextLength = most
            #expect(MemoryBudget(availableBytes: 0x1p30).fits(TrainingMemoryEstimate(configuration: Self.tiny, options: options).memory))
            options.contextLength = most + 1
            #expect(!MemoryBudget(availableBytes: 0x1p30).fits(TrainingMemoryEstimate(configuration: Self.tiny, options: options).memory))
        }
    }
}
