import Charts
import GPTModel
import TensorCore

/// Plans a report: every figure for one analysed prompt, in teaching order, with the page text
/// that goes with it. Each chapter's recipes live in an extension (`ReportPlanner+Tokens.swift`, …).
public struct ReportPlanner: Sendable {
    /// The prompt run through the model.
    public let analysis: PromptAnalysis
    /// The report's options (layers, top-k).
    public let options: ReportOptions

    /// The logit lens over the positions its figure shows, computed on first use and shared by
    /// the figure and the saved tensors (it multiplies every stage by the whole unembedding).
    let logitLens: Once<Result<LogitLens, LayersError>>
    /// The greedy continuation of the prompt (``ReportOptions/generateTokens`` tokens), run on
    /// first use and shared by its figure and the saved tensors.
    let generation: Once<Result<GenerationRecord, any Error>>

    /// A planner for `analysis`.
    public init(analysis: PromptAnalysis, options: ReportOptions = ReportOptions()) {
        self.analysis = analysis
        self.options = options
        // Both run beside the figure workers, which keep every core busy: one thread each.
        self.logitLens = Once { [analysis] in
            Parallel.serially {
                Result { () throws(LayersError) in
                    try LogitLens(analysis, positions: LogitLensFigure.defaultPositions(count: analysis.tokens.count))
                }
            }
        }
        let tokens = options.generateTokens
        self.generation = Once { [analysis] in
            Parallel.serially { Result { try Self.generate(tokens, after: analysis) } }
        }
    }

    /// Candidates shown beside each generated token.
    static let generationRunnersUp = 4

    /// Every figure of the report, in page order.
    public func recipes() throws -> [ReportRecipe] {
        let layerCount = analysis.model.configuration.layerCount
        for layer in options.layers ?? [] where !(0..<layerCount).contains(layer) {
            throw ReportError.layerOutOfRange(layer: layer, layerCount: layerCount)
        }
        let all = tokenRecipes() + embeddingRecipes() + positionRecipes() + attentionRecipes()
            + residualRecipes() + predictionRecipes() + parameterRecipes()
        // Chapters are assembled in order already; a stable sort keeps that promise explicit.
        return all.enumerated().sorted { ($0.element.item.section, $0.offset) < ($1.element.item.section, $1.offset) }
            .map(\.element)
    }

    /// The layers that get figures of their own.
    var layers: [Int] { options.selectedLayers(layerCount: analysis.model.configuration.layerCount) }

    /// "model · “prompt”", for figure subtitles the report adds.
    var context: String { "\(analysis.modelName) · \(analysis.promptForTitle())" }
}
