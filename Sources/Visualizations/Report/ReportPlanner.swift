import Charts
import GPTModel
import Tokenization

/// Plans a report: every figure for one analysed prompt, in teaching order, with the page text
/// that goes with it. Each chapter's recipes live in an extension (`ReportPlanner+Tokens.swift`, …).
public struct ReportPlanner: Sendable {
    /// The prompt run through the model.
    public let analysis: PromptAnalysis
    /// The report's options (layers, top-k).
    public let options: ReportOptions

    /// The words of the PCA figure with their embeddings, looked up once for the figure and the
    /// saved tensors; nil without a tokenizer or when a word cannot be looked up.
    let words: WordEmbeddings?

    /// Every head's scores (previous token, induction, …), computed once: the attention chapter,
    /// the explainers' closer look, the tensors file and the softmax step all pick heads by them.
    let headScores: [HeadScores]

    /// A planner for `analysis`.
    public init(analysis: PromptAnalysis, options: ReportOptions = ReportOptions()) {
        self.init(analysis: analysis, options: options,
                  words: Self.lookUpWords(model: analysis.model, modelName: analysis.modelName,
                                          tokenizer: analysis.tokenizer, options: options))
    }

    /// A planner for `analysis` with the words already looked up.
    init(analysis: PromptAnalysis, options: ReportOptions, words: WordEmbeddings?) {
        self.analysis = analysis
        self.options = options
        self.words = words
        headScores = (try? AttentionFigures.headScores(analysis)) ?? []
    }

    /// The words of `options` (or the default ones) looked up in `model`'s token embeddings.
    static func lookUpWords(model: GPT, modelName: String, tokenizer: Tokenizer?, options: ReportOptions) -> WordEmbeddings? {
        try? WordEmbeddings.lookup(options.words ?? ReportOptions.defaultWords, model: model, tokenizer: tokenizer,
                                   modelName: modelName)
    }

    /// Candidates shown beside each generated token.
    static let generationRunnersUp = 4

    /// Every figure of the report, in page order.
    public func recipes() throws -> [ReportRecipe] {
        try Self.checkLayers(options, layerCount: analysis.model.configuration.layerCount)
        let all = tokenRecipes() + embeddingRecipes() + positionRecipes() + attentionRecipes()
            + residualRecipes() + predictionRecipes() + experimentRecipes() + parameterRecipes() + explainerRecipes()
        // Chapters are assembled in order already; a stable sort keeps that promise explicit.
        return all.enumerated().filter { !options.skippedSections.contains($0.element.item.section) }
            .sorted { ($0.element.item.section, $0.offset) < ($1.element.item.section, $1.offset) }
            .map(\.element)
    }

    /// Throws unless every layer `options` asks for exists in a model with `layerCount` blocks.
    static func checkLayers(_ options: ReportOptions, layerCount: Int) throws {
        for layer in options.layers ?? [] where !(0..<layerCount).contains(layer) {
            throw ReportError.layerOutOfRange(layer: layer, layerCount: layerCount)
        }
    }

    /// The layers that get figures of their own.
    var layers: [Int] { options.selectedLayers(layerCount: analysis.model.configuration.layerCount) }

    /// "model · “prompt”", for figure subtitles the report adds.
    var context: String { "\(analysis.modelName) · \(analysis.promptForTitle())" }
}
