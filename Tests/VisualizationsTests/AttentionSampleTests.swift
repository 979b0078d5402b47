import Charts
import Foundation
import GPTModel
import TensorCore
import Testing
import Tokenization
@testable import Visualizations

/// Figures of synthetic heads with known jobs (previous-token, first-token, induction, current-token)
/// at 5, 64 and 1,024 tokens: every kind renders, and the known heads win their scores.
/// With `GPTSCOPE_ATTENTION_SAMPLES=dir` the PNGs are written there for looking at.
@Suite struct AttentionSampleTests {
    /// Layer 0: H0 previous-token, H1 first-token; layer 1: H0 induction (falls back to
    /// previous-token), H1 current-token. Every row puts 0.9 on its target and spreads 0.1.
    static func analysis(tokens t: Int) -> PromptAnalysis {
        let half = t / 2
        let base = RepeatedTokensPrompt.ids(length: half, range: 0..<50256, seed: 7)
        let ids = t % 2 == 0 ? base : [50256] + base
        func head(_ target: (Int) -> Int) -> [Float] {
            var w = [Float](repeating: 0, count: t * t)
            for q in 0..<t {
                let k = target(q)
                for j in 0...q { w[q * t + j] = 0.1 / Float(q + 1) }
                w[q * t + k] += 0.9
            }
            return w
        }
        func induction(_ q: Int) -> Int {
            // The token after the previous occurrence of ids[q], if any.
            if let k = (0..<q).last(where: { ids[$0] == ids[q] }), k + 1 <= q { return k + 1 }
            return max(0, q - 1)
        }
        var cache = ActivationCache()
        cache[.pattern(0)] = Tensor(shape: [2, t, t], scalars: head { max(0, $0 - 1) } + head { _ in 0 })
        cache[.pattern(1)] = Tensor(shape: [2, t, t], scalars: head(induction) + head { $0 })
        let tokenizer = try! Tokenizer.gpt2()
        return PromptAnalysis(model: HandAttention.model, modelName: "synthetic", tokens: try! tokenizer.describe(ids),
                              cache: cache, logits: Tensor(shape: [t, 1]), tokenizer: tokenizer)
    }

    @Test(arguments: [5, 64, 1024])
    func everyKindRendersAndKnownHeadsWin(tokens: Int) throws {
        let a = Self.analysis(tokens: tokens)
        let window = tokens > 64 ? 480..<544 : nil
        let figures: [(String, Figure)] = [
            ("head", try AttentionFigures.head(a, layer: 1, head: 0)),
            ("head.range", try AttentionFigures.head(a, layer: 1, head: 0, range: window)),
            ("layer", try AttentionFigures.layer(a, layer: 0)),
            ("model", try AttentionFigures.model(a)),
            ("mean", try AttentionFigures.aggregate(a, kind: .mean)),
            ("max", try AttentionFigures.aggregate(a, kind: .max)),
            ("rollout", try AttentionFigures.aggregate(a, kind: .rollout)),
            ("headview", try AttentionFigures.headView(a, layer: 0, range: window)),
            ("headview.query", try AttentionFigures.headView(a, layer: 1, heads: [0], query: (window ?? 0..<min(tokens, 64)).upperBound - 1, range: window)),
            ("scores", try AttentionFigures.headScoresFigure(a)),
        ]
        let folder = ProcessInfo.processInfo.environment["GPTSCOPE_ATTENTION_SAMPLES"]
        for (name, figure) in figures {
            let png = try figure.pngData(scale: 2)
            #expect(png.count > 1000, "\(name)")
            if let folder {
                try png.write(to: URL(fileURLWithPath: folder).appendingPathComponent("attention.\(tokens).\(name).png"))
            }
        }
        let scores = try AttentionFigures.headScores(a)
        func best(_ kind: HeadScoreKind) -> (Int, Int)? { scores.first { $0.kind == kind }?.top(1).first.map { ($0.layer, $0.head) } }
        #expect(best(.previousToken)! == (0, 0))
        #expect(best(.firstToken)! == (0, 1))
        #expect(best(.currentToken)! == (1, 1))
        if tokens > 5 { #expect(best(.induction)! == (1, 0)) }
    }
}
