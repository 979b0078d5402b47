import Foundation
import GPTModel

/// `train-log.json`: everything a loss curve or a report needs about a run, step by step.
public struct TrainingLog: Codable, Sendable {
    /// One validation measurement.
    public struct Evaluation: Codable, Sendable, Equatable {
        /// Steps completed when measured (0 = the initial weights).
        public var step: Int
        /// Mean next-token loss on the validation windows, nats.
        public var validationLoss: Double
        /// The probe snapshot written then, relative to the run folder.
        public var probeFile: String?

        enum CodingKeys: String, CodingKey { case step, validationLoss = "val_loss", probeFile = "probe_file" }
    }

    /// `gptscope.train-log/1`.
    public var format = "gptscope.train-log/1"
    /// The architecture trained.
    public var configuration: GPTConfiguration
    /// Trainable parameters.
    public var parameterCount: Int
    /// The hyperparameters.
    public var options: TrainingOptions
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
