import Foundation
import GPTModel
import TensorCore

/// The fixed prompt whose attention patterns are saved at every evaluation, so a film strip can
/// show heads forming: a corpus excerpt (for previous-token and syntax heads) followed by a
/// random token sequence shown twice (an induction head attends, on the second copy, to the
/// token after the current one's first occurrence).
public struct ProbePrompt: Codable, Sendable, Equatable {
    /// The token ids.
    public let ids: [Int]
    /// Display labels of the ids (`·the`, `<e5>`), for figures.
    public let labels: [String]
    /// Tokens of corpus text at the start.
    public let excerptLength: Int
    /// Length of the random sequence; its copies start at `excerptLength` and `excerptLength + repeatLength`.
    public let repeatLength: Int

    enum CodingKeys: String, CodingKey {
        case ids, labels, excerptLength = "excerpt_length", repeatLength = "repeat_length"
    }

    /// The hooks each snapshot records.
    public static let hooks = HookFilter(patterns: ["blocks.*.attn.hook_pattern"])

    /// The probe for a run: half the context of held-out text (training text if none is held out),
    /// then twice a quarter context of tokens drawn at random positions of the training stream.
    public init(dataset: TokenDataset, contextLength: Int, seed: UInt64, labels: ([Int]) -> [String]) {
        let excerptLength = max(1, contextLength / 2)
        let repeatLength = max(1, (contextLength - excerptLength) / 2)
        let source = dataset.validationSegments.first ?? dataset.trainingSegments[0]
        let excerpt = Array(dataset.tokens[source].prefix(excerptLength))
        var generator = SplitMix64(seed: seed ^ 0x5052_4F42_4521)  // "PROBE!"
        let pool = dataset.trainingSegments
        let random = (0 ..< repeatLength).map { _ -> Int in
            let segment = pool[Int(generator.next() % UInt64(pool.count))]
            return dataset.tokens[segment.lowerBound + Int(generator.next() % UInt64(segment.count))]
        }
        let ids = Array((excerpt + random + random).prefix(contextLength))
        self.ids = ids
        self.labels = labels(ids)
        self.excerptLength = excerpt.count
        self.repeatLength = repeatLength
    }

    /// `probes/step-000500.safetensors`.
    public static func fileName(step: Int) -> String {
        "step-" + String(repeating: "0", count: max(0, 6 - String(step).count)) + String(step) + ".safetensors"
    }

    /// The mean next-token loss on the two copies of the random tokens, nats.
    public struct CopyLosses: Sendable, Equatable {
        /// Over the first copy's tokens after its first: unpredictable (random tokens).
        public var first: Double
        /// Over the second copy's tokens after its first: predictable only by looking back at what
        /// followed the same token in the first copy, so it falls when an induction head forms.
        public var second: Double
    }

    /// Target positions of the copies' losses: each copy's tokens but its first (the first token
    /// of the second copy cannot be known to start a repeat), the same number for both copies.
    /// Nil when the probe has no repeat of at least 2 tokens.
    public var copyTargets: (first: Range<Int>, second: Range<Int>)? {
        let second = excerptLength + repeatLength + 1 ..< min(ids.count, excerptLength + 2 * repeatLength)
        guard second.count >= 1 else { return nil }
        return (excerptLength + 1 ..< excerptLength + 1 + second.count, second)
    }

    /// The copies' losses from the probe's logits `[T, V]` (row q predicts token q + 1).
    public func copyLosses(logits: Tensor) -> CopyLosses? {
        guard let targets = copyTargets, logits.shape.count == 2, logits.shape[0] == ids.count else { return nil }
        func mean(_ range: Range<Int>) -> Double {
            range.reduce(0.0) { sum, t in
                let row = logits.row(t - 1).scalars
                let top = Double(row.max() ?? 0)
                let total = row.reduce(0.0) { $0 + exp(Double($1) - top) }
                return sum + top + log(total) - Double(row[ids[t]])
            } / Double(range.count)
        }
        return CopyLosses(first: mean(targets.first), second: mean(targets.second))
    }

    /// Runs `model` on the probe and writes every layer's attention pattern (`[NH, T, T]`) to
    /// `folder/step-NNNNNN.safetensors`, with the ids, labels and step in the metadata. Atomic.
    /// Returns the loss on each copy of the random tokens (nil without a repeat).
    @discardableResult
    public func snapshot(model: GPT, step: Int, folder: URL) throws -> CopyLosses? {
        let (logits, cache) = try model.run(ids, hooks: Self.hooks)  // logits [T, V]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try cache.save(to: folder.appendingPathComponent(Self.fileName(step: step)), tokenIDs: ids, tokenStrings: labels,
                       extra: ["step": String(step), "excerpt_length": String(excerptLength), "repeat_length": String(repeatLength)])
        return copyLosses(logits: logits)
    }
}
