import Charts
import Experiments
import Foundation
import GPTModel
import Tokenization

/// The experiments the report runs, from a model alone: each returns a finished figure, or a
/// figure that says plainly why there is nothing to show (never a chart of NaN).
public enum ExperimentRuns {
    /// Repeated random tokens of `length` (or fewer, to fit the context): zero-ablate each head
    /// and MLP, the change in loss on the second copy.
    public static func repeatAblation(model: GPT, modelName: String, length: Int = 20) throws -> Figure {
        let n = repeatLength(length, model.configuration)
        let prompt = ExperimentPrompts.repeated(length: n, configuration: model.configuration)
        let sweep = try AblationSweep(model: model, tokens: prompt.ids, metric: .loss(positions: prompt.lossPositions), mode: .zero)
        return ExperimentFigures.ablation(sweep, modelName: modelName,
                                          promptLine: "prompt: \(n) random tokens written twice; loss on the second copy")
    }

    /// The induction patching pair: clean = A A[..<m], corrupt = B A[..<m] where B is A with token m
    /// changed to w. Induction predicts A[m] in the clean run and w in the corrupt one; the metric is
    /// logit(A[m]) − logit(w) at the last position.
    public static func inductionPair(configuration c: GPTConfiguration, length: Int = 12) -> (clean: [Int], corrupt: [Int], answer: Int, wrong: Int, changed: Int) {
        let n = repeatLength(length, c)
        let ids = ExperimentPrompts.repeated(length: n, configuration: c).ids
        let prefix = ids.count - 2 * n
        let m = n / 2
        let clean = Array(ids[0 ..< prefix + n + m])
        let answer = clean[prefix + m]
        let upper = c.vocabularySize == 50257 ? 50256 : c.vocabularySize
        var wrong = (answer + upper / 2) % upper
        while clean.contains(wrong) { wrong = (wrong + 1) % upper }
        var corrupt = clean
        corrupt[prefix + m] = wrong
        return (clean, corrupt, answer, wrong, prefix + m)
    }

    /// Patching on the induction pair: which positions, layers and heads carry the copied token.
    public static func repeatPatching(model: GPT, modelName: String, labels: ([Int]) -> [String]) throws -> Figure {
        let pair = inductionPair(configuration: model.configuration)
        let metric = try LogitDifference(answer: pair.answer, wrong: pair.wrong, vocabularySize: model.configuration.vocabularySize)
        let line = "clean: random tokens A, then A's start again; corrupt: the token at position \(pair.changed) changed. "
            + "metric: logit(the token induction copies) − logit(the changed token)"
        return try patchingFigure(model: model, modelName: modelName, clean: pair.clean, corrupt: pair.corrupt, metric: metric,
                                  labels: labels(pair.clean), metricLine: line)
    }

    /// The patching grids for a prompt pair, or a figure that says why the score is undefined.
    public static func patchingFigure(model: GPT, modelName: String, clean: [Int], corrupt: [Int], metric: LogitDifference,
                                      labels: [String], metricLine: String) throws -> Figure {
        do {
            let patching = try ActivationPatching(model: model, clean: clean, corrupt: corrupt, metric: metric)
            let line = metricLine + String(format: " · clean %.3f, corrupt %.3f", patching.scale.clean, patching.scale.corrupt)
            return ExperimentFigures.patching(patching.run(), modelName: modelName, tokenLabels: labels, metricLine: line)
        } catch let error as ExperimentError {
            var figure = Figure(width: 900, height: 160, title: "\(modelName) · activation patching: nothing to restore")
            figure.subtitle = metricLine + "\n" + error.description
            return figure
        }
    }

    /// The indirect-object pair on a GPT-2-vocabulary model, when the two prompts tokenize to the
    /// same length and both names are single tokens; nil otherwise.
    public static func ioiPair(tokenizer: Tokenizer?, configuration c: GPTConfiguration) -> (clean: [Int], corrupt: [Int], metric: LogitDifference)? {
        guard c.vocabularySize == 50257, let tokenizer else { return nil }
        let clean = tokenizer.encode(ExperimentPrompts.ioiClean), corrupt = tokenizer.encode(ExperimentPrompts.ioiCorrupt)
        let answer = tokenizer.encode(ExperimentPrompts.ioiAnswer), wrong = tokenizer.encode(ExperimentPrompts.ioiWrong)
        guard clean.count == corrupt.count, answer.count == 1, wrong.count == 1, clean.count <= c.contextLength,
              let metric = try? LogitDifference(answer: answer[0], wrong: wrong[0], vocabularySize: c.vocabularySize) else { return nil }
        return (clean, corrupt, metric)
    }

    /// `3 ␣Mary` labels for a token axis.
    public static func labels(_ ids: [Int], tokenizer: Tokenizer?) -> [String] {
        ids.enumerated().map { p, id in
            let text = tokenizer?.bytes(forToken: id).flatMap { String(validating: $0, as: UTF8.self) } ?? "#\(id)"
            let shown = text.replacingOccurrences(of: " ", with: "␣").replacingOccurrences(of: "\n", with: "⏎")
            return "\(p) " + (shown.count > 10 ? String(shown.prefix(9)) + "…" : shown)
        }
    }

    /// The forward passes the report's experiments make and their arithmetic, from the shapes
    /// alone: every block's weights once per row (2 FLOPs per weight) and the output head once
    /// per logits row. Patches a sweep finds it need not run are counted, so this is an upper
    /// bound; for a note before a long report.
    public static func reportWork(configuration c: GPTConfiguration, tokenizer: Tokenizer?) -> (passes: Int, flops: Double) {
        let (layers, heads) = (c.layerCount, c.headCount)
        let blockRow = 2 * Double(ParameterBreakdown(c).nonEmbeddingCount) / Double(max(1, layers))
        let logitsRow = 2 * Double(c.embeddingWidth) * Double(c.vocabularySize)
        var passes = 0, flops = 0.0
        // Ablation: each head and the MLP of layer l, run from layer l over every position.
        let ablation = ExperimentPrompts.repeated(length: repeatLength(20, c), configuration: c)
        for l in 0 ..< layers {
            passes += heads + 1
            flops += Double(heads + 1) * (Double(ablation.ids.count * (layers - l)) * blockRow + Double(ablation.lossPositions.count) * logitsRow)
        }
        // Patching: resid_pre, attn_out and mlp_out at each position p (run from p), and each head.
        func patching(tokens t: Int) {
            for l in 0 ..< layers {
                passes += 3 * t + heads
                flops += Double((3 * t * (t + 1) / 2 + heads * t) * (layers - l)) * blockRow + Double(3 * t + heads) * logitsRow
            }
        }
        patching(tokens: inductionPair(configuration: c).clean.count)
        if let ioi = ioiPair(tokenizer: tokenizer, configuration: c) { patching(tokens: ioi.clean.count) }
        return (passes, flops)
    }

    /// `length`, or fewer so that the repeated prompt fits the context.
    static func repeatLength(_ length: Int, _ c: GPTConfiguration) -> Int {
        max(2, min(length, (c.contextLength - (c.vocabularySize == 50257 ? 1 : 0)) / 2))
    }
}
