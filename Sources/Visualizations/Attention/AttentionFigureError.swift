/// Problems with the request for an attention figure.
public enum AttentionFigureError: Error, Equatable, CustomStringConvertible {
    /// The layer does not exist.
    case layerOutOfRange(layer: Int, layers: Int)
    /// The head does not exist.
    case headOutOfRange(head: Int, heads: Int)
    /// The analysis did not record this layer's attention pattern.
    case missingPattern(layer: Int)
    /// The position range is empty or outside the prompt.
    case badRange(lower: Int, upper: Int, tokens: Int)
    /// The highlighted query is not in the shown range.
    case queryOutOfRange(query: Int, lower: Int, upper: Int)
    /// The analysis inputs disagree (see `AnalysisError`).
    case analysis(AnalysisError)

    public var description: String {
        switch self {
        case let .layerOutOfRange(layer, layers):
            return "layer \(layer) does not exist: the model has \(layers) layers (0…\(layers - 1))"
        case let .headOutOfRange(head, heads):
            return "head \(head) does not exist: each layer has \(heads) heads (0…\(heads - 1))"
        case let .missingPattern(layer):
            return "blocks.\(layer).attn.hook_pattern was not recorded; run the prompt with that hook (or all hooks)"
        case let .badRange(lower, upper, tokens):
            return "positions \(lower):\(upper) are not a non-empty range inside the prompt's \(tokens) tokens; use A:B with 0 ≤ A < B ≤ \(tokens)"
        case let .queryOutOfRange(query, lower, upper):
            return "query position \(query) is outside the shown positions \(lower):\(upper); pick a query inside the range"
        case let .analysis(error):
            return error.description
        }
    }
}
