import Charts
import GPTModel

extension ReportPlanner {
    /// The prompt's token embeddings as a matrix and as token-to-token similarity.
    func embeddingRecipes() -> [ReportRecipe] {
        let analysis = self.analysis
        let width = analysis.model.configuration.embeddingWidth
        let shown = min(64, width)
        return [
            ReportRecipe(ReportItem(
                stem: "embeddings.tokens", section: .embeddings,
                title: LocalizedText(en: "The prompt as vectors: \(analysis.tokens.count) tokens × \(width) numbers",
                                     zh: "向量形式的提示词：\(analysis.tokens.count) 个词元 × \(width) 个数"),
                explanation: LocalizedText(
                    en: "Each row is one token's embedding, the row of wte its id selects; \(shown == width ? "all" : "the first \(shown) of the") \(width) dimensions are shown as colours, red above zero and blue below. No single number means anything by itself: meaning is spread over the whole vector.",
                    zh: "每一行是一个词元的嵌入，也就是它的编号在 wte 中选出的那一行；图中用颜色显示了\(shown == width ? "全部" : "前 \(shown) 个，共") \(width) 个维度，红色大于零，蓝色小于零。单独的某个数并没有意义：含义分布在整个向量之中。"),
                hooks: [.embed])
            ) { try EmbeddingFigure.tokens(analysis, dimensions: shown) },
            ReportRecipe(ReportItem(
                stem: "embeddings.similarity", section: .embeddings,
                title: LocalizedText(en: "Which tokens start out alike", zh: "哪些词元一开始就相似"),
                explanation: LocalizedText(
                    en: "Cosine similarity between the token embeddings of every pair of prompt tokens, before any position is added. A repeated token matches itself exactly (1), and in a trained model related words get similar vectors.",
                    zh: "提示词中任意两个词元的词嵌入之间的余弦相似度（尚未加入位置信息）。重复出现的词元与自身完全相同（值为 1）；在训练好的模型中，意思相近的词，向量也相近。"),
                hooks: [.embed])
            ) { try EmbeddingFigure.similarity(analysis, stage: .token) },
        ] + Self.wordRecipes(words, modelName: analysis.modelName)
    }

    /// Token + position = what block 0 reads: closes the positions chapter.
    func embeddingSumRecipe() -> ReportRecipe {
        let analysis = self.analysis
        let shown = min(64, analysis.model.configuration.embeddingWidth)
        return ReportRecipe(ReportItem(
            stem: "embeddings.sum", section: .positions,
            title: LocalizedText(en: "Token + position: what the first block reads", zh: "词元向量 + 位置向量：第一个模块读到的输入"),
            explanation: LocalizedText(
                en: "The token embeddings, the position embeddings of positions 0, 1, 2, …, and their sum, on one colour scale. The sum is the residual stream entering block 0, so the same word at two positions already starts out as two different vectors.",
                zh: "词嵌入、第 0、1、2……个位置的位置嵌入，以及两者之和，使用同一色标。这个和就是进入第 0 个模块的残差流，因此同一个词出现在两个位置时，一开始就是两个不同的向量。"),
            hooks: [.embed, .posEmbed, .residPre(0)])
        ) { try EmbeddingFigure.sum(analysis, dimensions: shown) }
    }
}
