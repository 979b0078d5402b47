import Foundation
import GPTModel
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

    /// A 1-layer model over the stream's 97 tokens, for a ``Trainer`` to hold.
    static func tinyModel(context: Int) -> GPT {
        GPT.initialized(GPTConfiguration(name: "tiny", vocabularySize: 97, contextLength: context, embeddingWidth: 8, layerCount: 1, headCount: 2), seed: 1)
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

    // MARK: --repeat-alphabet

    @Test func theAlphabetDoublesOnScheduleUntilItIsTheVocabulary() {
        // Worked by hand: 64 tokens up to step 1499; 128 from 1500, 256 from 1800, ..., 4096 from
        // 1500 + 5 · 300 = 3000, 8192 from 3300, 64 · 2^8 = 16,384 from 3600, then no further.
        let alphabet = TrainingOptions.RepeatAlphabet(initialSize: 64, firstDoublingStep: 1500, doublingInterval: 300)
        let sizes = [0, 1499, 1500, 1799, 1800, 3299, 3300, 3599, 3600, 1_000_000_000].map { alphabet.size(atStep: $0, vocabulary: 16_384) }
        #expect(sizes == [64, 64, 128, 128, 256, 4096, 8192, 8192, 16_384, 16_384])
        // A vocabulary that is not a power of two times the start is reached exactly, never passed.
        #expect([0, 1500, 1800, 2100].map { alphabet.size(atStep: $0, vocabulary: 300) } == [64, 128, 256, 300])
        #expect(alphabet.size(atStep: 0, vocabulary: 50) == 50)
        #expect(TrainingOptions.RepeatAlphabet(initialSize: 2, firstDoublingStep: 0, doublingInterval: 1)
            .size(atStep: Int.max, vocabulary: Int.max) == Int.max)
    }

    @Test func spansDrawOnlyFromTheAlphabetAndNeverRepeatATokenWithinACopy() throws {
        let data = try TokenDataset(tokens: Self.tokens, contextLength: 63, validationFraction: 0.05)
        let order = data.repeatAlphabetOrder(seed: 7)
        // A permutation of the training vocabulary, fixed by the seed.
        #expect(order.sorted() == data.trainingVocabulary)
        #expect(order == data.repeatAlphabetOrder(seed: 7) && order != data.repeatAlphabetOrder(seed: 8))
        let alphabet = order.prefix(40)
        let plain = data.trainingBatch(step: 3, batchSize: 400, seed: 2)
        let repeated = data.trainingBatch(step: 3, batchSize: 400, seed: 2, repeatFraction: 1, alphabet: alphabet)
        for (corpus, window) in zip(plain, repeated) {
            let changed = window.indices.filter { window[$0] != corpus[$0] }
            guard let span = Self.repeatedSpan(window, covering: changed) else { Issue.record("no repeat covering the changes"); continue }
            let copy = window[span.offset ..< span.offset + span.length]
            #expect(copy.allSatisfy(alphabet.contains))
            // Spans are at most 32 tokens here, shorter than the 40-token alphabet: no token twice.
            #expect(Set(copy).count == span.length)
        }
        // An alphabet smaller than the span repeats tokens rather than looping forever.
        let tiny = data.trainingBatch(step: 4, batchSize: 50, seed: 2, repeatFraction: 1, alphabet: order.prefix(3))
        #expect(tiny.count == 50 && tiny.allSatisfy { $0.count == 64 })
    }

    @Test func theTrainerWidensTheAlphabetByStepAndLeavesRunsWithoutItAlone() throws {
        let data = try TokenDataset(tokens: Self.tokens, contextLength: 15, validationFraction: 0.05)
        let model = Self.tinyModel(context: 15)
        var options = TrainingOptions(steps: 100)
        options.repeatFraction = 0.5
        #expect(Trainer(model: model, options: options, dataset: data).repeatAlphabet(atStep: 50) == nil)
        options.repeatAlphabet = .init(initialSize: 10, firstDoublingStep: 20, doublingInterval: 5)
        let trainer = Trainer(model: model, options: options, dataset: data)
        let order = data.repeatAlphabetOrder(seed: options.seed)
        #expect(trainer.repeatAlphabet(atStep: 0).map(Array.init) == Array(order.prefix(10)))
        #expect(trainer.repeatAlphabet(atStep: 24).map(Array.init) == Array(order.prefix(20)))
        #expect(trainer.repeatAlphabet(atStep: 99).map(Array.init) == order)  // 10 · 2^4 = 160 > 97 tokens
    }

    @Test func badAlphabetsAreRefusedAndSaveWithTheOptions() throws {
        var options = TrainingOptions(steps: 10)
        options.repeatAlphabet = .init(initialSize: 64, firstDoublingStep: 5, doublingInterval: 2)
        #expect(throws: TrainingError.invalidOption(.repeatAlphabet, rule: "needs a repeat fraction above 0 (the spans it draws for)")) { try options.validate() }
        options.repeatFraction = 0.5
        try options.validate()
        for (bad, rule) in [(TrainingOptions.RepeatAlphabet(initialSize: 1, firstDoublingStep: 0, doublingInterval: 1), "must start with at least 2 tokens (SIZE:STEP:EVERY)"),
                            (.init(initialSize: 8, firstDoublingStep: -1, doublingInterval: 1), "must first double at step 0 or later (SIZE:STEP:EVERY)"),
                            (.init(initialSize: 8, firstDoublingStep: 0, doublingInterval: 0), "must double every 1 or more steps (SIZE:STEP:EVERY)")] {
            options.repeatAlphabet = bad
            #expect(throws: TrainingError.invalidOption(.repeatAlphabet, rule: rule)) { try options.validate() }
        }
        options.repeatAlphabet = .init(initialSize: 64, firstDoublingStep: 5, doublingInterval: 2)
        let decoded = try JSONDecoder().decode(TrainingOptions.self, from: JSONEncoder().encode(options))
        #expect(decoded == options)
    }

    @Test func theFractionChangesAtItsStep() throws {
        let data = try TokenDataset(tokens: Self.tokens, contextLength: 63, validationFraction: 0.05)
        let model = Self.tinyModel(context: 63)
        var options = TrainingOptions(steps: 100)
        options.batchSize = 40
        (options.repeatFraction, options.repeatFractionChange) = (1, .init(step: 30, fraction: 0))
        #expect([0, 29, 30, 99].map(options.repeatFraction(atStep:)) == [1, 1, 0, 0])
        // Every window of steps 0-29 holds a span, none of steps 30 on, through the trainer's own draw.
        let trainer = Trainer(model: model, options: options, dataset: data)
        #expect(trainer.batch(atStep: 29).allSatisfy { Self.repeatedSpan($0) != nil })
        #expect(trainer.batch(atStep: 30).allSatisfy { Self.repeatedSpan($0) == nil })
        // Without a change the fraction holds all run, and the setting saves with the options.
        options.repeatFractionChange = nil
        #expect(options.repeatFraction(atStep: 99) == 1)
        for (bad, rule) in [(TrainingOptions.RepeatFractionChange(step: -1, fraction: 0.5), "must start at step 0 or later (STEP:F)"),
                            (.init(step: 10, fraction: 1.5), "must give a fraction in 0...1 (STEP:F)")] {
            options.repeatFractionChange = bad
            #expect(throws: TrainingError.invalidOption(.repeatFractionChange, rule: rule)) { try options.validate() }
        }
        options.repeatFractionChange = .init(step: 10, fraction: 0.25)
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: JSONEncoder().encode(options)) == options)
    }
}
