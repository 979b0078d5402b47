import Foundation
import Testing
@testable import Training

/// `--repeat-fraction`: the share of training windows given a span of random tokens written twice.
///
/// The corpus here is the stream 0, 1, ..., 96, 0, 1, ... (position mod 97), whose windows of 64
/// tokens never repeat a run of 8, so any repeat found in a window was written by the curriculum.
struct RepeatCurriculumTests {
    static let tokens = (0 ..< 20_000).map { $0 % 97 }

    /// The (offset, length) of a span `w[o ..< o+L] == w[o+L ..< o+2L]` with L ≥ 8, if any.
    /// With `covering`, only a span whose two copies hold every one of those positions counts (a
    /// random token can equal its corpus neighbour, so a shifted span may repeat too).
    static func repeatedSpan(_ window: [Int], covering: [Int] = []) -> (offset: Int, length: Int)? {
        for length in stride(from: window.count / 2, through: 8, by: -1) {
            for offset in 0 ... window.count - 2 * length
            where window[offset ..< offset + length].elementsEqual(window[offset + length ..< offset + 2 * length])
                && covering.allSatisfy({ (offset ..< offset + 2 * length).contains($0) }) {
                return (offset, length)
            }
        }
        return nil
    }

    @Test func noFractionDrawsTheCorpusWindowsUnchanged() throws {
        let data = try TokenDataset(tokens: Self.tokens, contextLength: 63, validationFraction: 0.05)
        let plain = data.trainingBatch(step: 5, batchSize: 200, seed: 3)
        #expect(plain == data.trainingBatch(step: 5, batchSize: 200, seed: 3, repeatFraction: 0))
        #expect(plain.allSatisfy { Self.repeatedSpan($0) == nil })
        #expect(plain.allSatisfy { w in zip(w, w.dropFirst()).allSatisfy { ($0 + 1) % 97 == $1 } })
    }

    @Test func everyWindowGetsOneRepeatAndKeepsItsCorpusTokensElsewhere() throws {
        let data = try TokenDataset(tokens: Self.tokens, contextLength: 63, validationFraction: 0.05)
        let plain = data.trainingBatch(step: 9, batchSize: 500, seed: 11)
        let repeated = data.trainingBatch(step: 9, batchSize: 500, seed: 11, repeatFraction: 1)
        var lengths: [Int] = []
        for (corpus, window) in zip(plain, repeated) {
            #expect(window.count == 64)
            // Outside the two copies the window is the corpus window it replaced.
            let changed = window.indices.filter { window[$0] != corpus[$0] }
            guard let span = Self.repeatedSpan(window, covering: changed) else { Issue.record("no repeat covering the changes in \(window)"); continue }
            #expect((8 ... 32).contains(span.length))
            lengths.append(span.length)
        }
        // Lengths spread over 8 ... 32 (uniform: each value has chance 1/25 per window).
        #expect(lengths.contains { $0 <= 10 } && lengths.contains { $0 >= 30 })
    }

    @Test func theShareOfRepeatedWindowsIsTheFraction() throws {
        let data = try TokenDataset(tokens: Self.tokens, contextLength: 63, validationFraction: 0.05)
        let batch = data.trainingBatch(step: 1, batchSize: 2000, seed: 42, repeatFraction: 0.25)
        let share = Double(batch.filter { Self.repeatedSpan($0) != nil }.count) / 2000
        // Binomial(2000, 0.25): standard deviation 0.0097; allow 4.5 of them.
        #expect(abs(share - 0.25) < 0.044)
    }

    @Test func randomTokensComeOnlyFromTheTrainingSegments() throws {
        // Held-out segments (every tenth of 128 tokens) hold ids 1000+ that training never sees.
        var tokens = (0 ..< 10_000).map { $0 % 97 }
        let data0 = try TokenDataset(tokens: tokens, contextLength: 15, validationFraction: 0.1)
        for segment in data0.validationSegments { for i in segment { tokens[i] = 1000 + i % 7 } }
        let data = try TokenDataset(tokens: tokens, contextLength: 15, validationFraction: 0.1)
        #expect(data.trainingVocabulary == Array(0 ..< 97))
        let batch = data.trainingBatch(step: 2, batchSize: 1000, seed: 5, repeatFraction: 1)
        #expect(batch.allSatisfy { $0.allSatisfy { $0 < 97 } })
    }

    @Test func fractionOutsideZeroToOneIsRefusedAndOldOptionsStillDecode() throws {
        for bad in [-0.1, 1.5, Double.nan] {
            var options = TrainingOptions(steps: 10)
            options.repeatFraction = bad
            #expect(throws: TrainingError.invalidOption(.repeatFraction, rule: "must be 0...1")) { try options.validate() }
        }
        // Options saved before the curriculum existed (no "repeatFraction" key) load as nil.
        var encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(TrainingOptions(steps: 7))) as! [String: Any]
        #expect(encoded["repeatFraction"] == nil)
        encoded["steps"] = 8
        let decoded = try JSONDecoder().decode(TrainingOptions.self, from: JSONSerialization.data(withJSONObject: encoded))
        #expect(decoded.steps == 8 && decoded.repeatFraction == nil)
    }
}
