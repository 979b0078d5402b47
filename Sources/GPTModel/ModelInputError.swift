/// Why a forward pass or generation was refused before it started.
public enum ModelInputError: Error, CustomStringConvertible, Equatable {
    /// No tokens to process.
    case emptyInput
    /// More positions than the model's context holds.
    case tooLong(tokens: Int, context: Int)
    /// A token id outside `0 ..< vocabularySize`.
    case idOutOfVocabulary(id: Int, position: Int, vocabularySize: Int)
    /// The selected hooks would take more memory than allowed.
    case cacheTooLarge(bytes: Int, limit: Int, hooks: Int)
    /// A hook name or pattern that matches nothing this model records.
    case unknownHook(name: String, suggestion: String?)
    /// An intervention that does not fit the model or the prompt.
    case invalidIntervention(hook: String, problem: String)
    /// A sampling setting out of range.
    case invalidSampling(String)

    public var description: String {
        switch self {
        case .emptyInput:
            return "no tokens to run; give a non-empty prompt or --ids"
        case let .tooLong(tokens, context):
            return "\(tokens) tokens exceed the model's context of \(context); shorten the prompt or pass --truncate to keep the last \(context)"
        case let .idOutOfVocabulary(id, position, size):
            return "token id \(id) at position \(position) is outside the vocabulary (0..<\(size))"
        case let .cacheTooLarge(bytes, limit, hooks):
            return "recording \(hooks) hooks would take \(Self.megabytes(bytes)) (limit \(Self.megabytes(limit))); select fewer with --hooks (e.g. 'blocks.*.attn.hook_pattern'), use a shorter prompt, or raise --max-cache"
        case let .unknownHook(name, suggestion):
            return "unknown hook '\(name)'" + (suggestion.map { "; did you mean '\($0)'? (see gptscope inspect)" } ?? "; see gptscope inspect for the list")
        case let .invalidIntervention(hook, problem):
            return "cannot intervene on '\(hook)': \(problem)"
        case let .invalidSampling(message):
            return message
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}

import Foundation
