import ArgumentParser
import Charts
import Foundation
import GPTModel
import OutputFolders
import Tokenization
import Training

/// `gptscope train`: next-token training of a GPT-2-shaped model with a hand-written backward pass.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a small GPT-2 on text files and write a Hugging Face checkpoint.",
        discussion: """
        The model reads a window of --context tokens and, at every position, is scored on how \
        much probability it gave the token that really came next (cross-entropy, in nats). \
        The backward pass works out how each weight should move to lower that loss, and \
        AdamW moves it, --steps times, with a warm-up and a cosine decay of the learning rate \
        and gradient clipping. With --repeat-fraction F, a share F of the training sequences \
        get L random tokens written twice at a random place (L from 8 to half the context): \
        the second copy is predictable only by looking back at what followed the first, the \
        curriculum under which induction heads form in a short run. --repeat-alphabet \
        64:1500:300 draws those tokens from 64 at first and doubles the alphabet from step \
        1500 on, every 300 steps: a head learns to match and copy a few tokens long before it \
        could thousands, and keeps the skill as the alphabet grows. --repeat-fraction-from \
        1800:0.5 then halves the spans once the heads have formed. A --val-fraction of the text is held out: a validation loss far \
        below the unigram baseline (a model that only knows token frequencies) means it learned \
        something about context.

        --out becomes a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, \
        merges.txt) that every gptscope command and Python's transformers load as it is, plus \
        train-log.json (loss per step, validation loss per evaluation), probes/ (attention \
        patterns on a fixed prompt at each evaluation) and training_state.safetensors (for \
        --resume). Ctrl-C stops after the current step and leaves the last checkpoint intact; \
        a second Ctrl-C (or SIGTERM) quits at once, still leaving the last checkpoint intact.

        --out must be new, empty, or a run of `gptscope train` (continued with --resume). A \
        folder holding anything else, or a checkpoint you want to start over, is refused \
        unless you give --force, which empties it first. Only one run at a time writes a folder.

        The architecture comes from --preset or a config.json (--config); the tokenizer's \
        vocabulary size and --context override its vocab_size and n_positions. GPT-2 ties \
        its output head to the token table; "tie_word_embeddings": false in the config.json \
        trains a head of its own (lm_head.weight, V × d more parameters): in the small runs of \
        Tests/Scripts/default-model/alphabet_curriculum.py, induction heads formed with one \
        and not with the tied head (--tied).

        Examples:
          python3 Tests/Scripts/prepare_corpus.py output/corpus
          gptscope train-tokenizer --corpus output/corpus/corpus.txt --out output/tok4k
          echo '{"model_type": "gpt2", "vocab_size": 4096, "n_positions": 128,
                 "n_embd": 192, "n_layer": 4, "n_head": 6}' > small.json
          gptscope train --corpus output/corpus/corpus.txt --tokenizer output/tok4k \\
              --config small.json --steps 3000 --out output/kjv
          gptscope train --corpus output/corpus/corpus.txt --tokenizer output/tok4k \\
              --config small.json --steps 6000 --out output/kjv --resume
          gptscope generate --model output/kjv --prompt "And God said"
        """
    )

    @Option(help: ArgumentHelp("A UTF-8 text file to train on (repeat for several; <|endoftext|> separates documents; CRLF is read as LF).", valueName: "FILE"))
    var corpus: [String] = []
    @Option(help: ArgumentHelp("A built-in architecture (see `gptscope params --list`).", valueName: "NAME"))
    var preset: String?
    @Option(help: ArgumentHelp("A Hugging Face config.json with the architecture (model_type gpt2).", valueName: "FILE"))
    var config: String?
    @Option(help: ArgumentHelp("Folder with vocab.json + merges.txt (default: GPT-2's built-in tokenizer).", valueName: "DIR"))
    var tokenizer: String?
    @Option(help: ArgumentHelp("Optimizer steps in the whole run.", valueName: "N"))
    var steps: Int
    @Option(help: ArgumentHelp("Checkpoint folder (created; must not hold a checkpoint unless --resume).", valueName: "DIR"))
    var out: String
    @Option(help: ArgumentHelp("Sequences per step.", valueName: "B")) var batch: Int = 8
    @Option(help: ArgumentHelp("Tokens per sequence (also the model's n_positions; default: the config's).", valueName: "T"))
    var context: Int?
    @Option(help: ArgumentHelp("Peak learning rate.", valueName: "RATE")) var lr: Double = 1e-3
    @Option(help: ArgumentHelp("Warm-up steps.", valueName: "N")) var warmup: Int = 100
    @Option(help: ArgumentHelp("AdamW weight decay (matrices only).", valueName: "λ")) var weightDecay: Double = 0.1
    @Option(help: ArgumentHelp("Clip the gradients' global norm to this (0 = off).", valueName: "NORM")) var clip: Double = 1
    @Option(help: ArgumentHelp("Share of the tokens held out for validation.", valueName: "F")) var valFraction: Double = 0.05
    @Option(help: ArgumentHelp("Validation loss and probe snapshot every N steps.", valueName: "N")) var evalEvery: Int = 100
    @Option(help: ArgumentHelp("Validation windows per evaluation.", valueName: "N")) var evalSequences: Int = 32
    @Option(help: ArgumentHelp("Checkpoint every N steps (and at the end).", valueName: "N")) var saveEvery: Int = 500
    @Option(help: ArgumentHelp("Seed for the initial weights, batches and probe.", valueName: "N")) var seed: UInt64 = 1337
    @Option(help: ArgumentHelp("Share of training sequences given a random span repeated twice, so induction heads form (give the same value with --resume).", valueName: "F"))
    var repeatFraction: Double = 0
    @Option(help: ArgumentHelp("How the learned position table starts: normal (noise, as GPT-2) or sinusoidal (the original Transformer's sin/cos table, scaled; helps previous-token heads form in short runs).", valueName: "KIND"))
    var positionInit: TrainingOptions.PositionInitialization = .normal
    @Option(help: ArgumentHelp("Standard deviation of the initial weight matrices (GPT-2: 0.02). Residual projections get it divided by √(2 × layers); token and position tables keep 0.02. Larger starts let induction heads form sooner (alphabet_curriculum.py: 0.05 by step 1,400, 0.02 none by step 2,000).", valueName: "S"))
    var initStd: Double = GPT.gpt2Std
    @Option(help: ArgumentHelp("With --repeat-fraction: draw the repeated spans' random tokens from SIZE tokens at first, doubling the alphabet at step STEP and every EVERY steps after, until it is every token of the training text. Heads learn to match and copy a few tokens far sooner than thousands, and then carry it to every token (give it again with --resume).", valueName: "SIZE:STEP:EVERY"))
    var repeatAlphabet: TrainingOptions.RepeatAlphabet?
    @Option(help: ArgumentHelp("From step STEP on, give a share F of the training sequences a repeated span instead of --repeat-fraction's: many spans while the heads form, fewer once they have, so the steps go back to real text (give it again with --resume).", valueName: "STEP:F"))
    var repeatFractionFrom: TrainingOptions.RepeatFractionChange?
    @Flag(help: "Update only the token-table rows of the tokens in each step's batch (LazyAdam). With a tied head, Adam otherwise drives the rows of all rare tokens to one shared vector, and no head can copy or match tokens it cannot tell apart (give it again with --resume).")
    var lazyTokenRows = false
    @Flag(help: "Continue the checkpoint in --out (same corpus and tokenizer; --steps is the new total).")
    var resume = false
    @Flag(help: "Start over in --out even if it holds a checkpoint or other files (they are deleted).")
    var force = false
    @Flag(help: "At the end, draw the loss curve and the heads forming into <out>/report (as `gptscope train-report`).")
    var report = false

    var options: TrainingOptions {
        var o = TrainingOptions(steps: steps)
        (o.batchSize, o.contextLength, o.learningRate, o.warmupSteps) = (batch, context ?? 0, lr, min(warmup, steps))
        (o.weightDecay, o.gradientClip, o.validationFraction) = (weightDecay, clip, valFraction)
        (o.evalEvery, o.evalSequences, o.saveEvery, o.seed) = (evalEvery, evalSequences, saveEvery, seed)
        o.repeatFraction = repeatFraction == 0 ? nil : repeatFraction  // nil keeps logs of runs without it unchanged
        o.positionInit = positionInit == .normal ? nil : positionInit
        o.lazyTokenRows = lazyTokenRows ? true : nil
        o.initStd = initStd == GPT.gpt2Std ? nil : initStd  // nil keeps logs of runs without it unchanged
        o.repeatAlphabet = repeatAlphabet
        o.repeatFractionChange = repeatFractionFrom
        return o
    }

    func validate() throws {
        if corpus.isEmpty { throw ValidationError("Give at least one --corpus FILE to train on.") }
        if preset != nil && config != nil { throw ValidationError("Give --preset or --config, not both.") }
        if preset == nil && config == nil && !resume { throw ValidationError("Give the architecture: --preset NAME or --config config.json.") }
        if resume && force { throw ValidationError("Give --resume (continue the run in --out) or --force (start over), not both.") }
        var o = options
        if context == nil { o.contextLength = 2 }  // checked once the configuration is known
        do { try o.validate() } catch { throw ValidationError(ErrorMessages.line(error) ?? error.description) }
    }

    func run() throws {
        try OutputFolderMessage.naming(subfolder: "model") { try train() }
    }

    private func train() throws {
        let folder = URL(fileURLWithPath: out)
        let output = TrainingCheckpoint.outputFolder(folder, replacing: force ? .anyFolder : .ownFolders)
        let (tokenizer, tokenizerSource) = try loadTokenizer(folder)
        var configuration = try architecture(folder)
        configuration.vocabularySize = tokenizer.vocabularySize
        if let context { configuration.contextLength = context }
        configuration.name = folder.lastPathComponent
        var options = options
        options.contextLength = configuration.contextLength
        try options.validate()
        if let reason = CheckpointLayout(configuration: configuration).backwardUnsupportedReason {
            throw TrainingError.unsupportedArchitecture(model: configuration.name, reason: reason)
        }
        let memory = TrainingMemoryEstimate(configuration: configuration, options: options)
        let budget = try MemoryCheck.budget()
        try MemoryCheck.refusing { try memory.check(configuration: configuration, options: options, budget: budget) }
        // A folder with someone else's files is refused here (before the corpus is read); one of ours is
        // continued with --resume, or started over with --force.
        let found = try output.checkInPlace()
        let hasCheckpoint = found == .own && TrainingCheckpoint.exists(in: folder)
        if hasCheckpoint && !resume && !force { throw TrainingError.checkpointExists(path: folder.path) }
        if !hasCheckpoint && resume { throw TrainingError.nothingToResume(path: folder.path) }

        let endOfText = tokenizer.specialTokens["<|endoftext|>"]
        let tokens = try readCorpus(tokenizer, separator: endOfText)
        let dataset = try TokenDataset(tokens: tokens, contextLength: options.contextLength, validationFraction: options.validationFraction)
        let lock = try output.lock()   // one run per folder: two would mix their checkpoints
        defer { lock.release() }
        try output.prepareInPlace(clearing: !resume)
        try TrainingCheckpoint.prepare(folder)
        let tokenizerFiles = tokenizerSource.map { TokenizerFiles.copied(from: $0, contextLength: configuration.contextLength) }
            ?? TokenizerFiles.derived(from: tokenizer, contextLength: configuration.contextLength)

        var run: TrainingRun
        if resume {
            let (trainer, log) = try TrainingCheckpoint.resume(from: folder, options: options, dataset: dataset)
            guard trainer.model.configuration.vocabularySize == configuration.vocabularySize,
                  trainer.model.configuration.contextLength == configuration.contextLength else {
                throw TrainingError.inconsistentCheckpoint(path: folder.path, reason: "its vocabulary or context differs from this run's tokenizer and --context")
            }
            guard trainer.completedSteps < options.steps else {
                throw TrainingError.invalidOption(.steps, rule: "must be more than the \(trainer.completedSteps) steps \(folder.path) already has, to resume")
            }
            run = TrainingRun(directory: folder, trainer: trainer, log: log, tokenizerFiles: tokenizerFiles, endOfTextID: endOfText)
            Console.note("Resuming \(folder.path) at step \(trainer.completedSteps) of \(options.steps)")
        } else {
            let model = GPT.initialized(configuration, seed: options.seed, positions: options.positionInit ?? .normal,
                                           matrixStd: options.initStd ?? GPT.gpt2Std)
            let probe = ProbePrompt(dataset: dataset, contextLength: options.contextLength, seed: options.seed) { ids in
                (try? tokenizer.labels(ids)) ?? ids.map(String.init)
            }
            let log = TrainingLog(configuration: configuration, parameterCount: model.parameterCount, options: options,
                                  corpusFiles: corpus, dataset: dataset, probe: probe)
            run = TrainingRun(directory: folder, trainer: Trainer(model: model, options: options, dataset: dataset),
                              log: log, tokenizerFiles: tokenizerFiles, endOfTextID: endOfText)
        }
        let parameterCount = Int(memory.parameterCount)  // fits in memory, so in Int
        Console.note("Model: \(NumberFormat.thousands(parameterCount)) parameters (\(Formatting.bytes(4 * parameterCount)) fp32), "
            + "\(configuration.layerCount) layers, width \(configuration.embeddingWidth), \(configuration.headCount) heads, "
            + "vocabulary \(NumberFormat.thousands(configuration.vocabularySize)), context \(configuration.contextLength)")
        Console.note("Data: \(NumberFormat.thousands(dataset.trainingTokenCount)) training + \(NumberFormat.thousands(dataset.validationTokenCount)) "
            + "validation tokens; unigram baseline \(String(format: "%.3f", run.log.unigramEntropy)) nats")

        let interrupt = InterruptFlag.install(folder: folder)
        let start = run.trainer.completedSteps
        var bar = ProgressBar(total: max(1, options.steps - start), title: "Training")
        var validation = run.log.evaluations.last?.validationLoss
        var lastLoss = Double.nan
        let finished = try run.run(shouldStop: { interrupt.isSet }) { event in
            switch event {
            case .step(let record):
                lastLoss = record.loss
                bar.update(record.step - start, detail: String(format: "step %d  loss %.3f  val %@  lr %.1e  %@ tok/s", record.step, record.loss,
                                                               validation.map { String(format: "%.3f", $0) } ?? "—", record.learningRate,
                                                               NumberFormat.thousands(Int(record.tokensPerSecond))))
            case .evaluation(let evaluation):
                validation = evaluation.validationLoss
            case .checkpoint:
                break
            }
        }
        let saved = run.log.checkpoints.last.map(String.init) ?? "none"
        if !finished {
            bar.finish("Interrupted after step \(run.trainer.completedSteps); the last checkpoint (step \(saved)) in \(folder.path) is intact. Continue with --resume.")
            throw ExitCode(130)
        }
        bar.finish()
        let speeds = run.log.steps.suffix(50).map(\.tokensPerSecond).sorted()
        print("Trained \(folder.path) for \(options.steps) steps (\(NumberFormat.thousands(options.steps * options.batchSize * options.contextLength)) tokens)")
        print(String(format: "Loss: training %.3f, validation %.3f nats; unigram baseline %.3f", lastLoss, validation ?? .nan, run.log.unigramEntropy))
        print("Speed: \(NumberFormat.thousands(Int(speeds.isEmpty ? 0 : speeds[speeds.count / 2]))) tokens/s (median of the last steps)")
        print("Wrote config.json, model.safetensors, train-log.json, probes/ in \(folder.path)")
        if report { try TrainingReportOutput.write(runFolder: folder, to: folder.appendingPathComponent("report")) }
    }

    /// The tokenizer and the folder its files come from (nil: GPT-2's built-in ranks, whose
    /// vocab.json and merges.txt are rebuilt for the checkpoint so Python can load it).
    private func loadTokenizer(_ folder: URL) throws -> (Tokenizer, URL?) {
        var source = tokenizer.map { URL(fileURLWithPath: $0) }
        if source == nil, resume, FileManager.default.fileExists(atPath: folder.appendingPathComponent("vocab.json").path) { source = folder }
        guard let source else { return (try Tokenizer.gpt2(), nil) }
        return (try Tokenizer(checkpointDirectory: source), source)
    }

    /// The architecture from --preset, --config, or (resuming) the checkpoint itself.
    private func architecture(_ folder: URL) throws -> GPTConfiguration {
        if let preset { return try GPTConfiguration.preset(named: preset) }
        if let config { return try GPTConfiguration.load(configFile: URL(fileURLWithPath: config)) }
        return try GPTConfiguration.load(checkpointDirectory: folder)
    }

    /// Every corpus file's tokens, files joined by `<|endoftext|>`.
    private func readCorpus(_ tokenizer: Tokenizer, separator: Int?) throws -> [Int] {
        var tokens: [Int] = []
        for path in corpus {
            let bytes = try CorpusFile.read(path)
            Console.note("Tokenizing \(path) (\(Formatting.bytes(bytes.count)))…")
            let ids = tokenizer.encode(bytes: bytes, allowedSpecial: ["<|endoftext|>"])
            if !tokens.isEmpty, !ids.isEmpty, let separator { tokens.append(separator) }
            tokens += ids
        }
        return tokens
    }

    /// Set by the first Ctrl-C (training stops after the current step); a second one, or
    /// SIGTERM, quits at once (removing a checkpoint being staged, never one half moved in).
    final class InterruptFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false

        /// Whether Ctrl-C was pressed.
        var isSet: Bool { lock.withLock { value } }

        /// Routes SIGINT and SIGTERM to a new flag.
        static func install(folder: URL) -> InterruptFlag {
            let flag = InterruptFlag()
            let quitNote = "Quit at once; a checkpoint already in \(folder.path) is intact (continue it with --resume)."
            Interruption.handle([SIGINT, SIGTERM]) { number in
                let second = flag.lock.withLock { () -> Bool in defer { flag.value = true }; return flag.value }
                // Not `raise`: dispatch receives signals on its own threads, so a raised one would
                // only come back here.
                if second || number == SIGTERM { Interruption.quitNow(number, note: quitNote) }
                Console.note("\nStopping after this step (Ctrl-C again to quit now)…")
            }
            return flag
        }
    }
}

extension TrainingOptions.PositionInitialization: ExpressibleByArgument {}

extension TrainingOptions.RepeatFractionChange: ExpressibleByArgument {
    /// `STEP:F`, e.g. `1800:0.5`.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let step = Int(parts[0]), let fraction = Double(parts[1]) else { return nil }
        self.init(step: step, fraction: fraction)
    }
}

extension TrainingOptions.RepeatAlphabet: ExpressibleByArgument {
    /// `SIZE:STEP:EVERY`, e.g. `64:1500:300`.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let size = parts[0], let step = parts[1], let every = parts[2] else { return nil }
        self.init(initialSize: size, firstDoublingStep: step, doublingInterval: every)
    }
}
