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

    /// Runs `model` on the probe and writes every layer's attention pattern (`[NH, T, T]`) to
    /// `folder/step-NNNNNN.safetensors`, with the ids, labels and step in the metadata. Atomic.
    public func snapshot(model: GPT, step: Int, folder: URL) throws {
        let (_, cache) = try model.run(ids, hooks: Self.hooks)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try cache.save(to: folder.appendingPathComponent(Self.fileName(step: step)), tokenIDs: ids, tokenStrings: labels,
                       extra: ["step": String(step), "excerpt_length": String(excerptLength), "repeat_length": String(repeatLength)])
    }
}
