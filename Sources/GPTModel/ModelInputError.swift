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
    /// A prompt given as text to a checkpoint without a tokenizer.
    case noTokenizer(directory: String)
    /// Neither a prompt nor token ids.
    case noPrompt
    /// Token ids that are not comma-separated integers.
    case malformedIDs(String)

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Give a prompt (or token ids) with at least one token.
        case giveNonEmptyPrompt
        /// Keep only the last `keepLast` tokens (or shorten the prompt).
        case truncate(keepLast: Int)
        /// Record fewer hooks (such as `example`), use a shorter prompt, or raise the cache limit.
        case recordFewerHooks(example: String)
        /// Give the prompt as token ids, since there is no tokenizer.
        case giveTokenIDs
        /// Give a prompt, as text or as token ids.
        case givePrompt
        /// Write the ids as comma-separated integers, like `example`.
        case writeCommaSeparatedIDs(example: [Int])
    }

    /// The fix, when there is one a front end can phrase.
    public var hint: Hint? {
        switch self {
        case .emptyInput: return .giveNonEmptyPrompt
        case let .tooLong(_, context): return .truncate(keepLast: context)
        case .cacheTooLarge: return .recordFewerHooks(example: "blocks.*.attn.hook_pattern")
        case .noTokenizer: return .giveTokenIDs
        case .noPrompt: return .givePrompt
        case .malformedIDs: return .writeCommaSeparatedIDs(example: [464, 2068, 7586])
        case .idOutOfVocabulary, .unknownHook, .invalidIntervention, .invalidSampling: return nil
        }
    }

    public var description: String {
        switch self {
        case .emptyInput:
            return "no tokens to run; give a non-empty prompt or token ids"
        case let .tooLong(tokens, context):
            return "\(tokens) tokens exceed the model's context of \(context); shorten the prompt or keep only the last \(context) tokens"
        case let .idOutOfVocabulary(id, position, size):
            return "token id \(id) at position \(position) is outside the vocabulary (0..<\(size))"
        case let .cacheTooLarge(bytes, limit, hooks):
            return "recording \(hooks) hooks would take \(Self.megabytes(bytes)) (limit \(Self.megabytes(limit))); record fewer hooks (e.g. 'blocks.*.attn.hook_pattern'), use a shorter prompt, or raise the cache limit"
        case let .unknownHook(name, suggestion):
            return "unknown hook '\(name)'" + (suggestion.map { "; did you mean '\($0)'? (see gptscope inspect)" } ?? "; see gptscope inspect for the list")
        case let .invalidIntervention(hook, problem):
            return "cannot intervene on '\(hook)': \(problem)"
        case let .invalidSampling(message):
            return message
        case let .noTokenizer(directory):
            return "\(directory) has weights but no tokenizer (no tokenizer.json, nor vocab.json and merges.txt); give the prompt as token ids, which work without one"
        case .noPrompt:
            return "give a prompt as text or as token ids"
        case let .malformedIDs(text):
            return "token ids must be comma-separated integers, e.g. 464,2068,7586; got '\(text)'"
        }
    }

    /// `bytes` as MB, or GB from 1 GiB on.
    public static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}

import Foundation
