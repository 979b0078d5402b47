import Charts

extension ReportPlanner {
    /// The 2-D PCA of chosen words' embeddings (see ``lookUpWords(model:modelName:tokenizer:options:)``),
    /// which depends on the model and its tokenizer alone; none without them.
    static func wordRecipes(_ words: WordEmbeddings?, modelName: String) -> [ReportRecipe] {
        guard let embeddings = words, embeddings.words.count >= 3 else { return [] }
        return [ReportRecipe(ReportItem(
            stem: "embeddings.words", section: .embeddings,
            title: LocalizedText(en: "Words as points: \(embeddings.words.count) embeddings in two dimensions",
                                 zh: "把词画成点：\(embeddings.words.count) 个词嵌入的二维投影"),
            explanation: LocalizedText(
                en: "Each point is one word's row of wte (the mean of its tokens' rows when the tokenizer splits it), projected onto the two directions in which these words differ most (principal component analysis). Words the model uses alike tend to land near each other; the classic king − man + woman ≈ queen holds only roughly in GPT-2's input embeddings. Choose the words with --words.",
                zh: "每个点是一个词在 wte 中的那一行（若分词器把它拆成几个词元，则取它们的平均），投影到这些词之间差别最大的两个方向上（主成分分析）。模型用法相近的词往往落得很近；经典的“国王 − 男人 + 女人 ≈ 女王”在 GPT-2 的输入嵌入里只是大致成立。可以用 --words 选择要画的词。"),
            hooks: [])
        ) { try EmbeddingFigure.pca(embeddings, modelName: modelName) }]
    }
}
