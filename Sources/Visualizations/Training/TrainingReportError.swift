/// Why a training report could not be drawn: each case names the file or value and the fix.
public enum TrainingReportError: Error, Equatable, CustomStringConvertible {
    /// The run folder has no `train-log.json`.
    case missingLog(path: String)
    /// `train-log.json` could not be read as a training log.
    case unreadableLog(path: String, reason: String)
    /// The log has no training steps yet.
    case noSteps(path: String)
    /// A probe snapshot could not be read.
    case unreadableProbe(path: String, reason: String)
    /// The run has no probe snapshots (film strip impossible).
    case noProbes(path: String)
    /// A requested head does not exist in the model.
    case headOutOfRange(layer: Int, head: Int, layers: Int, heads: Int)

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Give the folder a training run wrote.
        case giveTrainingRunFolder
        /// Train with periodic evaluations, which write the probe snapshots.
        case trainWithEvaluations
        /// Name heads as `LAYER.HEAD` pairs that exist.
        case chooseExistingHeads
    }

    /// The fix, when there is one a front end can phrase with its options.
    public var hint: Hint? {
        switch self {
        case .missingLog: return .giveTrainingRunFolder
        case .noProbes: return .trainWithEvaluations
        case .headOutOfRange: return .chooseExistingHeads
        case .unreadableLog, .noSteps, .unreadableProbe: return nil
        }
    }

    public var description: String {
        switch self {
        case .missingLog(let path):
            return "no train-log.json in \(path): give the folder a training run wrote"
        case .unreadableLog(let path, let reason):
            return "cannot read the training log \(path) (\(reason)); rerun `gptscope train` to rewrite it"
        case .noSteps(let path):
            return "the training log \(path) has no steps yet; let `gptscope train` run past its first step"
        case .unreadableProbe(let path, let reason):
            return "cannot read the probe snapshot \(path) (\(reason)); delete it or rerun the training"
        case .noProbes(let path):
            return "the run in \(path) has no probe snapshots (probes/step-*.safetensors); train with periodic evaluations so snapshots are written"
        case .headOutOfRange(let layer, let head, let layers, let heads):
            return "head \(layer).\(head) does not exist: the model has layers 0–\(layers - 1) and heads 0–\(heads - 1) (name heads as LAYER.HEAD)"
        }
    }
}
