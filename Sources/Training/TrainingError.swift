import Foundation
import TensorCore

/// Why a training run cannot start or continue; each description is one line with the fix.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A setting is out of range: which one, and the rule it breaks ("must be at least 1").
    case invalidOption(TrainingSetting, rule: String)
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
    /// The output folder already holds a checkpoint and the run was not asked to resume it.
    case checkpointExists(path: String)
    /// A run asked to resume found nothing to resume.
    case nothingToResume(path: String)
    /// The checkpoint's files do not belong together or to this run.
    case inconsistentCheckpoint(path: String, reason: String)
    /// The loss, the gradient norm or the weights stopped being finite at `step` (a learning
    /// rate too high for the model); `lastCheckpoint` is the last step saved, which is kept.
    case diverged(step: Int, what: String, value: Double, lastCheckpoint: Int?, path: String)

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Change this setting.
        case change(TrainingSetting)
        /// Give corpus files that contain text.
        case giveCorpusText
        /// Give more text, or train with a context shorter than `context`.
        case giveMoreTextOrShortenContext(context: Int)
        /// Choose an output folder that can be written.
        case chooseWritableFolder
        /// Resume the checkpoint, or choose another output folder.
        case resumeOrChooseAnotherFolder
        /// Start a new run instead of resuming.
        case startWithoutResuming
        /// Lower the learning rate and keep gradient clipping on.
        case lowerLearningRate
    }

    /// The fix, when there is one a front end can phrase with its options.
    public var hint: Hint? {
        switch self {
        case let .invalidOption(setting, _): return .change(setting)
        case .emptyCorpus: return .giveCorpusText
        case let .corpusTooShort(_, _, context): return .giveMoreTextOrShortenContext(context: context)
        case .unwritableOutput: return .chooseWritableFolder
        case .checkpointExists: return .resumeOrChooseAnotherFolder
        case .nothingToResume: return .startWithoutResuming
        case .diverged: return .lowerLearningRate
        case .tooLargeForMemory, .unsupportedArchitecture, .inconsistentCheckpoint: return nil
        }
    }

    /// "the last finite checkpoint, step 200, is kept in out/" or "no checkpoint was written".
    public static func kept(_ lastCheckpoint: Int?, _ path: String) -> String {
        lastCheckpoint.map { "the last finite checkpoint, step \($0), is kept in \(path)" } ?? "no checkpoint was written"
    }

    public var description: String {
        switch self {
        case let .invalidOption(setting, rule):
            return "\(setting) \(rule)"
        case .emptyCorpus:
            return "the corpus is empty: give corpus files that contain text"
        case let .corpusTooShort(tokens, needed, context):
            return "the corpus has only \(tokens) tokens; training with a context of \(context) needs at least \(needed) "
                + "(a window of context + 1 to train on and one to validate); give more text or shorten the context"
        case let .tooLargeForMemory(error):
            return "training " + error.description.replacingOccurrences(of: "this needs", with: "needs")
        case let .unsupportedArchitecture(model, reason):
            return "cannot train \(model): \(reason) has no backward pass here; use a GPT-2-style configuration"
        case let .unwritableOutput(path, reason):
            return "cannot write to \(path): \(reason); choose a folder you can write to"
        case let .checkpointExists(path):
            return "\(path) already holds a checkpoint; resume it, or choose another output folder"
        case let .nothingToResume(path):
            return "cannot resume: \(path) holds no checkpoint with training_state.safetensors; start a new run"
        case let .inconsistentCheckpoint(path, reason):
            return "cannot resume from \(path): \(reason)"
        case let .diverged(step, what, value, lastCheckpoint, path):
            return "training diverged at step \(step): \(what) is \(value) (\(Self.kept(lastCheckpoint, path))); "
                + "lower the learning rate and keep gradient clipping on"
        }
    }
}
