import FileAccess
import Foundation
import Training

/// What the pictures of training need from a run folder's `train-log.json`
/// (format `gptscope.train-log/1`, written by `gptscope train`): the loss and learning rate of
/// every step, every validation loss with its probe snapshot, the unigram baseline, the probe.
///
/// Read through the format's one definition, ``TrainingLog``, which tolerates the partial logs
/// tests write by hand.
public struct TrainingHistory: Sendable, Equatable {
    /// One optimizer step.
    public struct Step: Sendable, Equatable {
        /// Steps completed (1 = after the first update).
        public var step: Int
        /// Training loss of the step's batch, nats.
        public var loss: Double
        /// Learning rate used.
        public var learningRate: Double

        /// A step record.
        public init(step: Int, loss: Double, learningRate: Double) {
            self.step = step; self.loss = loss; self.learningRate = learningRate
        }
    }

    /// One validation measurement and the probe snapshot taken with it.
    public struct Evaluation: Sendable, Equatable {
        /// Steps completed when measured (0 = initial weights).
        public var step: Int
        /// Mean validation loss, nats.
        public var validationLoss: Double
        /// The snapshot's path relative to the run folder (nil: none written).
        public var probeFile: String?
        /// Mean loss on the probe's first / second copy of its random tokens (nil: not recorded,
        /// as in logs of older versions).
        public var firstCopyLoss: Double?
        /// The second copy's: it falls when an induction head forms.
        public var secondCopyLoss: Double?

        /// An evaluation record.
        public init(step: Int, validationLoss: Double, probeFile: String? = nil,
                    firstCopyLoss: Double? = nil, secondCopyLoss: Double? = nil) {
            self.step = step; self.validationLoss = validationLoss; self.probeFile = probeFile
            self.firstCopyLoss = firstCopyLoss; self.secondCopyLoss = secondCopyLoss
        }
    }

    /// The fixed probe prompt: E corpus tokens, then R random tokens, then the same R again.
    public struct Probe: Sendable, Equatable {
        /// Token ids.
        public var ids: [Int]
        /// Display labels (`·the`).
        public var labels: [String]
        /// Corpus tokens at the start (E).
        public var excerptLength: Int
        /// Length of the random sequence (R); copies start at E and E + R.
        public var repeatLength: Int

        /// A probe description.
        public init(ids: [Int], labels: [String], excerptLength: Int, repeatLength: Int) {
            self.ids = ids; self.labels = labels; self.excerptLength = excerptLength; self.repeatLength = repeatLength
        }

        /// The random sequence and its copy, `E ..< min(E + 2R, T)` (where induction shows).
        public var repeatedRange: Range<Int> {
            let start = min(max(0, excerptLength), ids.count)
            return start..<min(ids.count, start + 2 * max(0, repeatLength))
        }

        /// The second copy of the random tokens: the queries duplicate-token and induction score.
        public var secondCopy: Range<Int> {
            let r = repeatedRange
            return min(r.upperBound, r.lowerBound + max(0, repeatLength))..<r.upperBound
        }
    }

    /// The model's shape, as far as the figures need it.
    public struct Shape: Sendable, Equatable {
        /// The run's name (the output folder's name).
        public var name: String
        /// Transformer blocks.
        public var layerCount: Int
        /// Attention heads per block.
        public var headCount: Int
        /// d_model.
        public var embeddingWidth: Int
        /// Vocabulary size V (the uniform baseline is ln V).
        public var vocabularySize: Int
        /// Context length.
        public var contextLength: Int

        /// A model shape.
        public init(name: String, layerCount: Int, headCount: Int, embeddingWidth: Int, vocabularySize: Int, contextLength: Int) {
            self.name = name; self.layerCount = layerCount; self.headCount = headCount
            self.embeddingWidth = embeddingWidth; self.vocabularySize = vocabularySize; self.contextLength = contextLength
        }
    }

    /// The model trained.
    public var shape: Shape
    /// Trainable parameters.
    public var parameterCount: Int
    /// Entropy of the training tokens' unigram distribution, nats: the loss of a model that ignores context.
    public var unigramEntropy: Double
    /// Every step, in order.
    public var steps: [Step]
    /// Every evaluation, in order.
    public var evaluations: [Evaluation]
    /// The probe prompt of the snapshots (nil: none recorded).
    public var probe: Probe?

    /// A history from its parts.
    public init(shape: Shape, parameterCount: Int, unigramEntropy: Double, steps: [Step], evaluations: [Evaluation], probe: Probe?) {
        self.shape = shape; self.parameterCount = parameterCount; self.unigramEntropy = unigramEntropy
        self.steps = steps; self.evaluations = evaluations; self.probe = probe
    }

    /// ln V: the loss of a model that guesses every token equally likely (an untrained model starts near it).
    public var uniformLoss: Double { log(Double(max(1, shape.vocabularySize))) }

    /// The last validation measurement.
    public var finalEvaluation: Evaluation? { evaluations.last }

    /// Name of the log inside a run folder.
    public static let logFile = TrainingCheckpoint.logFileName

    /// Reads `folder/train-log.json`; fails with one line when it is missing, malformed or has no steps.
    public static func load(runFolder folder: URL) throws -> TrainingHistory {
        let url = folder.appendingPathComponent(logFile)
        guard FileManager.default.fileExists(atPath: url.path) else { throw TrainingReportError.missingLog(path: folder.path) }
        let data: Data
        do throws(FileAccessError) { data = Data(try FileAccess.read(atPath: url.path)) } catch {
            throw TrainingReportError.unreadableLog(path: url.path, reason: error.reason)
        }
        let history = try decode(data, path: url.path, fallbackName: folder.standardizedFileURL.lastPathComponent)
        guard !history.steps.isEmpty else { throw TrainingReportError.noSteps(path: url.path) }
        return history
    }

    /// Decodes a log's JSON (`path` only names it in errors).
    public static func decode(_ data: Data, path: String, fallbackName: String = "model") throws -> TrainingHistory {
        let log: TrainingLog
        do {
            log = try TrainingLog.decode(data)
        } catch let error as DecodingError {
            throw TrainingReportError.unreadableLog(path: path, reason: Self.reason(error))
        }
        let c = log.configuration
        return TrainingHistory(
            shape: Shape(name: c.name.isEmpty ? fallbackName : c.name, layerCount: c.layerCount, headCount: c.headCount,
                         embeddingWidth: c.embeddingWidth, vocabularySize: c.vocabularySize, contextLength: c.contextLength),
            parameterCount: log.parameterCount, unigramEntropy: log.unigramEntropy,
            steps: log.steps.map { Step(step: $0.step, loss: $0.loss, learningRate: $0.learningRate) },
            evaluations: log.evaluations.map {
                Evaluation(step: $0.step, validationLoss: $0.validationLoss, probeFile: $0.probeFile,
                           firstCopyLoss: $0.probeFirstCopyLoss, secondCopyLoss: $0.probeSecondCopyLoss)
            },
            probe: log.probe.map { Probe(ids: $0.ids, labels: $0.labels, excerptLength: $0.excerptLength, repeatLength: $0.repeatLength) })
    }

    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \(pathString(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong value at \(pathString(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(pathString(context.codingPath))"
        @unknown default:
            return "not a training log"
        }
    }

    private static func pathString(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
