/// A token with the model's probability for it: a generation step's chosen token or runner-up,
/// a bar of the next-token chart, a logit-lens cell, a prediction of the report.
public struct TokenProbability: Sendable, Equatable, Codable {
    /// The token id.
    public var id: Int
    /// The token as drawn (`·Paris`, `华`, `<e5>`); `#id` until a tokenizer names it.
    public var label: String
    /// Softmax of the raw logits (temperature 1, no filtering): what the model believes, 0…1.
    public var probability: Double
    /// Probability under the sampling distribution actually used (after temperature, top-k,
    /// top-p); the same as `probability` when the model's distribution is taken as it is.
    public var samplingProbability: Double

    /// A token; without a `label` it is `#id`, without a `samplingProbability` it is `probability`.
    public init(id: Int, label: String? = nil, probability: Double, samplingProbability: Double? = nil) {
        self.id = id
        self.label = label ?? "#\(id)"
        self.probability = probability
        self.samplingProbability = samplingProbability ?? probability
    }

    // Written as `id`, `label`, `probability`: the sampling probability belongs to a generation
    // step, whose files write it themselves.
    private enum CodingKeys: String, CodingKey { case id, label, probability }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int.self, forKey: .id), label: try c.decode(String.self, forKey: .label),
                  probability: try c.decode(Double.self, forKey: .probability))
    }
}
