import Foundation
import GPTModel
import TensorCore
import Tokenization
import Testing
@testable import Training

/// The token split, batches, baseline and the refusals of bad input.
struct DatasetTests {
    @Test func emptyAndShortCorporaAreRefused() {
        #expect(throws: TrainingError.emptyCorpus) { try TokenDataset(tokens: [], contextLength: 8, validationFraction: 0.05) }
        // One window is 9 tokens; with validation two are needed.
        #expect(throws: TrainingError.corpusTooShort(tokens: 17, needed: 18, context: 8)) {
            try TokenDataset(tokens: Array(0 ..< 17), contextLength: 8, validationFraction: 0.05)
        }
        #expect(throws: TrainingError.corpusTooShort(tokens: 8, needed: 9, context: 8)) {
            try TokenDataset(tokens: Array(0 ..< 8), contextLength: 8, validationFraction: 0)
        }
        // The fix travels as a hint (the CLI names --context); the text names no option.
        let error = TrainingError.corpusTooShort(tokens: 8, needed: 9, context: 8)
        #expect(error.hint == .giveMoreTextOrShortenContext(context: 8))
        #expect(error.description.contains("shorten the context") && !error.description.contains("--"))
    }

    @Test func splitHoldsOutTheFractionEvenlyAndBatchesStayInTrainingSegments() throws {
        let tokens = (0 ..< 10_000).map { $0 % 97 }
        let data = try TokenDataset(tokens: tokens, contextLength: 15, validationFraction: 0.1)
        // Segments of 8 × 16 = 128 tokens: 78 segments, every tenth held out.
        #expect(data.trainingTokenCount + data.validationTokenCount == 10_000)
        #expect(data.validationSegments.count == 7)
        #expect(data.validationSegments.map(\.lowerBound) == [9, 19, 29, 39, 49, 59, 69].map { $0 * 128 })
        let batch = data.trainingBatch(step: 3, batchSize: 64, seed: 7)
        #expect(batch.count == 64 && batch.allSatisfy { $0.count == 16 })
        for window in batch {
            // Consecutive tokens of the stream (tokens are position mod 97) ...
            #expect(zip(window, window.dropFirst()).allSatisfy { ($0 + 1) % 97 == $1 })
        }
        #expect(batch == data.trainingBatch(step: 3, batchSize: 64, seed: 7))
        #expect(batch != data.trainingBatch(step: 4, batchSize: 64, seed: 7))
        #expect(data.validationWindows(limit: 5).count == 5)
        #expect(data.validationWindows(limit: 1000).count == 7 * 8)   // 128 / 16 windows per held-out segment
    }

    @Test func unigramEntropyIsThatOfTheTokenFrequencies() throws {
        // Two tokens, equally often: ln 2. With validation off every token is training data.
        let data = try TokenDataset(tokens: [0, 1, 0, 1, 1, 0, 0, 1], contextLength: 3, validationFraction: 0)
        #expect(abs(data.unigramEntropy() - log(2)) < 1e-12)
    }

    @Test func probeRepeatsItsRandomPart() throws {
        let data = try TokenDataset(tokens: (0 ..< 5000).map { $0 % 500 }, contextLength: 32, validationFraction: 0.05)
        let probe = ProbePrompt(dataset: data, contextLength: 32, seed: 3) { $0.map(String.init) }
        #expect(probe.ids.count == 32 && probe.excerptLength == 16 && probe.repeatLength == 8)
        #expect(Array(probe.ids[16 ..< 24]) == Array(probe.ids[24 ..< 32]))
        #expect(Array(probe.ids[0 ..< 16]) == Array(data.tokens[data.validationSegments[0]].prefix(16)))
    }

    @Test func probeCopyLossesAreTheMeanCrossEntropyOnEachCopy() throws {
        let data = try TokenDataset(tokens: (0 ..< 5000).map { $0 % 500 }, contextLength: 32, validationFraction: 0.05)
        let probe = ProbePrompt(dataset: data, contextLength: 32, seed: 3) { $0.map(String.init) }
        // Excerpt 0..<16, copies 16..<24 and 24..<32: each copy's tokens after its first.
        let targets = try #require(probe.copyTargets)
        #expect(targets.first == 17 ..< 24 && targets.second == 25 ..< 32)
        // Logits all 0 (uniform over V = 500) except, on the rows predicting the second copy,
        // 5 on the right token: ln 500 on the first copy, ln(e^5 + 499) − 5 on the second.
        var logits = [Float](repeating: 0, count: 32 * 500)
        for t in targets.second { logits[(t - 1) * 500 + probe.ids[t]] = 5 }
        let losses = try #require(probe.copyLosses(logits: Tensor(shape: [32, 500], scalars: logits)))
        #expect(abs(losses.first - log(500)) < 1e-9)
        #expect(abs(losses.second - (log(exp(5) + 499) - 5)) < 1e-9)
        #expect(probe.copyLosses(logits: Tensor(shape: [31, 500], scalars: Array(logits.prefix(31 * 500)))) == nil)
    }

    @Test func memoryEstimateRefusesGPT3() throws {
        var options = TrainingOptions(steps: 1)
        options.contextLength = 2048
        let gpt3 = try GPTConfiguration.preset(named: "gpt3-175b")
        let estimate = TrainingMemoryEstimate(configuration: gpt3, options: options)
        // 175B parameters × 4 bytes × (weights, gradients, 2 moments, 4 shard buffers) ≈ 2.8 TB.
        #expect(estimate.bytes > 175_000_000_000 * 4 * 8)
        #expect(throws: TrainingError.self) { try estimate.check(model: "gpt3-175b", available: 64 << 30) }
        let small = GPTConfiguration(name: "s", vocabularySize: 4096, contextLength: 128, embeddingWidth: 256, layerCount: 4, headCount: 8)
        options.contextLength = 128
        try TrainingMemoryEstimate(configuration: small, options: options).check(model: "s", available: 1 << 30)
    }
}

/// vocab.json + merges.txt rebuilt from GPT-2's tiktoken ranks encode exactly as tiktoken's ranks do.
struct TokenizerFilesTests {
    @Test func derivedGPT2FilesEncodeLikeTheBuiltInRanks() throws {
        let gpt2 = try Tokenizer.gpt2()
        let files = TokenizerFiles.derived(from: gpt2, contextLength: 1024)
        let vocabulary = try #require(files["vocab.json"]), merges = try #require(files["merges.txt"])
        let rebuilt = try Tokenizer(vocabularyJSON: [UInt8](vocabulary), merges: [UInt8](merges))
        #expect(String(decoding: merges, as: UTF8.self).split(separator: "\n").count == 1 + 50_000)  // header + GPT-2's 50,000 merges
        #expect(String(decoding: merges, as: UTF8.self).split(separator: "\n")[1] == "Ġ t")            // GPT-2's first merge
        for text in ["Hello world, it's GPT-2!", "中华人民共和国成立于1949年", "    indented code() {}\n\n", "naïve café"] {
            #expect(rebuilt.encode(text) == gpt2.encode(text), "\(text)")
        }
        #expect(rebuilt.vocabularySize == 50_257)
    }
}
