import Foundation
import GPTModel
import Tokenization

extension GenerationRecord {
    /// Reads the document `gptscope generate --json` prints (schema `gptscope.generate/1`).
    ///
    /// With `tokenizer` (the checkpoint's) tokens are labelled from their bytes; without it, from
    /// the text the file holds for them.
    public init(json data: Data, tokenizer: Tokenizer? = nil) throws(LayersError) {
        guard let object = try? JSONSerialization.jsonObject(with: data), let document = object as? [String: Any] else {
            throw .invalidGenerationFile("the file is not a JSON object")
        }
        guard let schema = document["schema"] as? String, schema.hasPrefix("gptscope.generate/") else {
            throw .invalidGenerationFile("its \"schema\" is not gptscope.generate/1")
        }
        guard let rawSteps = document["steps"] as? [[String: Any]] else {
            throw .invalidGenerationFile("it has no \"steps\" list")
        }
        let labeler = TokenLabeler(tokenizer: tokenizer)
        func candidate(_ entry: [String: Any], step: Int) throws(LayersError) -> TokenProbability {
            guard let id = entry["id"] as? Int, let p = (entry["probability"] as? NSNumber)?.doubleValue, p >= 0, p <= 1 else {
                throw .invalidGenerationFile("step \(step) lacks an integer \"id\" and a \"probability\" in 0…1")
            }
            let label = tokenizer != nil ? labeler.label(id)
                : (entry["text"] as? String).map { Self.label(fromText: $0) } ?? "#\(id)"
            return TokenProbability(id: id, label: label, probability: p)
        }
        var steps: [Step] = []
        for (index, raw) in rawSteps.enumerated() {
            let alternatives = raw["alternatives"] as? [[String: Any]] ?? []
            var parsed: [TokenProbability] = []
            for entry in alternatives { parsed.append(try candidate(entry, step: index)) }
            steps.append(Step(position: raw["position"] as? Int ?? index, chosen: try candidate(raw, step: index), alternatives: parsed))
        }
        let promptIDs = document["prompt_ids"] as? [Int] ?? []
        var prompt = Self.promptText(promptIDs, tokenizer: tokenizer)
        if tokenizer == nil, let text = document["text"] as? String {
            // The file's full text ends with the generated tokens' texts; the rest is the prompt.
            let generated = rawSteps.compactMap { $0["text"] as? String }.joined()
            if text.hasSuffix(generated) { prompt = String(text.dropLast(generated.count)) }
        }
        var sampling = "greedy"
        if let s = document["sampling"] as? [String: Any] {
            sampling = Self.describe(temperature: (s["temperature"] as? NSNumber)?.doubleValue ?? 1, topK: s["top_k"] as? Int,
                                     topP: (s["top_p"] as? NSNumber)?.doubleValue, seed: (s["seed"] as? NSNumber)?.uint64Value ?? 0)
        }
        self.init(modelName: document["model"] as? String ?? "model", prompt: prompt, sampling: sampling, steps: steps)
    }

    /// A display label from a token's text (`·the`, `⏎`).
    static func label(fromText text: String) -> String {
        let bytes = Array(text.utf8)
        let single = TokenizedText(ids: [0], tokenBytes: [bytes], isSpecial: [false])
        return TokenAxisLabels.labels(single, numbered: false).first ?? text
    }
}
