import Foundation
import GPTModel
import Tokenization

extension GenerationRecord {
    /// Reads the document `gptscope generate --json` prints (``GenerationDocument``, format
    /// `gptscope.generate/1`).
    ///
    /// With `tokenizer` (the checkpoint's) tokens are labelled from their bytes; without it, from
    /// the text the file holds for them.
    public init(json data: Data, tokenizer: Tokenizer? = nil) throws(LayersError) {
        let document: GenerationDocument
        do throws(GenerationDocumentError) {
            document = try GenerationDocument.decode(data)
        } catch {
            throw .invalidGenerationFile(Self.reason(error))
        }
        let labeler = TokenLabeler(tokenizer: tokenizer)
        func candidate(id: Int, text: String?, probability p: Double, step: Int) throws(LayersError) -> TokenProbability {
            guard p >= 0, p <= 1 else { throw .invalidGenerationFile(Self.reason(.badStep(index: step))) }
            let label = tokenizer != nil ? labeler.label(id) : text.map { Self.label(fromText: $0) } ?? "#\(id)"
            return TokenProbability(id: id, label: label, probability: p)
        }
        var steps: [Step] = []
        for (index, step) in document.steps.enumerated() {
            var alternatives: [TokenProbability] = []
            for entry in step.alternatives {
                alternatives.append(try candidate(id: entry.id, text: entry.text, probability: entry.probability, step: index))
            }
            let chosen = try candidate(id: step.id, text: step.text, probability: step.probability, step: index)
            steps.append(Step(position: step.position ?? index, chosen: chosen, alternatives: alternatives))
        }
        var prompt = Self.promptText(document.promptIDs, tokenizer: tokenizer)
        if tokenizer == nil, let text = document.text {
            // The file's full text ends with the generated tokens' texts; the rest is the prompt.
            let generated = document.steps.compactMap(\.text).joined()
            if text.hasSuffix(generated) { prompt = String(text.dropLast(generated.count)) }
        }
        let sampling = document.sampling.map {
            Self.describe(temperature: $0.temperature, topK: $0.topK, topP: $0.topP, seed: $0.seed)
        } ?? "greedy"
        let generated = tokenizer.flatMap { try? $0.decode(document.steps.map(\.id)) }
            ?? (document.steps.allSatisfy { $0.text != nil } ? document.steps.compactMap(\.text).joined() : nil)
        self.init(modelName: document.model ?? "model", prompt: prompt, sampling: sampling, steps: steps, generatedText: generated)
    }

    /// The one-line reason a generation file was refused.
    private static func reason(_ error: GenerationDocumentError) -> String {
        switch error {
        case .notAnObject: "the file is not a JSON object"
        case .wrongSchema: "its \"schema\" is not gptscope.generate/1"
        case .noSteps: "it has no \"steps\" list"
        case .badStep(let index): "step \(index) lacks an integer \"id\" and a \"probability\" in 0…1"
        }
    }

    /// A display label from a token's text (`·the`, `⏎`).
    static func label(fromText text: String) -> String {
        let bytes = Array(text.utf8)
        let single = TokenizedText(ids: [0], tokenBytes: [bytes], isSpecial: [false])
        return TokenAxisLabels.labels(single, numbered: false).first ?? text
    }
}
