import Foundation
import GPTModel

/// A whole training run in an output folder: steps, evaluations with probe snapshots, checkpoints
/// and the log, with a stop check between steps (Ctrl-C) that leaves the last checkpoint intact.
public struct TrainingRun: Sendable {
    /// Something the caller may show.
    public enum Event: Sendable {
        /// A step finished.
        case step(Trainer.StepRecord)
        /// The validation loss was measured (and a probe snapshot written).
        case evaluation(TrainingLog.Evaluation)
        /// A checkpoint was written after this many steps.
        case checkpoint(step: Int)
    }

    /// The folder holding the checkpoint, log and probes.
    public let directory: URL
    /// The optimizer loop.
    public private(set) var trainer: Trainer
    /// The log so far.
    public private(set) var log: TrainingLog
    /// Files copied into every checkpoint (`vocab.json`, `merges.txt`, `tokenizer_config.json`).
    public let tokenizerFiles: [String: Data]
    /// The `<|endoftext|>` id written as bos/eos into config.json.
    public let endOfTextID: Int?

    /// A run from `trainer`'s current state and `log`, writing into `directory`.
    public init(directory: URL, trainer: Trainer, log: TrainingLog, tokenizerFiles: [String: Data], endOfTextID: Int?) {
        self.directory = directory
        self.trainer = trainer
        self.log = log
        self.tokenizerFiles = tokenizerFiles
        self.endOfTextID = endOfTextID
    }

    /// Trains until `options.steps` (or `stopAt`, for tests), or until `shouldStop()` returns true
    /// between steps. Returns whether the last step was reached.
    ///
    /// Evaluates (validation loss + probe snapshot) at step 0, every `evalEvery` steps and at the
    /// end; writes a checkpoint every `saveEvery` steps and at the end.
    public mutating func run(stopAt: Int? = nil, shouldStop: () -> Bool = { false },
                             onEvent: (Event) -> Void = { _ in }) throws -> Bool {
        let options = trainer.options
        let last = min(stopAt ?? options.steps, options.steps)
        let validation = trainer.dataset.validationWindows(limit: options.evalSequences)
        if trainer.completedSteps == 0, !log.evaluations.contains(where: { $0.step == 0 }) {
            onEvent(.evaluation(try evaluate(validation)))
            try TrainingCheckpoint.writeLog(log, to: directory)
        }
        while trainer.completedSteps < last {
            if shouldStop() { return false }
            let record = trainer.step()
            // A non-finite loss or gradient norm means the update just made the weights NaN:
            // stop before anything of this step is logged or saved.
            try checkFinite(record.loss, "the training loss", step: record.step)
            try checkFinite(record.gradientNorm, "the gradient norm", step: record.step)
            log.steps.append(record)
            onEvent(.step(record))
            let step = record.step
            if step % options.evalEvery == 0 || step == options.steps {
                let evaluation = try evaluate(validation)
                try checkFinite(evaluation.validationLoss, "the validation loss", step: step)
                onEvent(.evaluation(evaluation))
                try TrainingCheckpoint.writeLog(log, to: directory)
            }
            if step % options.saveEvery == 0 || step == options.steps {
                try saveCheckpoint()
                onEvent(.checkpoint(step: step))
            }
        }
        return trainer.completedSteps == options.steps
    }

    /// Writes the checkpoint of the current step now.
    public mutating func saveCheckpoint() throws {
        let step = trainer.completedSteps
        // A finite loss can still leave an infinite weight after the update; never save one.
        if let (name, index, value) = trainer.model.firstNonFiniteWeight() {
            throw TrainingError.diverged(step: step, what: "weight \(name) at flat index \(index)", value: Double(value),
                                         lastCheckpoint: log.checkpoints.last, path: directory.path)
        }
        if !log.checkpoints.contains(step) { log.checkpoints.append(step) }
        try TrainingCheckpoint.write(trainer: trainer, log: log, tokenizerFiles: tokenizerFiles, endOfTextID: endOfTextID, to: directory)
    }

    /// Throws ``TrainingError/diverged(step:what:value:lastCheckpoint:path:)`` unless `value` is finite.
    private func checkFinite(_ value: Double, _ what: String, step: Int) throws {
        guard !value.isFinite else { return }
        throw TrainingError.diverged(step: step, what: what, value: value, lastCheckpoint: log.checkpoints.last, path: directory.path)
    }

    /// Measures the validation loss and writes the probe snapshot for the current step.
    mutating func evaluate(_ windows: [[Int]]) throws -> TrainingLog.Evaluation {
        let step = trainer.completedSteps
        var evaluation = TrainingLog.Evaluation(step: step, validationLoss: trainer.loss(windows: windows), probeFile: nil)
        if let probe = log.probe {
            let folder = directory.appendingPathComponent(TrainingCheckpoint.probeFolderName)
            let losses = try probe.snapshot(model: trainer.model, step: step, folder: folder)
            evaluation.probeFirstCopyLoss = losses?.first
            evaluation.probeSecondCopyLoss = losses?.second
            evaluation.probeFile = TrainingCheckpoint.probeFolderName + "/" + ProbePrompt.fileName(step: step)
        }
        log.evaluations.removeAll { $0.step == step }
        log.evaluations.append(evaluation)
        return evaluation
    }
}
