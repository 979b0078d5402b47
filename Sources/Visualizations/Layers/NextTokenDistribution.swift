import GPTModel
import TensorCore
import Tokenization

/// The model's own next-token distribution at one position: the softmax of its logits, with the
/// most probable tokens named (the "共和国 97%" picture).
public struct NextTokenDistribution: Sendable {
    /// The position whose prediction this is (it predicts the token at `position + 1`).
    public let position: Int
    /// The `k` most probable tokens, most probable first.
    public let top: [TokenProbability]
    /// The token that actually follows in the prompt, when `position` is not the last.
    public let actualNext: TokenProbability?

    /// The distribution at `position` of `analysis` (nil or -1: the last; negative counts from
    /// the end), keeping the `topK` most probable tokens.
    public init(_ analysis: PromptAnalysis, position: Int? = nil, topK: Int = 10) throws(LayersError) {
        try self.init(logits: analysis.logits, ids: analysis.tokens.ids, tokenizer: analysis.tokenizer, position: position, topK: topK,
                      logitsStart: analysis.logitsStart)
    }

    /// The distribution at `position` of the `[T, V]` `logits` a model gave for the prompt `ids`
    /// (nil or -1: the last), keeping the `topK` most probable tokens, labelled with `tokenizer`.
    /// `logits` may hold the rows of positions `logitsStart ..< T` only (a compacted analysis),
    /// which must include `position`.
    public init(logits: Tensor, ids: [Int], tokenizer: Tokenizer?, position: Int? = nil, topK: Int = 10,
                logitsStart: Int = 0) throws(LayersError) {
        guard topK >= 1 else { throw .invalidTopK(topK) }
        let count = ids.count
        let p = try LayerPositions.check(position ?? -1, count: count)
        precondition(p >= logitsStart, "position \(p) is before the kept logits (from \(logitsStart))")
        let labeler = TokenLabeler(tokenizer: tokenizer)
        let probabilities = TopTokens.probabilities(logits, row: p - logitsStart)
        self.position = p
        self.top = labeler.top(topK, of: probabilities)
        if p + 1 < count {
            let id = ids[p + 1]
            actualNext = TokenProbability(id: id, label: labeler.label(id), probability: probabilities[id])
        } else {
            actualNext = nil
        }
    }

    /// The probability left to every token outside ``top``.
    public var remainder: Double { max(0, 1 - top.reduce(0) { $0 + $1.probability }) }
}
