/// Every parameter of a model, component by component, computed from its configuration alone.
///
/// Conventions: a tied output head is counted once, in the token embedding (its row is listed
/// with a count of 0); non-trainable buffers, such as the causal mask `attn.bias` stored in some
/// GPT-2 checkpoints, are not parameters and are not counted. Components come in model order:
/// embeddings, then one block's sublayers (each counted over every layer), final norm, head.
public struct ParameterBreakdown: Sendable, Equatable {
    /// The configuration the counts follow from.
    public let configuration: GPTConfiguration
    /// The components in model order; their counts sum to ``total``.
    public let components: [ParameterComponent]

    /// Counts every parameter of `configuration`.
    public init(_ configuration: GPTConfiguration) {
        self.configuration = configuration
        self.components = ParameterBreakdown.accounting(of: configuration)
    }

    /// The one-line statement of what is and is not counted, for printing beside the numbers.
    public static let conventions = """
        A tied output head is counted once, in the token embedding; non-trainable buffers \
        (e.g. the causal mask attn.bias stored in some GPT-2 checkpoints) are not counted.
        """

    /// The model's name.
    public var name: String { configuration.name }

    /// The exact number of parameters.
    public var total: Int { components.reduce(0) { $0 + $1.count } }

    /// The fraction of the total held by `component` (0 when the model has no parameters).
    public func share(of component: ParameterComponent) -> Double {
        total > 0 ? Double(component.count) / Double(total) : 0
    }

    /// The parameters in one group, e.g. every attention weight and bias.
    public func count(in group: ParameterGroup) -> Int {
        components.filter { $0.group == group }.reduce(0) { $0 + $1.count }
    }

    /// Token and position tables plus an untied output head (the embedding matrices).
    public var embeddingCount: Int {
        count(in: .tokenEmbedding) + count(in: .positionEmbedding) + count(in: .outputHead)
    }

    /// The token and position tables alone (an untied output head is counted apart): the
    /// "embeddings" of a split into embeddings, attention, MLP and normalization.
    public var embeddingTablesCount: Int {
        count(in: .tokenEmbedding) + count(in: .positionEmbedding)
    }

    /// Everything but the embedding matrices: the N of Kaplan et al. (2020).
    public var nonEmbeddingCount: Int { total - embeddingCount }

    /// The parameters of one decoder block.
    public var parametersPerLayer: Int { perLayer(.decoder) }

    /// The parameters of one encoder block, or `nil` for a decoder-only model.
    public var parametersPerEncoderLayer: Int? {
        configuration.isEncoderDecoder ? perLayer(.encoder) : nil
    }

    /// The total the source publishes, if any.
    public var publishedTotal: Double? { configuration.publishedParameterCount }

    /// (exact − published) / published, or `nil` without a published total.
    public var differenceFromPublished: Double? {
        guard let published = publishedTotal, published > 0 else { return nil }
        return (Double(total) - published) / published
    }

    /// The bytes needed to hold the weights at `precision` (parameters × bytes per parameter).
    public func weightBytes(at precision: WeightPrecision) -> Int {
        total * precision.bytesPerParameter
    }

    private func perLayer(_ stack: ParameterComponent.Stack) -> Int {
        components.filter { $0.stack == stack }.reduce(0) { $0 + $1.countPerLayer }
    }
}
