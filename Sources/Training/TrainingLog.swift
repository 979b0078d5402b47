import Foundation
import GPTModel

/// `train-log.json` (format `gptscope.train-log/1`): everything a loss curve or a report needs
/// about a run, step by step.
///
/// The one definition of the format: `gptscope train` writes it and the training report reads it.
/// Reading needs only the steps, the unigram entropy and the model's shape; everything else may be
/// missing (hand-written logs in tests, logs of older versions), see ``init(from:)``.
public struct TrainingLog: Codable, Sendable {
    /// One validation measurement.
    public struct Evaluation: Codable, Sendable, Equatable {
        /// Steps completed when measured (0 = the initial weights).
        public var step: Int
        /// Mean next-token loss on the validation windows, nats.
        public var validationLoss: Double
        /// The probe snapshot written then, relative to the run folder.
        public var probeFile: String?
        /// Mean loss on the probe's first copy of random tokens (see ``ProbePrompt/CopyLosses``).
        public var probeFirstCopyLoss: Double?
        /// Mean loss on the probe's second copy: it falls when an induction head forms.
        public var probeSecondCopyLoss: Double?

        enum CodingKeys: String, CodingKey {
            case step, validationLoss = "val_loss", probeFile = "probe_file"
            case probeFirstCopyLoss = "probe_first_copy_loss", probeSecondCopyLoss = "probe_second_copy_loss"
        }
    }

    /// The format this version writes.
    public static let currentFormat = "gptscope.train-log/1"
    /// `gptscope.train-log/1`.
    public var format = TrainingLog.currentFormat
    /// The architecture trained.
    public var configuration: GPTConfiguration
    /// Trainable parameters.
    public var parameterCount: Int
    /// The hyperparameters (nil: not in the file read).
    public var options: TrainingOptions?
    /// The corpus files, as given.
    public var corpusFiles: [String]
    /// Tokens trained on / held out.
    public var trainingTokens: Int
    /// Tokens held out for validation.
    public var validationTokens: Int
    /// Entropy of the training tokens' unigram distribution, nats: the loss of a context-free model.
    public var unigramEntropy: Double
    /// Every step taken.
    public var steps: [Trainer.StepRecord] = []
    /// Every evaluation.
    public var evaluations: [Evaluation] = []
    /// Steps at which a checkpoint was written.
    public var checkpoints: [Int] = []
    /// The probe prompt of the snapshots in `probes/`.
    public var probe: ProbePrompt?

    enum CodingKeys: String, CodingKey {
        case format, configuration, parameterCount = "parameter_count", options, corpusFiles = "corpus_files"
        case trainingTokens = "train_tokens", validationTokens = "val_tokens", unigramEntropy = "unigram_entropy_nats"
        case steps, evaluations = "evals", checkpoints, probe
    }

    /// A log for a new run.
    public init(configuration: GPTConfiguration, parameterCount: Int, options: TrainingOptions, corpusFiles: [String],
                dataset: TokenDataset, probe: ProbePrompt?) {
        self.configuration = configuration
        self.parameterCount = parameterCount
        self.options = options
        self.corpusFiles = corpusFiles
        self.trainingTokens = dataset.trainingTokenCount
        self.validationTokens = dataset.validationTokenCount
        self.unigramEntropy = dataset.unigramEntropy()
        self.probe = probe
    }

    /// Reads a log, tolerating missing bookkeeping: `format`, `parameter_count`, `options`,
    /// `corpus_files`, `train_tokens`, `val_tokens`, `evals`, `checkpoints` and `probe` may be
    /// absent, and `configuration` may hold only the shape (name, layerCount, headCount,
    /// embeddingWidth, vocabularySize, contextLength; other settings then take their defaults).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? Self.currentFormat
        if let full = try? c.decode(GPTConfiguration.self, forKey: .configuration) {
            configuration = full
        } else {
            configuration = try c.decode(ShapeOnly.self, forKey: .configuration).configuration
        }
        parameterCount = try c.decodeIfPresent(Int.self, forKey: .parameterCount) ?? 0
        options = try c.decodeIfPresent(TrainingOptions.self, forKey: .options)
        corpusFiles = try c.decodeIfPresent([String].self, forKey: .corpusFiles) ?? []
        trainingTokens = try c.decodeIfPresent(Int.self, forKey: .trainingTokens) ?? 0
        validationTokens = try c.decodeIfPresent(Int.self, forKey: .validationTokens) ?? 0
        unigramEntropy = try c.decode(Double.self, forKey: .unigramEntropy)
        steps = try c.decode([Trainer.StepRecord].self, forKey: .steps)
        evaluations = try c.decodeIfPresent([Evaluation].self, forKey: .evaluations) ?? []
        checkpoints = try c.decodeIfPresent([Int].self, forKey: .checkpoints) ?? []
        probe = try c.decodeIfPresent(ProbePrompt.self, forKey: .probe)
    }

    /// A configuration of which only the shape is known.
    private struct ShapeOnly: Decodable {
        var name: String?
        var layerCount: Int
        var headCount: Int
        var embeddingWidth: Int
        var vocabularySize: Int
        var contextLength: Int

        var configuration: GPTConfiguration {
            GPTConfiguration(name: name ?? "", vocabularySize: vocabularySize, contextLength: contextLength,
                             embeddingWidth: embeddingWidth, layerCount: layerCount, headCount: headCount)
        }
    }

    /// Drops everything recorded after step `step` (resuming from a checkpoint written then).
    public mutating func truncate(after step: Int) {
        steps.removeAll { $0.step > step }
        evaluations.removeAll { $0.step > step }
        checkpoints.removeAll { $0 > step }
    }

    /// The JSON bytes (NaN and infinities as strings, which JSON cannot hold as numbers).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a log written by ``encoded()``.
    public static func decode(_ data: Data) throws -> TrainingLog {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(TrainingLog.self, from: data)
    }
}

extension Trainer.StepRecord {
    /// Reads a step; a loss curve needs only `step`, `loss` and `lr`, so `grad_norm` and
    /// `tokens_per_second` may be missing (NaN then).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(step: try c.decode(Int.self, forKey: .step), loss: try c.decode(Double.self, forKey: .loss),
                  learningRate: try c.decode(Double.self, forKey: .learningRate),
                  gradientNorm: try c.decodeIfPresent(Double.self, forKey: .gradientNorm) ?? .nan,
                  tokensPerSecond: try c.decodeIfPresent(Double.self, forKey: .tokensPerSecond) ?? .nan)
    }
}
