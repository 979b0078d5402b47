import ArgumentParser
import Charts
import Experiments
import Foundation
import GPTModel
import OutputFolders
import TensorCore
import Training
import Visualizations

/// The one place where a library error (which knows no command-line options) becomes the line
/// the CLI prints: its problem, and its hint phrased with the options that do the fix.
/// `GPTScope.main` passes every error it reports through ``phrased(_:)``; output-folder and
/// memory errors, whose phrasing depends on the command, are phrased here too, through
/// ``OutputFolderMessage`` and ``MemoryCheck``.
enum ErrorMessages {
    /// A phrased error: ArgumentParser prints it as `Error: <description>`.
    struct Phrased: Error, CustomStringConvertible {
        let description: String
    }

    /// `error` as the CLI reports it. Errors about the prompt options come out as a
    /// `ValidationError`, so that the usage line follows them as it follows every other option error.
    static func phrased(_ error: Error) -> Error {
        switch error {
        case let error as ModelInputError:
            guard let line = line(error) else { return error }
            switch error {
            // A folder without a tokenizer is not an option mistake: one line, no usage.
            case .noPrompt, .malformedIDs: return ValidationError(line)
            default: return Phrased(description: line)
            }
        case let error as GPTConfigurationError: return line(error).map(Phrased.init) ?? error
        case let error as PositionalEncodingError: return line(error).map(Phrased.init) ?? error
        case let error as EmbeddingError: return line(error).map(Phrased.init) ?? error
        case let error as LayersError: return line(error).map(Phrased.init) ?? error
        case let error as TrainingReportError: return line(error).map(Phrased.init) ?? error
        case let error as ReportError: return line(error).map(Phrased.init) ?? error
        case let error as ExperimentError: return Phrased(description: error.description)
        case let error as TrainingError: return line(error).map(Phrased.init) ?? error
        default: return error
        }
    }

