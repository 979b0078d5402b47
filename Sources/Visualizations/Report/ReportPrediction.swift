import GPTModel

/// One candidate for the token after the prompt.
public struct ReportPrediction: Sendable, Equatable, Codable {
    /// 1 for the most likely token.
    public var rank: Int
    /// The token id.
    public var id: Int
    /// The token as displayed (`·Paris`, `<e5>`, or `#id` without a tokenizer).
    public var label: String
    /// Its probability after the softmax at the last position.
    public var probability: Double

    /// A candidate.
    public init(rank: Int, id: Int, label: String, probability: Double) {
        self.rank = rank
        self.id = id
        self.label = label
        self.probability = probability
    }

    /// The `k` most likely next tokens after the last position of `analysis`.
    public static func top(_ k: Int, of analysis: PromptAnalysis) -> [ReportPrediction] {
        let vocabulary = analysis.logits.shape.last ?? 0
        let positions = analysis.logits.scalars.count / max(1, vocabulary)
        guard vocabulary > 0, positions > 0 else { return [] }
        let last = analysis.logits.scalars[(positions - 1) * vocabulary ..< positions * vocabulary]
        let probabilities = Sampler.probabilities(last)
        let ids = Sampler.top(min(k, vocabulary), of: probabilities)
        let labels = (try? analysis.tokenizer?.labels(ids)) ?? nil
        return ids.enumerated().map { rank, id in
            ReportPrediction(rank: rank + 1, id: id, label: labels?[rank] ?? "#\(id)", probability: probabilities[id])
        }
    }
}
