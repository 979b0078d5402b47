import Foundation
import GPTModel

/// Bytes a training run needs, from the configuration alone (checked before anything is allocated).
///
/// fp32 weights, the step's summed gradients and two Adam moments (4 × P), one gradient buffer
/// per shard (up to ``Trainer/maximumShards`` × P), and the activations of the sequences in flight
/// (every hook of one forward pass plus the backward's temporaries, per shard).
public struct TrainingMemoryEstimate: Sendable {
    /// Trainable scalars P.
    public let parameterCount: Int
    /// Activation bytes of one sequence.
    public let activationBytesPerSequence: Int
    /// The total.
    public let bytes: Int

    /// The estimate for training `configuration` with `options`' batch and context.
    public init(configuration c: GPTConfiguration, options: TrainingOptions) {
        let p = GPT.parameters(c).reduce(0) { $0 + $1.count }
        let (t, width, f, nh) = (options.contextLength, c.embeddingWidth, c.mlpWidth, c.headCount)
        let perLayer = t * (16 * width + 3 * f) + 3 * nh * t * t
        let perSequence = 4 * (c.layerCount * perLayer + 3 * t * c.vocabularySize + 4 * t * width)
        let shards = min(options.batchSize, Trainer.maximumShards)
        parameterCount = p
        activationBytesPerSequence = perSequence
        bytes = 4 * p * (4 + shards) + shards * perSequence
    }

    /// Memory this process may plan to use: three quarters of the physical memory.
    public static var availableBytes: Int {
        Int(min(ProcessInfo.processInfo.physicalMemory / 4 * 3, UInt64(Int.max)))
    }

    /// Throws ``TrainingError/tooLargeForMemory(model:parameters:neededBytes:availableBytes:)`` past `available`.
    public func check(model: String, available: Int = TrainingMemoryEstimate.availableBytes) throws(TrainingError) {
        if bytes > available {
            throw .tooLargeForMemory(model: model, parameters: parameterCount, neededBytes: bytes, availableBytes: available)
        }
    }
}