    /// Runs `body`, phrasing what it throws. For `validate()`: ArgumentParser wraps what a
    /// `validate()` throws before `GPTScope.main` sees it, so it must be phrased there.
    static func phrasing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw phrased(error)
        }
    }

    /// The line for a model-input error whose hint names options; nil when the library's own
    /// description names none.
    static func line(_ error: ModelInputError) -> String? {
        switch (error, error.hint) {
        case (.emptyInput, .giveNonEmptyPrompt):
            return "no tokens to run; give a non-empty prompt or --ids"
        case let (.tooLong(tokens, context), .truncate(keepLast)?):
            return "\(tokens) tokens exceed the model's context of \(context); shorten the prompt or pass --truncate to keep the last \(keepLast)"
        case let (.cacheTooLarge(bytes, limit, hooks), .recordFewerHooks(example)?):
            return "recording \(hooks) hooks would take \(ModelInputError.megabytes(bytes)) (limit \(ModelInputError.megabytes(limit))); "
                + "select fewer with --hooks (e.g. '\(example)'), use a shorter prompt, or raise --max-cache"
        case let (.noTokenizer(directory), .giveTokenIDs?):
            return "\(directory) has weights but no tokenizer (no tokenizer.json, nor vocab.json and merges.txt); pass token ids with --ids, which work without one"
        case (.noPrompt, .givePrompt?):
            return "give --prompt TEXT or --ids 1,2,3"
        case let (.malformedIDs(text), .writeCommaSeparatedIDs(example)?):
            let ids = example.map(String.init).joined(separator: ",")
            return "--ids must be comma-separated integers, e.g. --ids \(ids); got '\(text)'"
        default:
            return nil
        }
    }

    /// The line for a configuration error whose hint names `gptscope params --list`.
    static func line(_ error: GPTConfigurationError) -> String? {
        switch (error, error.hint) {
        case let (.fileNotFound(path), .givePresetConfigOrCheckpoint?):
            return "no such file: \(path); give a preset name (see --list), a config.json file or a checkpoint directory"
        case let (.unknownPreset(name, suggestions), .listPresets?):
            return "unknown preset \"\(name)\"\(GPTConfigurationError.didYouMean(suggestions)); run gptscope params --list to see every preset"
        default:
            return nil
        }
    }

    /// The line for a `posenc` input error, naming `--d-model`, `--positions` and `--range`.
    static func line(_ error: PositionalEncodingError) -> String? {
        switch (error, error.hint) {
        case let (.invalidModelWidth(d), .chooseModelWidth(example)?):
            return "--d-model must be a positive even number (sine and cosine come in pairs), got \(d); try --d-model \(example)"
        case let (.invalidPositionCount(p), .choosePositionCount(example)?):
            return "--positions must be at least 1, got \(p); try --positions \(example)"
        case let (.rangeOutside(lower, upper, positions), .chooseRange(upperBound)?):
            return "positions \(lower):\(upper) are not inside 0:\(positions); give --range A:B with 0 ≤ A < B ≤ \(upperBound)"
        case let (.malformedRange(text), .writeRange?):
            return "--range must look like A:B (positions A up to but not including B, e.g. 0:64, 100:, :32), got '\(text)'"
        default:
            return nil
        }
    }

    /// The line for an `embeddings` input error, naming `--words`, `--range` and `--dims`.
    static func line(_ error: EmbeddingError) -> String? {
        switch (error, error.hint) {
        case let (.emptyWord(index), .listWords(example)?):
            return "--words has an empty entry at place \(index + 1); give comma-separated words, e.g. --words \(example.joined(separator: ","))"
        case let (.duplicateWord(word), .giveEachWordOnce?):
            return "'\(word)' appears twice in --words; give each word once"
        case let (.tooFewWords(count, needed), .giveMoreWords(_, example)?):
            return "a 2-D PCA needs at least \(needed) words, got \(count); e.g. --words \(example.joined(separator: ","))"
        case let (.rangeOutside(lower, upper, tokens), .chooseRange(upperBound)?):
            return "positions \(lower):\(upper) are not inside the prompt's 0:\(tokens); give --range A:B with 0 ≤ A < B ≤ \(upperBound)"
        case let (.invalidDimensionCount(n), .chooseDimensionCount?):
            return "--dims must be at least 1 (or 'all'), got \(n)"
        default:
            return nil
        }
    }

    /// The line for a generation file that `gptscope generate --json` did not write.
    static func line(_ error: LayersError) -> String? {
        switch (error, error.hint) {
        case let (.invalidGenerationFile(reason), .recordGenerationJSON?):
            return "not a gptscope generation: \(reason); write one with gptscope generate --json > FILE.json"
        default:
            return nil
        }
    }

    /// The line for a `train-report` error, naming `gptscope train --out`, `--eval-every` and `--heads`.
    static func line(_ error: TrainingReportError) -> String? {
        switch (error, error.hint) {
        case let (.missingLog(path), .giveTrainingRunFolder?):
            return "no train-log.json in \(path): give the folder that `gptscope train --out` wrote"
        case let (.noProbes(path), .trainWithEvaluations?):
            return "the run in \(path) has no probe snapshots (probes/step-*.safetensors); train with --eval-every so snapshots are written"
        case let (.headOutOfRange(layer, head, layers, heads), .chooseExistingHeads?):
            return "head \(layer).\(head) does not exist: the model has layers 0–\(layers - 1) and heads 0–\(heads - 1) (write --heads LAYER.HEAD,…)"
        default:
            return nil
        }
    }

    /// The line for a report error, naming `--formats`.
    static func line(_ error: ReportError) -> String? {
        switch (error, error.hint) {
        case (.noRasterFormat, .includePNG?):
            return "the page needs PNG figures; include png in --formats (e.g. --formats png,svg)"
        default:
            return nil
        }
    }

    /// The line for a training error, naming `gptscope train`'s options.
    static func line(_ error: TrainingError) -> String? {
        switch (error, error.hint) {
        case let (.invalidOption(_, rule), .change(setting)?):
            return "\(option(setting)) \(rule)"
        case (.emptyCorpus, .giveCorpusText?):
            return "the corpus is empty: give --corpus files that contain text"
        case let (.corpusTooShort(tokens, needed, _), .giveMoreTextOrShortenContext(context)?):
            return "the corpus has only \(tokens) tokens; training with --context \(context) needs at least \(needed) "
                + "(a window of context + 1 to train on and one to validate); give more text or lower --context"
        case let (.unwritableOutput(path, reason), .chooseWritableFolder?):
            return "cannot write to --out \(path): \(reason); choose a folder you can write to"
        case let (.checkpointExists(path), .resumeOrChooseAnotherFolder?):
            return "\(path) already holds a checkpoint; pass --resume to continue it, or choose another --out"
        case let (.diverged(step, what, value, lastCheckpoint, path), .lowerLearningRate?):
            return "training diverged at step \(step): \(what) is \(NumberFormat.notFinite(value) ?? "\(value)") "
                + "(\(TrainingError.kept(lastCheckpoint, path))); lower --lr (e.g. by 10×) and keep --clip on (e.g. --clip 1)"
        case let (.nothingToResume(path), .startWithoutResuming?):
            return "--resume: \(path) holds no checkpoint with training_state.safetensors; start without --resume"
        default:
            return nil
        }
    }

    /// The line for an output-folder error: the library's problem, and its hint phrased with
    /// `--out` (suggesting `--out DIR/subfolder`) and `--force`.
    static func line(_ error: OutputFolderError, subfolder: String) -> String {
        let problem = if case let .unusable(path, reason) = error { "cannot write to --out \(path): \(reason)" } else { error.problem }
        let fix = switch error.hint {
        case .writeInsideOrAllowReplacing:
            "use --out \(URL(fileURLWithPath: error.path).appendingPathComponent(subfolder).path) to write inside it, "
                + "or --force to replace it (deleting what it holds)"
        case .chooseAnotherPath: "choose another --out"
        case .waitOrChooseAnotherPath: "wait for it to finish or choose another --out"
        case .freeSpace: "free some space and run again"
        case .runAgainIfNeeded: "run again to replace it"
        }
        return problem + "; " + fix
    }

    /// The memory refusal for `error`, its hints phrased by `phrase` (nil leaves a hint out).
    static func line(_ error: MemoryError, _ phrasing: (MemoryHint) -> String? = phrase) -> String {
        switch error {
        case let .exceedsAvailable(estimate, available):
            let hints = estimate.hints.compactMap(phrasing)
            return "this run needs about \(MemoryEstimate.format(estimate.bytes)) (\(estimate.subject)) but "
                + "\(MemoryEstimate.format(available)) is available" + (hints.isEmpty ? "" : "; " + hints.joined(separator: " or "))
        }
    }

    /// A memory hint in words with the option that does it.
    static func phrase(_ hint: MemoryHint) -> String? {
        switch hint {
        case .fewerTokens(let n?): return "shorten the prompt to at most \(MemoryHint.grouped(n)) tokens"
        case .fewerTokens(nil): return "use a smaller model (not even one token fits)"
        case .fewerHooks: return "record fewer hooks with --hooks"
        case .fewerPositions(let n?): return "draw at most \(MemoryHint.grouped(n)) positions with --range A:B"
        case .fewerPositions(nil): return "draw fewer positions with --range A:B"
        case .smallerBatch(let n?): return "use --batch \(n) or less"
        case .smallerBatch(nil): return "lower --batch"
        case .shorterContext(let n?): return "use --context \(n) or less"
        case .shorterContext(nil): return "lower --context"
        case .smallerModel: return "choose a smaller --preset or --config"
        case .smallerInput: return "give less input at once"
        }
    }

    /// `gptscope train`'s option for `setting`.
    static func option(_ setting: TrainingSetting) -> String {
        switch setting {
        case .steps: "--steps"
        case .batchSize: "--batch"
        case .contextLength: "--context"
        case .learningRate: "--lr"
        case .minimumLearningRateFraction: "--min-lr-fraction"
        case .warmupSteps: "--warmup"
        case .weightDecay: "--weight-decay"
        case .betas: "--beta1/--beta2"
        case .epsilon: "--adam-epsilon"
        case .gradientClip: "--clip"
        case .validationFraction: "--val-fraction"
        case .evalEvery: "--eval-every"
        case .evalSequences: "--eval-sequences"
        case .saveEvery: "--save-every"
        case .repeatFraction: "--repeat-fraction"
        case .repeatAlphabet: "--repeat-alphabet"
        case .repeatFractionChange: "--repeat-fraction-from"
        case .initStd: "--init-std"
        }
    }
}
