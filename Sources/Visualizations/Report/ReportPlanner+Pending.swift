extension ReportPlanner {
    /// Token embeddings of the prompt.
    func embeddingRecipes() -> [ReportRecipe] { [] }
}
