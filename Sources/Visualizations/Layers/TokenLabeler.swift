import GPTModel
import Tokenization

/// Labels for single token ids that need not be in the prompt (predicted tokens), drawn the
/// way `TokenAxisLabels` draws prompt tokens.
struct TokenLabeler: Sendable {
    let tokenizer: Tokenizer?

    /// `·the`, `<e5><8d>`, `U+1F600`, or `#id` when there is no tokenizer or the id is unknown.
    func label(_ id: Int) -> String {
        guard let tokenizer, let bytes = tokenizer.bytes(forToken: id) else { return "#\(id)" }
        let special = tokenizer.specialTokenText(id) != nil
        let single = TokenizedText(ids: [id], tokenBytes: [bytes], isSpecial: [special])
        return TokenAxisLabels.labels(single, numbered: false).first ?? "#\(id)"
    }

    /// The `k` most probable tokens of a softmax distribution, most probable first.
    func top(_ k: Int, of probabilities: [Double]) -> [TokenProbability] {
        TopTokens.indices(k, of: probabilities).map { TokenProbability(id: $0, label: label($0), probability: probabilities[$0]) }
    }
}
