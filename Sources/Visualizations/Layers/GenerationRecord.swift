import Foundation
import GPTModel
import Tokenization

/// One generation, step by step, ready to draw: what each step chose and what else was likely.
///
/// Built from ``GPT/generate(prompt:maxTokens:options:runnersUp:recordAttention:onStep:)``'s
/// steps, or read back from the JSON `gptscope generate --json` prints (`gptscope.generate/1`).
public struct GenerationRecord: Sendable, Equatable {
    /// One generated token.
    public struct Step: Sendable, Equatable {
        /// Position of the new token in the whole sequence.
        public var position: Int
        /// The chosen token with the model's probability for it.
        public var chosen: TokenProbability
        /// The most probable other tokens, most probable first.
        public var alternatives: [TokenProbability]

        /// A step.
        public init(position: Int, chosen: TokenProbability, alternatives: [TokenProbability]) {
            self.position = position
            self.chosen = chosen
            self.alternatives = alternatives
        }

        /// The chosen token and the alternatives, most probable first.
        public var candidates: [TokenProbability] {
            ([chosen] + alternatives).sorted { ($0.probability, -$0.id) > ($1.probability, -$1.id) }
        }

        /// Whether sampling picked a token less probable than every alternative shown (then its
        /// rank is unknown: it is not simply the next one).
        public var chosenBelowAlternatives: Bool {
            guard let least = alternatives.map(\.probability).min() else { return false }
            return chosen.probability < least
        }
    }

    /// A short model name for the title.
    public var modelName: String
    /// The prompt's text (or its ids when there is no tokenizer).
    public var prompt: String
    /// How tokens were chosen, e.g. `greedy` or `temperature 0.8, top-p 0.9, seed 7`.
    public var sampling: String
    /// The steps in order.
    public var steps: [Step]
    /// The generated text as one string (the chosen tokens' bytes decoded together, so a
    /// character split across tokens is whole and Chinese reads without spaces); nil when unknown.
    public var generatedText: String?
    /// The model's context length, when known: a generation that reaches it stops there.
    public var contextLength: Int?
    /// How many tokens were asked for, when known (more than `steps.count` when the context filled).
    public var requestedSteps: Int?

    /// A record from parts.
    public init(modelName: String, prompt: String, sampling: String, steps: [Step], generatedText: String? = nil,
                contextLength: Int? = nil, requestedSteps: Int? = nil) {
        self.modelName = modelName
        self.prompt = prompt
        self.sampling = sampling
        self.steps = steps
        self.generatedText = generatedText
        self.contextLength = contextLength
        self.requestedSteps = requestedSteps
    }

    /// A record of `steps` generated after `prompt` by `modelName` with `options`; `tokenizer`
    /// names the tokens (`#id` without one). `contextLength` and `requested` let the figure say
    /// why a generation stopped short.
    public init(steps: [GenerationStep], prompt: [Int], modelName: String, sampling options: SamplingOptions, tokenizer: Tokenizer?,
                contextLength: Int? = nil, requested: Int? = nil) {
        let labeler = TokenLabeler(tokenizer: tokenizer)
        let name = { (token: TokenProbability) in
            var named = token
            named.label = labeler.label(token.id)
            return named
        }
        self.init(modelName: modelName, prompt: Self.promptText(prompt, tokenizer: tokenizer),
                  sampling: Self.describe(temperature: options.temperature, topK: options.topK, topP: options.topP, seed: options.seed),
                  steps: steps.map { Step(position: $0.position, chosen: name($0.chosen), alternatives: $0.alternatives.map(name)) },
                  generatedText: tokenizer.flatMap { try? $0.decode(steps.map(\.chosen.id)) },
                  contextLength: contextLength, requestedSteps: requested)
    }

    /// `greedy`, or `temperature 0.8, top-k 40, top-p 0.9, seed 7`.
    static func describe(temperature: Double, topK: Int?, topP: Double?, seed: UInt64) -> String {
        guard temperature > 0 else { return "greedy" }
        return "temperature \(String(format: "%g", temperature))" + (topK.map { ", top-k \($0)" } ?? "")
            + (topP.map { ", top-p \(String(format: "%g", $0))" } ?? "") + ", seed \(seed)"
    }

    /// The prompt decoded, or its ids when it cannot be.
    static func promptText(_ ids: [Int], tokenizer: Tokenizer?) -> String {
        if let tokenizer, let text = try? tokenizer.decode(ids) { return text }
        return ids.map(String.init).joined(separator: ",")
    }
}
