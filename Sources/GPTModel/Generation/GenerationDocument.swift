import Foundation

/// The JSON document `gptscope generate --json` prints (format `gptscope.generate/1`): the
/// prompt's ids, how tokens were chosen, and every step's token with its runners-up.
///
/// Written by the command-line tool and read back by the layers figure; reading is lenient where
/// the old files were (missing `model`, `prompt_ids`, `sampling`, `position`, `alternatives` or
/// `text` take defaults), so hand-written files keep working.
public struct GenerationDocument: Codable, Sendable, Equatable {
    /// `gptscope.generate/1`.
    public static let format = "gptscope.generate/1"

    /// How tokens were chosen (`top_k` and `top_p` are written as `null` when off).
    public struct Sampling: Codable, Sendable, Equatable {
        /// Sampling temperature; 0 = greedy.
        public var temperature: Double
        /// Only the K most probable tokens (nil: off).
        public var topK: Int?
        /// Only the most probable tokens summing to P (nil: off).
        public var topP: Double?
        /// Random seed.
        public var seed: UInt64

        enum CodingKeys: String, CodingKey { case temperature, topK = "top_k", topP = "top_p", seed }

        /// The sampling settings of `options`.
        public init(_ options: SamplingOptions) {
            self.init(temperature: options.temperature, topK: options.topK, topP: options.topP, seed: options.seed)
        }

        /// Sampling settings from parts.
        public init(temperature: Double, topK: Int?, topP: Double?, seed: UInt64) {
            self.temperature = temperature
            self.topK = topK
            self.topP = topP
            self.seed = seed
        }

