import FileAccess
import Foundation
import GPTModel
import OutputFolders
import TensorCore

/// A training checkpoint: a Hugging Face GPT-2 directory (`config.json`, `model.safetensors`,
/// tokenizer files) plus `training_state.safetensors` (Adam moments, step) and `train-log.json`.
///
/// Every file is first written into a staging folder inside the directory and then renamed over
/// the old one; the step is stored in both weight files, so a resume notices the (tiny) window
/// in which a crash could leave them from different steps.
public enum TrainingCheckpoint {
    /// Optimizer state next to the weights.
    public static let stateFileName = "training_state.safetensors"
    /// The log.
    public static let logFileName = "train-log.json"
    /// Attention snapshots folder.
    public static let probeFolderName = "probes"
    /// A checkpoint being written is collected in `.staging-<pid>` inside the run folder.
    static let stagingPrefix = ".staging-"

    /// Whether `directory` already holds (part of) a checkpoint.
    public static func exists(in directory: URL) -> Bool {
        ["model.safetensors", "config.json", stateFileName].contains {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// The output folder of a training run at `directory`: it may be missing, empty or hold a
    /// run of ours (``isTrainingRun(_:)``); a folder with other files is used (and emptied) only
    /// when `replacing` is ``OutputFolder/Replacing/anyFolder``.
    public static func outputFolder(_ directory: URL, replacing: OutputFolder.Replacing = .ownFolders) -> OutputFolder {
        OutputFolder(directory, replacing: replacing, isOwn: isTrainingRun)
    }

    /// Whether `directory` holds a training run GPTScope wrote: optimizer state, or a log in our format.
    @Sendable public static func isTrainingRun(_ directory: URL) -> Bool {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(stateFileName).path) { return true }
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(logFileName).path) else { return false }
        return String(decoding: data, as: UTF8.self).contains("\"gptscope.train-log/")
    }

