import Charts
import GPTModel

extension ReportPlanner {
    /// The loaded model's parameter breakdown, and the model beside GPT-1, GPT-2 and GPT-3.
    func parameterRecipes() -> [ReportRecipe] {
        Self.parameterRecipes(configuration: analysis.model.configuration)
    }

    /// The parameter figures for `configuration`, which depend on it alone.
    static func parameterRecipes(configuration: GPTConfiguration) -> [ReportRecipe] {
        let own = ParameterBreakdown(configuration)
        let references = ["gpt1", "gpt2", "gpt3-175b"].compactMap { try? GPTConfiguration.preset(named: $0) }
        // The loaded model joins the comparison unless it has exactly a reference's shape.
        let isReference = references.contains { $0.layerCount == configuration.layerCount
            && $0.embeddingWidth == configuration.embeddingWidth && $0.vocabularySize == configuration.vocabularySize
            && $0.contextLength == configuration.contextLength }
        let compared = (isReference ? [] : [own]) + references.map(ParameterBreakdown.init)
        return [
            ReportRecipe(ReportItem(
                stem: "parameters.breakdown", section: .parameters,
                title: LocalizedText(en: "Where this model's parameters are", zh: "这个模型的参数分布"),
                explanation: LocalizedText(
                    en: "One bar per component group, with its exact count, the formula it comes from and its share of the total. The embeddings grow with the vocabulary and context; every block adds the same attention and MLP weights again.",
                    zh: "每根横条是一类部件，标出精确参数量、计算公式和所占比例。嵌入矩阵随词表大小和上下文长度增长；而每增加一个模块，就再添一份同样的注意力和 MLP 权重。"))
            ) { ParameterFigures.breakdown(own) },
            ReportRecipe(ReportItem(
                stem: "parameters.comparison", section: .parameters,
                title: LocalizedText(en: "Beside GPT-1, GPT-2 and GPT-3", zh: "与 GPT-1、GPT-2、GPT-3 对比"),
                explanation: LocalizedText(
                    en: "Total parameters on a log axis (each gridline is ten times the last), beside each model's split into embeddings, attention, MLP and the rest. As models grow, the share of the MLPs and attention rises and the embeddings matter less.",
                    zh: "左边是对数坐标下的参数总量（每条网格线是前一条的十倍），右边是各模型在嵌入、注意力、MLP 等部件上的占比。模型越大，MLP 和注意力所占的比例越高，嵌入的比重越小。"))
            ) { ParameterFigures.comparison(compared, logScale: true) },
        ]
    }
}