        /// Reads what is there; a missing or unreadable setting takes its default.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            temperature = (try? c.decodeIfPresent(Double.self, forKey: .temperature)) ?? 1
            topK = (try? c.decodeIfPresent(Int.self, forKey: .topK)) ?? nil
            topP = (try? c.decodeIfPresent(Double.self, forKey: .topP)) ?? nil
            seed = (try? c.decodeIfPresent(UInt64.self, forKey: .seed)) ?? 0
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(temperature, forKey: .temperature)
            try c.encode(topK, forKey: .topK)  // null when off, not absent
            try c.encode(topP, forKey: .topP)
            try c.encode(seed, forKey: .seed)
        }
    }

    /// A runner-up token.
    public struct Candidate: Codable, Sendable, Equatable {
        /// Token id.
        public var id: Int
        /// The token's text (nil: not in the file).
        public var text: String?
        /// The model's probability for it, 0…1.
        public var probability: Double

        /// A candidate.
        public init(id: Int, text: String?, probability: Double) {
            self.id = id
            self.text = text
            self.probability = probability
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try GenerationDocument.integer(.id, in: c)
            text = (try? c.decodeIfPresent(String.self, forKey: .text)) ?? nil
            probability = try c.decode(Double.self, forKey: .probability)
        }
    }

    /// One generated token.
    public struct Step: Codable, Sendable, Equatable {
        /// Position of the new token in the whole sequence (nil: not in the file).
        public var position: Int?
        /// The chosen token.
        public var id: Int
        /// Its text (nil: not in the file).
        public var text: String?
        /// The model's probability for it, 0…1.
        public var probability: Double
        /// Its probability under the sampling settings (nil: not in the file).
        public var samplingProbability: Double?
        /// The most probable other tokens, most probable first.
        public var alternatives: [Candidate]

        enum CodingKeys: String, CodingKey {
            case position, id, text, probability, samplingProbability = "sampling_probability", alternatives
        }

        /// A step.
        public init(position: Int?, id: Int, text: String?, probability: Double, samplingProbability: Double?,
                    alternatives: [Candidate]) {
            self.position = position
            self.id = id
            self.text = text
            self.probability = probability
            self.samplingProbability = samplingProbability
            self.alternatives = alternatives
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            position = (try? c.decodeIfPresent(Int.self, forKey: .position)) ?? nil
            id = try GenerationDocument.integer(.id, in: c)
            text = (try? c.decodeIfPresent(String.self, forKey: .text)) ?? nil
            probability = try c.decode(Double.self, forKey: .probability)
            samplingProbability = (try? c.decodeIfPresent(Double.self, forKey: .samplingProbability)) ?? nil
            alternatives = try c.decodeIfPresent([Candidate].self, forKey: .alternatives) ?? []
        }
    }

    /// The format name, `gptscope.generate/1`.
    public var schema: String
    /// The model's name (nil: not in the file).
    public var model: String?
    /// The prompt's token ids.
    public var promptIDs: [Int]
    /// How tokens were chosen (nil: not in the file, read as greedy).
    public var sampling: Sampling?
    /// The steps in order.
    public var steps: [Step]
    /// Prompt and generated text decoded together (nil without a tokenizer).
    public var text: String?
    /// Where `--record` saved the attention patterns (nil: not recorded).
    public var savedCache: String?

    enum CodingKeys: String, CodingKey {
        case schema, model, promptIDs = "prompt_ids", sampling, steps, text, savedCache = "saved_cache"
    }

    /// The document of `steps` generated by `model` after `prompt` with `options`; `text(of:)`
    /// gives each token's text.
    public init(model: String, prompt: [Int], sampling options: SamplingOptions, steps: [GenerationStep],
                text: String?, savedCache: String?, textOf: (Int) -> String) {
        self.schema = Self.format
        self.model = model
        self.promptIDs = prompt
        self.sampling = Sampling(options)
        self.steps = steps.map { step in
            Step(position: step.position, id: step.chosen.id, text: textOf(step.chosen.id), probability: step.chosen.probability,
                 samplingProbability: step.chosen.samplingProbability,
                 alternatives: step.alternatives.map { Candidate(id: $0.id, text: textOf($0.id), probability: $0.probability) })
        }
        self.text = text
        self.savedCache = savedCache
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        // Checked before the steps, so a file of another format is named as such.
        guard schema.hasPrefix("gptscope.generate/") else {
            throw DecodingError.dataCorruptedError(forKey: .schema, in: c, debugDescription: "not \(Self.format)")
        }
        steps = try c.decode([Step].self, forKey: .steps)
        model = try? c.decodeIfPresent(String.self, forKey: .model)
        promptIDs = (try? c.decodeIfPresent([Int].self, forKey: .promptIDs)) ?? []
        sampling = try? c.decodeIfPresent(Sampling.self, forKey: .sampling)
        text = try? c.decodeIfPresent(String.self, forKey: .text)
        savedCache = try? c.decodeIfPresent(String.self, forKey: .savedCache)
    }

    /// An `Int`, or an error at `key`: Foundation's JSONDecoder on Linux turns a fractional
    /// number (`"id": 1.5`) into "not valid JSON" without saying where.
    static func integer<Key: CodingKey>(_ key: Key, in container: KeyedDecodingContainer<Key>) throws -> Int {
        do {
            return try container.decode(Int.self, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an integer")
        }
    }

    /// Reads a document, naming the first problem as ``GenerationDocumentError``.
    public static func decode(_ data: Data) throws(GenerationDocumentError) -> GenerationDocument {
        do {
            return try JSONDecoder().decode(GenerationDocument.self, from: data)
        } catch let error as DecodingError {
            throw GenerationDocumentError(error)
        } catch {
            throw .notAnObject
        }
    }

    /// Pretty-printed JSON text with sorted keys, non-ASCII and slashes kept as they are.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Why a `gptscope.generate/1` document could not be read.
public enum GenerationDocumentError: Error, Equatable, Sendable {
    /// The file is not JSON or not a JSON object.
    case notAnObject
    /// `schema` is missing or is not `gptscope.generate/…`.
    case wrongSchema
    /// `steps` is missing or not a list.
    case noSteps
    /// Step `index` (from 0) lacks an integer `id` or a number `probability`.
    case badStep(index: Int)

    init(_ error: DecodingError) {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        switch path.first?.stringValue {
        case GenerationDocument.CodingKeys.schema.stringValue: self = .wrongSchema
        case GenerationDocument.CodingKeys.steps.stringValue:
            if path.count > 1, let index = path[1].intValue { self = .badStep(index: index) } else { self = .noSteps }
        default: self = .notAnObject
        }
    }
}
