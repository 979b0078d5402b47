import Foundation
import GPTModel
import TensorCore

/// One optimizer step at a time: draw a batch, run forward and backward over its sequences in
/// parallel, clip, AdamW. Deterministic for a seed (batches depend on `(seed, step)` only and the
/// gradient shards are summed in a fixed order).
public struct Trainer: Sendable {
    /// What one step did.
    public struct StepRecord: Codable, Sendable, Equatable {
        /// Steps completed, this one included (1 after the first update).
        public var step: Int
        /// Mean next-token cross-entropy of the batch in nats (before the update).
        public var loss: Double
        /// The learning rate used.
        public var learningRate: Double
        /// Global L2 norm of the gradients before clipping.
        public var gradientNorm: Double
        /// Training tokens (B × T) per second of wall-clock time for this step.
        public var tokensPerSecond: Double

        enum CodingKeys: String, CodingKey {
            case step, loss, learningRate = "lr", gradientNorm = "grad_norm", tokensPerSecond = "tokens_per_second"
        }
    }

    /// At most this many gradient buffers per step (sequences are split into this many shards,
    /// whatever the core count, so the summation order and hence the result is the same everywhere).
    public static let maximumShards = 4

    /// The run's hyperparameters.
    public let options: TrainingOptions
    /// The data.
    public let dataset: TokenDataset
    /// The learning-rate schedule from ``options``.
    public let schedule: LearningRateSchedule
    /// The model being trained, updated in place every step.
    public private(set) var model: GPT
    /// The optimizer state.
    public private(set) var optimizer: AdamW<GPT>
    /// The training vocabulary in the repeat alphabet's order (empty without an alphabet).
    private let alphabetOrder: [Int]

    /// A trainer starting from `model` with fresh optimizer state, or continuing with `optimizer`.
    public init(model: GPT, options: TrainingOptions, dataset: TokenDataset, optimizer: AdamW<GPT>? = nil) {
        self.model = model
        self.options = options
        self.dataset = dataset
        self.schedule = LearningRateSchedule(options: options)
        self.alphabetOrder = options.repeatAlphabet == nil ? [] : dataset.repeatAlphabetOrder(seed: options.seed)
        self.optimizer = optimizer ?? AdamW(zeroFor: model, parameters: model.parameters, beta1: options.beta1, beta2: options.beta2,
                                            epsilon: options.epsilon, weightDecay: options.weightDecay)
    }

    /// The tokens repeated spans draw from at `step` (nil: the whole training vocabulary).
    public func repeatAlphabet(atStep step: Int) -> ArraySlice<Int>? {
        guard let schedule = options.repeatAlphabet else { return nil }
        return alphabetOrder.prefix(schedule.size(atStep: step, vocabulary: alphabetOrder.count))
    }

    /// The training windows of `step` (0-based): the corpus windows with this step's share of
    /// repeated spans, drawn from this step's alphabet.
    func batch(atStep step: Int) -> [[Int]] {
        dataset.trainingBatch(step: step, batchSize: options.batchSize, seed: options.seed,
                              repeatFraction: options.repeatFraction(atStep: step), alphabet: repeatAlphabet(atStep: step))
    }

    /// Steps completed so far.
    public var completedSteps: Int { optimizer.stepCount }

    /// Takes one step and reports it.
    public mutating func step() -> StepRecord {
        let started = Date()
        let index = completedSteps
        let windows = batch(atStep: index)
        let positions = windows.count * (dataset.windowLength - 1)
        let parameters = model.parameters
        var (loss, gradients) = Self.lossAndGradients(of: model, windows: windows, lossScale: 1 / Float(positions))
        let norm = Self.globalNorm(gradients, parameters)
        if options.gradientClip > 0, norm > options.gradientClip {
            let scale = Float(options.gradientClip / norm)
            for parameter in parameters {
                parameter.update(&gradients) { $0.withUnsafeMutableBufferPointer { g in for j in 0 ..< g.count { g[j] *= scale } } }
            }
        }
        let rate = schedule.rate(index)
        optimizer.update(&model, gradients: gradients, parameters: parameters, learningRate: rate,
                         onlyRows: options.lazyTokenRows == true ? Self.tokenRows(in: windows, parameters: parameters) : nil)
        loss /= Double(positions)
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        return StepRecord(step: index + 1, loss: loss, learningRate: rate, gradientNorm: norm,
                          tokensPerSecond: Double(positions) / seconds)
    }

    /// The token table's rows of the tokens in `windows` (inputs and targets): what a lazy step updates.
    static func tokenRows(in windows: [[Int]], parameters: [Parameter<GPT>]) -> AdamW<GPT>.RowSelection? {
        guard let table = parameters.first(where: { $0.role == .embedding && !GPT.isPositionTable($0.name) }) else { return nil }
        var rows = [Bool](repeating: false, count: table.shape[0])
        for window in windows { for id in window { rows[id] = true } }
        return AdamW.RowSelection(parameter: table.name, rows: rows)
    }

    /// Mean next-token loss in nats over `windows` (each T + 1 tokens), forward only, in parallel.
    public func loss(windows: [[Int]]) -> Double {
        guard !windows.isEmpty else { return .nan }
        let model = self.model
        let shards = min(windows.count, Self.maximumShards)
        var sums = [Double](repeating: 0, count: shards)
        sums.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer.baseAddress!)
            Parallel.forEach(shards) { s in
                var sum = 0.0
                for w in windows.count * s / shards ..< windows.count * (s + 1) / shards {
                    sum += model.loss(Array(windows[w].dropLast()), targets: Array(windows[w].dropFirst()))
                }
                out.value[s] = sum
            }
        }
        return sums.reduce(0, +) / Double(windows.count * (windows[0].count - 1))
    }

    /// The summed loss of `windows` and the gradients of `lossScale × sum` (a value of the
    /// model's own type: each parameter's gradient in its place).
    ///
    /// Sequences are split into up to ``maximumShards`` shards run concurrently, each with its
    /// own gradient buffers, then summed shard by shard.
    public static func lossAndGradients(of model: GPT, windows: [[Int]], lossScale: Float) -> (loss: Double, gradients: GPT.Gradients) {
        let parameters = model.parameters
        let shards = min(windows.count, maximumShards)
        var results = [(Double, GPT.Gradients)?](repeating: nil, count: shards)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer.baseAddress!)
            Parallel.forEach(shards) { s in
                var gradients = model.zeroed(parameters)
                var loss = 0.0
                for w in windows.count * s / shards ..< windows.count * (s + 1) / shards {
                    loss += model.lossAndGradients(Array(windows[w].dropLast()), targets: Array(windows[w].dropFirst()),
                                                   lossScale: lossScale, gradients: &gradients)
                }
                out.value[s] = (loss, gradients)
            }
        }
        var loss = 0.0
        var total: GPT.Gradients?
        for case let (shardLoss, gradients)? in results {
            loss += shardLoss
            if total == nil { total = gradients } else { total!.accumulate(gradients, parameters) }
        }
        return (loss, total ?? model.zeroed(parameters))
    }

    /// `√(Σ g²)` over every parameter's gradient, in list order, accumulated in double precision.
    public static func globalNorm(_ gradients: GPT.Gradients, _ parameters: [Parameter<GPT>]) -> Double {
        var sum = 0.0
        for parameter in parameters {
            parameter.tensor(in: gradients).withUnsafeBufferPointer { p in
                var partial: Float = 0
                for (i, value) in p.enumerated() {
                    partial += value * value
                    if i & 1023 == 1023 { sum += Double(partial); partial = 0 }
                }
                sum += Double(partial)
            }
        }
        return sum.squareRoot()
    }
}
