import Foundation

/// Why a training run cannot start or continue; each description is one line with the fix.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// An option is out of range.
    case invalidOption(option: String, rule: String)
    /// The corpus has no tokens at all.
    case emptyCorpus
    /// Too few tokens for one training window (and one validation window).
    case corpusTooShort(tokens: Int, needed: Int, context: Int)
    /// Parameters, gradients, Adam moments and activations would not fit in memory.
    case tooLargeForMemory(model: String, parameters: Int, neededBytes: Int, availableBytes: Int)
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
        case let .tooLargeForMemory(model, parameters, needed, available):
            return "training \(model) (\(Self.count(parameters)) parameters) needs about \(Self.bytes(needed)) "
                + "(weights, gradients, two Adam moments, activations) but only \(Self.bytes(available)) is usable here; "
                + "choose a smaller --preset/--config or lower --batch/--context"
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

    static func bytes(_ value: Int) -> String {
        let gib = Double(value) / Double(1 << 30)
        return gib >= 1 ? String(format: "%.1f GiB", gib) : String(format: "%.0f MiB", Double(value) / Double(1 << 20))
    }

    static func count(_ value: Int) -> String {
        value >= 1_000_000_000 ? String(format: "%.1fB", Double(value) / 1e9)
            : value >= 1_000_000 ? String(format: "%.1fM", Double(value) / 1e6) : "\(value)"
    }
}
