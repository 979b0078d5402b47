import GPTModel

/// One candidate for the token after the prompt: its rank beside the token and its probability.
/// Encoded flat (`rank`, `id`, `label`, `probability`) in `summary.json`.
public struct ReportPrediction: Sendable, Equatable, Codable {
    /// 1 for the most likely token.
    public var rank: Int
    /// The token as the tokenizer describes it (`·Paris`, `<e5>`, or `#id` without a tokenizer)
    /// with its probability after the softmax at the last position.
    public var token: TokenProbability

    /// The token id.
    public var id: Int { token.id }
    /// The token as displayed.
    public var label: String { token.label }
    /// Its probability.
    public var probability: Double { token.probability }

    /// The candidate `token` at `rank`.
    public init(rank: Int, token: TokenProbability) {
        self.rank = rank
        self.token = token
    }

    /// The `k` most likely next tokens after the last position of `analysis`.
    public static func top(_ k: Int, of analysis: PromptAnalysis) -> [ReportPrediction] {
        guard let next = try? NextTokenDistribution(analysis, topK: k) else { return [] }
        // The page and the summary name tokens as the tokenizer describes them, not as figure axes do.
        let labels = (try? analysis.tokenizer?.labels(next.top.map(\.id))) ?? nil
        return next.top.enumerated().map { rank, token in
            ReportPrediction(rank: rank + 1, token: TokenProbability(id: token.id, label: labels?[rank], probability: token.probability))
        }
    }

    private enum CodingKeys: String, CodingKey { case rank }

    public init(from decoder: any Decoder) throws {
        rank = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .rank)
        token = try TokenProbability(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rank, forKey: .rank)
        try token.encode(to: encoder)
    }
}
