/// One candidate token with its display label and probability (a logit-lens cell, a bar of the
/// next-token chart, a candidate of a generation step).
public struct TokenProbability: Sendable, Equatable, Codable {
    /// The token id.
    public var id: Int
    /// The token as drawn (`·Paris`, `华`, `<e5>`, or `#id` without a tokenizer).
    public var label: String
    /// Its probability, 0…1.
    public var probability: Double

    /// A candidate.
    public init(id: Int, label: String, probability: Double) {
        self.id = id
        self.label = label
        self.probability = probability
    }
}
