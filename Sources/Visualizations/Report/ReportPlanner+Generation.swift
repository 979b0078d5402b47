import Charts
import GPTModel

extension ReportPlanner {
    /// The prompt continued greedily, each step's candidates with the chosen one marked.
    func generationRecipes() -> [ReportRecipe] {
        guard hasGeneration else { return [] }
        let steps = options.generateTokens
        return [ReportRecipe(ReportItem(
            stem: "predictions.generation", section: .predictions,
            title: LocalizedText(en: "Generating \(steps) tokens, one at a time", zh: "逐个生成 \(steps) 个词元"),
            explanation: LocalizedText(
                en: "The model continues the prompt greedily: at each step it takes the most probable token (highlighted), appends it and runs again, reusing the keys and values it already computed (the KV cache). The other bars are the runners-up it passed over, with their probabilities.",
                zh: "模型以贪心方式续写提示词：每一步取概率最高的词元（高亮显示），把它接到末尾再运行一次，并复用已经算好的键和值（KV 缓存）。其余的条是被放弃的候选词元及其概率。"),
            hooks: []),
            needs: [.generation]
        ) { try LayerFigures.generation(try $0.generated()) }]
    }

    /// Whether the report generates tokens: asked for. A prompt that fills the context still gets
    /// the one token predicted from its last position (the figure says why there is only one).
    var hasGeneration: Bool {
        options.generateTokens > 0
    }

    /// Continues `analysis`'s prompt greedily by up to `tokens` tokens (fewer when the context
    /// fills up), from its recorded keys and values when it has them.
    static func generate(_ tokens: Int, after analysis: PromptAnalysis) throws -> GenerationRecord {
        let model = analysis.model, layers = 0 ..< model.configuration.layerCount
        let t = analysis.tokens.count
        // Up to and including the token just past the context, which is predicted but never read.
        let count = max(0, min(tokens, model.configuration.contextLength - t + 1))
        let keys = layers.compactMap { analysis.cache[model.cachedKeyHook($0)] }, values = layers.compactMap { analysis.cache[.v($0)] }
        let logits = analysis.logits
        let steps: [GenerationStep]
        if keys.count == layers.count, values.count == layers.count, logits.rank == 2, logits.shape[0] >= 1,
           analysis.logitsStart + logits.shape[0] == t {
            // The recorded keys and values fill the KV cache: the prompt is not run again.
            steps = try model.generate(after: analysis.tokens.ids, keys: keys, values: values,
                                       lastLogits: logits.rows(logits.shape[0] - 1 ..< logits.shape[0]).reshaped([logits.shape[1]]),
                                       maxTokens: count, options: .greedy, runnersUp: generationRunnersUp)
        } else {
            steps = try model.generate(prompt: analysis.tokens.ids, maxTokens: count, options: .greedy,
                                       runnersUp: generationRunnersUp)
        }
        return GenerationRecord(steps: steps, prompt: analysis.tokens.ids, modelName: analysis.modelName,
                                sampling: .greedy, tokenizer: analysis.tokenizer,
                                contextLength: model.configuration.contextLength, requested: tokens)
    }
}
