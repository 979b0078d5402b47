import Charts
import Foundation
import GPTModel
import TensorCore
import Testing
import Tokenization
@testable import Visualizations

/// Sampling, training samples, masks, the softmax step and surprisal against hand-worked numbers.
@Suite struct ExplainerPicturesTests {
    // MARK: Sampling — logits [2, 1, 0, -1], every probability worked out with a calculator.

    static let logits: [Float] = [2, 1, 0, -1]

    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < tolerance }
    }

    @Test func temperatureDividesTheLogitsBeforeSoftmax() {
        let s = SamplingDistributions(logits: Self.logits[...], temperatures: [1, 0.5, 2])
        // T = 1: e^2, e^1, e^0, e^-1 over their sum 11.475217.
        #expect(close(s.distributions[0].probabilities, [0.643914, 0.236883, 0.087144, 0.032059]))
        // T = 0.5: e^4, e^2, e^0, e^-2 over 63.122541.
        #expect(close(s.distributions[1].probabilities, [0.864955, 0.117059, 0.015842, 0.002144]))
        // T = 2: e^1, e^0.5, e^0, e^-0.5 over 5.973534.
        #expect(close(s.distributions[2].probabilities, [0.455054, 0.276004, 0.167405, 0.101536]))
        #expect(s.distributions.allSatisfy { $0.ids == [0, 1, 2, 3] })
    }

    @Test func topKThenTopPThenRenormalize() {
        // T = 2, top-k 3: e^1, e^0.5, e^0 over 5.367003 → 0.506480, 0.307196, 0.186324.
        let k = SamplingDistributions(logits: Self.logits[...], temperatures: [2], topK: 3).distributions[0]
        #expect(k.ids == [0, 1, 2])
        #expect(close(k.probabilities, [0.506480, 0.307196, 0.186324]))
        // Adding top-p 0.7: 0.455 < 0.7, 0.455 + 0.276 = 0.731 ≥ 0.7 → keep two, e^1 and e^0.5 over 4.367003.
        let kp = SamplingDistributions(logits: Self.logits[...], temperatures: [2], topK: 3, topP: 0.7).distributions[0]
        #expect(kp.ids == [0, 1])
        #expect(close(kp.probabilities, [0.622459, 0.377541]))
        // The grey bars are the distribution before cutting.
        #expect(close(kp.beforeFiltering, [0.455054, 0.276004, 0.167405, 0.101536]))
    }

    @Test func greedyPutsAllMassOnTheMostProbableToken() {
        let g = SamplingDistributions(logits: [0.5, 3, 1][...], temperatures: [0]).distributions[0]
        #expect(g.ids == [1] && g.probabilities == [1])
    }

    @Test func jsonListsKeysInOrderWithNullsAndLimit() throws {
        let s = SamplingDistributions(logits: Self.logits[...], temperatures: [0.5, 1], topK: 3)
        let text = s.json(limit: 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let list = try #require(object["distributions"] as? [[String: Any]])
        #expect(list.count == 2)
        #expect(list[0]["temperature"] as? Double == 0.5)
        #expect(list[0]["top_k"] as? Int == 3)
        #expect(list[0]["top_p"] is NSNull)
        #expect(list[1]["ids"] as? [Int] == [0, 1])
        let p = try #require(list[1]["probabilities"] as? [Double])
        // T = 1, top-k 3: e^2, e^1, e^0 over 11.107338.
        #expect(close(p, [0.665241, 0.244728]))
        let order = ["\"temperature\"", "\"top_k\"", "\"top_p\"", "\"ids\"", "\"probabilities\""].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    // MARK: Training samples

    @Test func samplesOfAHandWorkedText() throws {
        // "In the beginning God created the heaven and the earth." is 11 GPT-2 tokens:
        // In ·the ·beginning ·God ·created ·the ·heaven ·and ·the ·earth .
        let tokens = try Tokenizer.gpt2().tokenize("In the beginning God created the heaven and the earth.")
        #expect(tokens.count == 11)
        let s = TrainingSamples(tokenCount: tokens.count, context: 4)
        // Inputs 0–3 (targets 1–4), 4–7 (targets 5–8), 8–9 (targets 9–10): two full windows and a short one.
        #expect(s.windows == [0..<4, 4..<8, 8..<10])
        #expect(s.fullWindowCount == 2)
        #expect(s.pairCount == 10)
        let pairs = s.pairs(in: s.windows[1])
        #expect(pairs.map(\.context) == [4..<5, 4..<6, 4..<7, 4..<8])
        #expect(pairs.map(\.target) == [5, 6, 7, 8])
        #expect(tokens.labels[pairs[3].target] == "·the")
    }

    @Test func corpusCountsForGPT3() {
        // 300e9 / 2048 = 146,484,375 exactly, so D − 1 fills one window less.
        #expect(TrainingSamples.fullWindows(corpusTokens: 300_000_000_000, context: 2048) == 146_484_374)
        #expect(TrainingSamples.pairs(corpusTokens: 300_000_000_000, context: 2048) == 299_999_997_952)
        #expect(TrainingSamples.slidingWindows(corpusTokens: 300_000_000_000, context: 2048) == 299_999_997_952)
        #expect(TrainingSamples(tokenCount: 1, context: 4).windows.isEmpty)
    }

    @Test func samplesFigureSaysTheCounts() throws {
        let svg = try TrainingSamplesFigure(labels: ["a", "b", "c", "d", "e", "f", "g"], context: 3, modelName: "hand").figure().svg()
        #expect(svg.contains("7 tokens"))
        #expect(svg.contains("99,999,999,999 windows"))  // floor((300e9 − 1) / 3)
    }

    // MARK: Masks

    @Test func maskCountsByHand() {
        // 16 positions: causal 16·17/2 = 136; band 4: rows 0–3 see 1+2+3+4, rows 4–15 see 4 each → 10 + 48.
        #expect(AttentionMask.causal.allowedCount(16) == 136)
        #expect(AttentionMask.banded(width: 4).allowedCount(16) == 58)
        #expect(AttentionMask.slidingWindow(width: 1).allowedCount(5) == 5)
        #expect(AttentionMask.banded(width: 3).matrix(4) == [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [0, 1, 1, 1]])
        let figure = AttentionMaskFigure(context: 12, band: 3)
        #expect(figure.window == 3 && figure.panels.count == 4)
        #expect(figure.figure().footnote?.contains("assumes w = 3") == true)
    }

    // MARK: The softmax step

    @Test func valueWeightedNormsByHand() {
        // α = [[1, 0], [0.25, 0.75]]; v_0 = (3, 4) with length 5, v_1 = (0, 2) with length 2.
        let out = AttentionFigures.valueWeighted(pattern: [1, 0, 0.25, 0.75], values: [3, 4, 0, 2], tokens: 2, heads: 1, head: 0)
        #expect(close(out, [5, 0, 1.25, 1.5]))
        // Two heads: head 1's values sit after head 0's at each position ([T, NH, d_head]).
        let two = AttentionFigures.valueWeighted(pattern: [1, 0, 0.5, 0.5], values: [9, 9, 3, 4, 9, 9, 6, 8], tokens: 2, heads: 2, head: 1)
        #expect(close(two, [5, 0, 2.5, 5]))
    }

    @Test func softmaxStepDrawsScoresPatternAndNorms() throws {
        var analysis = HandAttention.analysis()
        var cache = analysis.cache
        let scores: [Float] = [0.5, -.infinity, -.infinity, 1, 2, -.infinity, 0, 0, 3]
        cache[.attnScores(1)] = Tensor(shape: [2, 3, 3], scalars: scores + scores)
        cache[.v(1)] = Tensor(shape: [3, 2, 2], scalars: [3, 4, 0, 0, 0, 2, 0, 0, 6, 8, 0, 0])
        analysis = PromptAnalysis(model: analysis.model, modelName: "hand", tokens: analysis.tokens, cache: cache,
                                  logits: analysis.logits, tokenizer: nil)
        let figure = try AttentionFigures.softmaxStep(analysis, layer: 1, head: 0)
        // Three panels on the same token axes share one plot size (the first has the "query" label).
        #expect(figure.uniformPlots && figure.panels.count == 3)
        let svg = try figure.svg()
        #expect(svg.contains("1. scores") && svg.contains("2. softmax"))
        // Head 0's pattern row 2 is [.4, .6, 0]; ‖v‖ = 5, 2, 10 → 2.00, 1.20 in panel 3.
        #expect(svg.contains(">2.00<") && svg.contains(">1.20<"))
        #expect(throws: AttentionFigureError.self) { try AttentionFigures.softmaxStep(analysis, layer: 0, head: 0) }
    }

    // MARK: Surprisal

    @Test func surprisalByHand() {
        // Row 0 uniform over 3 → −log(1/3) = 1.098612; row 1 logits log 1, log 3, log 4 → p(2) = 4/8 → log 2.
        let logits: [Float] = [0, 0, 0, 0, logf(3), logf(4), 0, 0, 0]
        let s = SurprisalStrip.surprisals(logits: logits, vocabulary: 3, ids: [0, 1, 2])
        #expect(close(s, [1.098612, 0.693147]))
        let strip = SurprisalStrip(logits: Tensor(shape: [3, 3], scalars: logits), ids: [0, 1, 2], labels: ["a", "b", "c"], modelName: "hand")
        #expect(abs((strip.meanLoss ?? 0) - 0.895880) < 1e-6)
        #expect(SurprisalStrip.surprisals(logits: [0, 0], vocabulary: 2, ids: [1]).isEmpty)
    }
}