    /// Creates `directory` if needed and proves it writable by writing and removing a file.
    public static func prepare(_ directory: URL) throws(TrainingError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .unwritableOutput(path: directory.path, reason: "it is a file, not a folder")
        }
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            // Staging folders of a run killed while writing (SIGKILL, power loss) are never complete:
            // drop them, but not one a live run is filling.
            StagingName.removeAbandoned(prefix: stagingPrefix, in: directory)
            let probe = directory.appendingPathComponent(".gptscope-write-test-\(getpid())")
            try Data().write(to: probe)
            try manager.removeItem(at: probe)
        } catch {
            throw .unwritableOutput(path: directory.path, reason: "permission denied or read-only")
        }
    }

    /// Writes the checkpoint of `trainer` after its last step into `directory`.
    ///
    /// `tokenizerFiles` (e.g. `vocab.json`, `merges.txt`) are copied in as they are.
    public static func write(trainer: Trainer, log: TrainingLog, tokenizerFiles: [String: Data], endOfTextID: Int?,
                             to directory: URL) throws(TrainingError) {
        let step = trainer.completedSteps
        let staging = directory.appendingPathComponent(stagingPrefix + String(getpid()))
        let manager = FileManager.default
        // Registered so that quitting at once (a second Ctrl-C) removes it; see `discard` below.
        StagingRegistry.register(staging, for: directory)
        func discard() {
            StagingRegistry.withCommitLock {
                try? manager.removeItem(at: staging)
                StagingRegistry.unregister(staging)
            }
        }
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            var files: [(String, Data)] = []
            files.append(("config.json", try configJSON(trainer.model.configuration, endOfTextID: endOfTextID)))
            for (name, data) in tokenizerFiles.sorted(by: { $0.key < $1.key }) { files.append((name, data)) }
            var weights: [String: Tensor] = [:], state: [String: Tensor] = [:]
            for parameter in trainer.model.parameters {
                weights[parameter.name] = parameter.tensor(in: trainer.model)
                state["exp_avg." + parameter.name] = parameter.tensor(in: trainer.optimizer.firstMoments)
                state["exp_avg_sq." + parameter.name] = parameter.tensor(in: trainer.optimizer.secondMoments)
            }
            files.append(("model.safetensors", try SafetensorsWriter.encode(
                weights, metadata: ["format": "pt", "gptscope_step": String(step)])))
            let options = String(decoding: try JSONEncoder().encode(trainer.options), as: UTF8.self)
            files.append((stateFileName, try SafetensorsWriter.encode(
                state, metadata: ["format": "gptscope.training-state/1", "step": String(step), "options": options])))
            files.append((logFileName, try log.encoded()))
            for (name, data) in files {
                do {
                    try OutputFile.write(data, to: staging.appendingPathComponent(name), reportingAs: name, for: directory)
                } catch {
                    let problem = switch error {
                    case .diskFull: "the disk is full"
                    case let .writeFailed(_, _, reason): reason
                    default: error.problem
                    }
                    throw TrainingError.unwritableOutput(path: directory.path,
                                                         reason: "\(problem) while writing \(name); the last checkpoint is unchanged")
                }
            }
            // The weights go last but one and the state last: a resume checks that their steps agree.
            // An interruption waits for the renames, so it never leaves a checkpoint half updated.
            try StagingRegistry.withCommitLock { () throws(TrainingError) in
                for (name, _) in files {
                    let target = directory.appendingPathComponent(name)
                    guard rename(staging.appendingPathComponent(name).path, target.path) == 0 else {
                        throw TrainingError.unwritableOutput(path: target.path, reason: String(cString: strerror(errno)))
                    }
                }
            }
            discard()
        } catch let error as TrainingError {
            discard()
            throw error
        } catch {
            discard()
            throw .unwritableOutput(path: directory.path, reason: FileAccess.reason(for: error))
        }
    }

    /// Writes only the log (between checkpoints, so a reader can watch the curve grow). Atomic.
    public static func writeLog(_ log: TrainingLog, to directory: URL) throws(TrainingError) {
        do {
            try log.encoded().write(to: directory.appendingPathComponent(logFileName), options: .atomic)
        } catch {
            throw .unwritableOutput(path: directory.appendingPathComponent(logFileName).path, reason: FileAccess.reason(for: error))
        }
    }

    /// Reads the checkpoint in `directory` back into a trainer that continues it with `options`
    /// (which may change the total steps) over `dataset`, with its log cut at the checkpoint's step.
    public static func resume(from directory: URL, options: TrainingOptions, dataset: TokenDataset) throws -> (Trainer, TrainingLog) {
        let path = directory.path
        let stateURL = directory.appendingPathComponent(stateFileName)
        guard FileManager.default.fileExists(atPath: stateURL.path) else { throw TrainingError.nothingToResume(path: path) }
        let model = try GPT.load(directory: directory)
        let weights = try SafetensorsFile(contentsOf: directory.appendingPathComponent("model.safetensors"))
        let state = try SafetensorsFile(contentsOf: stateURL)
        guard let stepText = state.metadata["step"], let step = Int(stepText) else {
            throw TrainingError.inconsistentCheckpoint(path: path, reason: "\(stateFileName) has no step")
        }
        guard weights.metadata["gptscope_step"] == stepText else {
            throw TrainingError.inconsistentCheckpoint(
                path: path, reason: "model.safetensors is from step \(weights.metadata["gptscope_step"] ?? "?") but the optimizer state from step \(step)")
        }
        // The moments, walked like the weights: `exp_avg.<name>`, `exp_avg_sq.<name>`.
        func moments(_ prefix: String) throws -> GPT {
            try GPT(configuration: model.configuration) { parameter in
                let tensor = try state.tensor(named: prefix + parameter.name)
                guard tensor.shape == parameter.shape else {
                    throw TrainingError.inconsistentCheckpoint(
                        path: path, reason: "\(stateFileName) has \(prefix + parameter.name) \(tensor.shape), the model \(parameter.shape)")
                }
                return tensor
            }
        }
        let optimizer = AdamW(firstMoments: try moments("exp_avg."), secondMoments: try moments("exp_avg_sq."), stepCount: step,
                              beta1: options.beta1, beta2: options.beta2, epsilon: options.epsilon, weightDecay: options.weightDecay)
        guard let logData = FileManager.default.contents(atPath: directory.appendingPathComponent(logFileName).path) else {
            throw TrainingError.inconsistentCheckpoint(path: path, reason: "\(logFileName) is missing")
        }
        var log = try TrainingLog.decode(logData)
        log.truncate(after: step)
        log.options = options
        return (Trainer(model: model, options: options, dataset: dataset, optimizer: optimizer), log)
    }

    /// `config.json` for a GPT-2 configuration, in the keys `transformers.GPT2Config` reads.
    public static func configJSON(_ c: GPTConfiguration, endOfTextID: Int?) throws -> Data {
        var config = GPT2ConfigFile(c)
        config.nCtx = c.contextLength
        config.layerNormEpsilon = Double(c.layerNormEpsilon.description) ?? Double(c.layerNormEpsilon)  // 1e-05, not 9.99999974e-06
        (config.residPdrop, config.embdPdrop, config.attnPdrop) = (0, 0, 0)
        config.bosTokenID = endOfTextID
        config.eosTokenID = endOfTextID
        return try config.encoded()
    }
}
