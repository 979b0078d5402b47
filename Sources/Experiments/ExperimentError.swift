import Foundation
/// Why an experiment (ablation, patching, attribution, circuits) was refused before it ran.
///
/// Each description is one line naming the problem and the fix; the CLI prints it as is.
public enum ExperimentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A layer that the model does not have.
    case unknownLayer(layer: Int, layerCount: Int)
    /// A head that the model does not have.
    case unknownHead(layer: Int, head: Int, headCount: Int)
    /// A head written in a form other than `L.H`.
    case malformedHead(String)
    /// The answer and the wrong token are the same id, so their logit difference is always 0.
    case sameAnswerAndWrong(id: Int)
    /// Clean and corrupt prompts of different token lengths.
    case lengthMismatch(clean: Int, corrupt: Int)
    /// Clean and corrupt runs give (nearly) the same metric, so (m − m_corrupt) / (m_clean − m_corrupt) is undefined.
    case metricUndefined(clean: Double, corrupt: Double, identicalPrompts: Bool)
    /// A position outside the prompt.
    case positionOutOfRange(position: Int, tokens: Int)
    /// Direct logit attribution needs the output to be a sum of parts (pre-norm); GPT-1 normalizes after every block.
    case attributionNeedsPreNorm(model: String)
    /// A loss metric on a one-token prompt has no next token to score.
    case noNextToken
    /// A token subset for a circuit that is empty or holds ids outside the vocabulary.
    case invalidTokenSubset(String)

    public var description: String {
        switch self {
        case let .unknownLayer(layer, count):
            return "layer \(layer) does not exist; this model has layers 0...\(count - 1)"
        case let .unknownHead(layer, head, count):
            return "head \(layer).\(head) does not exist; layer \(layer) has heads 0...\(count - 1) (write heads as LAYER.HEAD, e.g. 0.1)"
        case let .malformedHead(text):
            return "'\(text)' is not a head; write heads as LAYER.HEAD, comma-separated, e.g. 0.1,2.3"
        case let .sameAnswerAndWrong(id):
            return "the answer and the wrong token are both id \(id), so their logit difference is always 0; choose two different tokens"
        case let .lengthMismatch(clean, corrupt):
            return "the clean prompt has \(clean) tokens and the corrupt one \(corrupt); patching pairs positions, so make them tokenize to the same length"
        case let .metricUndefined(clean, corrupt, identical):
            let why = identical ? "clean and corrupt prompts are the same" : "clean and corrupt runs give the same logit difference"
            return "\(why) (\(Self.number(clean)) vs \(Self.number(corrupt))), so the normalised score (m − m_corrupt) / (m_clean − m_corrupt) is undefined; choose a corrupt prompt that changes the answer"
        case let .positionOutOfRange(position, tokens):
            return "position \(position) is outside the prompt's 0...\(tokens - 1)"
        case let .attributionNeedsPreNorm(model):
            return "\(model) normalizes after every block (post-norm, like GPT-1), so its output is not a sum of per-head parts; direct logit attribution needs a pre-norm model such as GPT-2"
        case .noNextToken:
            return "the loss needs at least two tokens (each position predicts the next); give a longer prompt"
        case let .invalidTokenSubset(problem):
            return "invalid token subset: \(problem)"
        }
    }

    static func number(_ x: Double) -> String { String(format: "%.4g", x) }
}
