import GPTModel

extension ReportPlanner {
    /// The figures that depend on the model (and its tokenizer, for the words) alone, in page
    /// order: a report draws them while the prompt is still running through the model.
    static func modelRecipes(model: GPT, modelName: String, words: WordEmbeddings?) -> [ReportRecipe] {
        wordRecipes(words, modelName: modelName) + positionTableRecipes(model: model, modelName: modelName)
            + parameterRecipes(configuration: model.configuration)
    }

    /// Computes the shared value `kind` for this prompt.
    func compute(_ kind: ReportShared.Kind) -> ReportShared {
        var shared = ReportShared()
        switch kind {
        case .positionTables:
            shared.positionTables = Self.positionTables(model: analysis.model, modelName: analysis.modelName)
        case .logitLens:
            shared.logitLens = Result { () throws(LayersError) in
                try LogitLens(analysis, positions: LogitLensFigure.defaultPositions(count: analysis.tokens.count))
            }
        case .generation:
            shared.generation = Result { try Self.generate(options.generateTokens, after: analysis) }
        }
        return shared
    }
}
