import Foundation
import TensorCore

/// The metric of patching and attribution: logit(answer) − logit(wrong) at one position.
///
/// Unlike a probability it is linear in the residual stream (up to the final norm's scale), so
/// parts of the model can be credited with parts of it.
public struct LogitDifference: Sendable, Hashable {
    /// The token the clean prompt should predict.
    public let answer: Int
    /// The token it is compared against.
    public let wrong: Int

    /// A metric from two different token ids in `0 ..< vocabularySize`.
    public init(answer: Int, wrong: Int, vocabularySize: Int) throws(ExperimentError) {
        guard answer != wrong else { throw .sameAnswerAndWrong(id: answer) }
        for id in [answer, wrong] where id < 0 || id >= vocabularySize {
            throw .invalidTokenSubset("token id \(id) is outside the vocabulary 0..<\(vocabularySize)")
        }
        self.answer = answer
        self.wrong = wrong
    }

    /// logit(answer) − logit(wrong) in row `row` of `logits` (`[R, V]`), in Double.
    public func callAsFunction(_ logits: Tensor, row: Int) -> Double {
        let v = logits.shape[1]
        return logits.withUnsafeBufferPointer { Double($0[row * v + answer]) - Double($0[row * v + wrong]) }
    }
}

/// The normalisation of a patching score: (m − m_corrupt) / (m_clean − m_corrupt), so 0 means
/// "as corrupt" and 1 means "as clean".
public struct PatchingScale: Sendable, Hashable {
    /// The metric on the clean run.
    public let clean: Double
    /// The metric on the corrupt run.
    public let corrupt: Double

    /// Throws when the two are too close for the ratio to mean anything (|Δ| below 1e-6 of their
    /// size, or exactly equal): the score would be 0/0 or noise.
    public init(clean: Double, corrupt: Double, identicalPrompts: Bool = false) throws(ExperimentError) {
        let gap = abs(clean - corrupt)
        guard !identicalPrompts, gap.isFinite, gap > 1e-6 * max(1, abs(clean), abs(corrupt)) else {
            throw .metricUndefined(clean: clean, corrupt: corrupt, identicalPrompts: identicalPrompts)
        }
        self.clean = clean
        self.corrupt = corrupt
    }

    /// The normalised score of metric value `m`.
    public func callAsFunction(_ m: Double) -> Double { (m - corrupt) / (clean - corrupt) }

    /// |m_clean − m_corrupt|: every score is divided by it.
    public var gap: Double { abs(clean - corrupt) }

    /// Below this gap (in logits) the prompts barely disagree about the answer, so a score is a
    /// ratio of two small numbers: noise in the numerator moves it far outside 0…1 (a random
    /// model's gap of 0.07 gives scores like −1.4). Half a logit is a change of the answer's odds
    /// against the wrong token by a factor of e^0.5 ≈ 1.65, the least we call a real difference.
    public static let smallGap = 0.5

    /// True when the gap is below ``smallGap`` and charts and summaries should say so.
    public var isSmall: Bool { gap < Self.smallGap }
}

/// Mean next-token cross-entropy (nats) of `logits` (`[T, V]`) predicting `tokens[p + 1]` at
/// each position p in `positions` (all predicting positions when nil).
public func nextTokenLoss(_ logits: Tensor, tokens: [Int], positions: Range<Int>? = nil) -> Double {
    let v = logits.shape[1]
    let range = positions ?? 0 ..< tokens.count - 1
    guard !range.isEmpty else { return 0 }
    return logits.withUnsafeBufferPointer { l in
        var total = 0.0
        for p in range {
            let row = l[p * v ..< (p + 1) * v]
            let top = Double(row.max() ?? 0)
            let logSum = top + log(row.reduce(0.0) { $0 + exp(Double($1) - top) })
            total += logSum - Double(row[p * v + tokens[p + 1]])
        }
        return total / Double(range.count)
    }
}
