import Foundation
import TensorCore

/// Why a training run cannot start or continue; each description is one line with the fix.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// An option is out of range.
    case invalidOption(option: String, rule: String)
    /// The corpus has no tokens at all.
    case emptyCorpus
    /// Too few tokens for one training window (and one validation window).
    case corpusTooShort(tokens: Int, needed: Int, context: Int)
    /// Parameters, gradients, Adam moments, activations and batches would not fit in memory:
    /// the estimate, what is available, and what would make it fit.
    case tooLargeForMemory(MemoryError)
    /// The architecture has no backward pass here.
    case unsupportedArchitecture(model: String, reason: String)
    /// The output folder cannot be created or written.
    case unwritableOutput(path: String, reason: String)
    /// `--out` already holds a checkpoint and `--resume` was not given.
    case checkpointExists(path: String)
    /// `--resume` found nothing to resume.
    case nothingToResume(path: String)
    /// The checkpoint's files do not belong together or to this run.
    case inconsistentCheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(option, rule):
            return "\(option) \(rule)"
        case .emptyCorpus:
            return "the corpus is empty: give --corpus files that contain text"
        case let .corpusTooShort(tokens, needed, context):
            return "the corpus has only \(tokens) tokens; training with --context \(context) needs at least \(needed) "
                + "(a window of context + 1 to train on and one to validate); give more text or lower --context"
        case let .tooLargeForMemory(error):
            return "training " + error.description.replacingOccurrences(of: "this needs", with: "needs")
        case let .unsupportedArchitecture(model, reason):
            return "cannot train \(model): \(reason) has no backward pass here; use a GPT-2-style configuration"
        case let .unwritableOutput(path, reason):
            return "cannot write to --out \(path): \(reason); choose a folder you can write to"
        case let .checkpointExists(path):
            return "\(path) already holds a checkpoint; pass --resume to continue it, or choose another --out"
        case let .nothingToResume(path):
            return "--resume: \(path) holds no checkpoint with training_state.safetensors; start without --resume"
        case let .inconsistentCheckpoint(path, reason):
            return "cannot resume from \(path): \(reason)"
        }
    }
}
