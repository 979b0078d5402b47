import Foundation
import GPTModel
import TensorCore

/// Bytes a training run needs, from the configuration alone (checked before anything is allocated).
///
/// fp32 weights, the step's summed gradients and two Adam moments (4 × P), one gradient buffer
/// per shard (up to ``Trainer/maximumShards`` × P), the activations of the sequences in flight
/// (every hook of one forward pass plus the backward's temporaries, per shard), and the token
/// windows of one step and of one evaluation (`B` and `E` arrays of T + 1 ids: a batch of 10⁹
/// sequences is refused here, not when its windows are drawn).
///
/// Everything is multiplied in `Double`, so a context of 10⁹ (whose `T · T` attention term
/// overflows `Int`) gives a huge estimate instead of a crash.
public struct TrainingMemoryEstimate: Sendable {
    /// Trainable scalars P.
    public let parameterCount: Double
    /// Activation bytes of one sequence.
    public let activationBytesPerSequence: Double
    /// The estimate, part by part, with what to change when it does not fit.
    public let memory: MemoryEstimate
    /// The total.
    public var bytes: Double { memory.bytes }

    /// The estimate for training `configuration` with `options`' batch and context.
    public init(configuration c: GPTConfiguration, options: TrainingOptions) {
        // Hints are found by re-estimating with a smaller batch or context; see `check`.
        self.init(configuration: c, batch: options.batchSize, context: options.contextLength, evalSequences: options.evalSequences)
    }

    private init(configuration c: GPTConfiguration, batch: Int, context: Int, evalSequences: Int) {
        var sized = c
        sized.contextLength = context
        let p = Self.parameterCount(sized)
        let (t, width, f, nh) = (Double(context), Double(c.embeddingWidth), Double(c.mlpWidth), Double(c.headCount))
        let perLayer = t * (16 * width + 3 * f) + 3 * nh * t * t
        let perSequence = 4 * (Double(c.layerCount) * perLayer + 3 * t * Double(c.vocabularySize) + 4 * t * width)
        let shards = Double(min(batch, Trainer.maximumShards))
        // An [[Int]] window: T + 1 ids, the array's 32-byte header, and its 8-byte slot in the batch.
        let window = (t + 1) * 8 + 40
        parameterCount = p
        activationBytesPerSequence = perSequence
        var memory = MemoryEstimate(subject: "\(c.name), \(Self.count(p)) parameters, batch \(MemoryHint.grouped(batch)) × context \(MemoryHint.grouped(context))")
        memory.add("weights, gradients and two Adam moments [4, P]", bytes: 4 * 4 * p)
        memory.add("per-shard gradients [shards, P]", bytes: 4 * shards * p)
        memory.add("activations of the sequences in flight", bytes: shards * perSequence)
        memory.add("token windows of one step [B, T + 1]", bytes: Double(batch) * window)
        memory.add("validation windows [E, T + 1]", bytes: Double(evalSequences) * window)
        self.memory = memory
    }

    /// P in `Double`, in time independent of the depth: the count with one layer plus
    /// (L − 1) times one layer's share (the count with two layers minus one). Listing every
    /// parameter of `n_layer = 2^31 − 1` would take minutes before the estimate could refuse it.
    static func parameterCount(_ c: GPTConfiguration) -> Double {
        func count(layers: Int) -> Double {
            var shallow = c
            shallow.layerCount = layers
            return GPT.parameters(shallow).reduce(0.0) { $0 + $1.shape.reduce(1.0) { $0 * Double($1) } }
        }
        guard c.layerCount > 2, c.encoderLayerCount == 0 else { return count(layers: c.layerCount) }
        let one = count(layers: 1)
        return one + Double(c.layerCount - 1) * (count(layers: 2) - one)
    }

    /// Memory this process may plan to use: three quarters of the physical memory.
    public static var availableBytes: Int {
        Int(min(ProcessInfo.processInfo.physicalMemory / 4 * 3, UInt64(Int.max)))
    }

    /// Throws ``TrainingError/tooLargeForMemory(_:availableBytes:)`` past `available`.
    public func check(model: String, available: Int = TrainingMemoryEstimate.availableBytes) throws(TrainingError) {
        do {
            try check(configuration: nil, options: nil, budget: MemoryBudget(availableBytes: Double(available)))
        } catch {
            throw .tooLargeForMemory(error)
        }
    }

    /// Throws unless the estimate fits `budget`. Given the `configuration` and `options` it was
    /// made for, the error's hints carry the largest batch and the longest context that would fit.
    public func check(configuration: GPTConfiguration?, options: TrainingOptions?, budget: MemoryBudget) throws(MemoryError) {
        guard !budget.fits(memory) else { return }
        var refused = memory
        refused.hints = []
        if let c = configuration, let o = options {
            let batch = budget.largest(upTo: o.batchSize - 1) {
                TrainingMemoryEstimate(configuration: c, batch: $0, context: o.contextLength, evalSequences: o.evalSequences).memory
            }
            if let batch { refused.hints.append(.smallerBatch(maximum: batch)) }
            // Contexts below 2 cannot train; bisect over 2 … T − 1 as 1 … T − 2.
            let context = budget.largest(upTo: o.contextLength - 2) {
                TrainingMemoryEstimate(configuration: c, batch: o.batchSize, context: $0 + 1, evalSequences: o.evalSequences).memory
            }
            if let context, context + 1 >= 2 { refused.hints.append(.shorterContext(maximum: context + 1)) }
        }
        refused.hints.append(.smallerModel)
        throw .exceedsAvailable(estimate: refused, availableBytes: budget.availableBytes)
    }

    /// 124.4M, 1.5B.
    static func count(_ value: Double) -> String {
        value >= 1e9 ? String(format: "%.1fB", value / 1e9) : value >= 1e6 ? String(format: "%.1fM", value / 1e6) : MemoryHint.grouped(Int(value))
    }
}
