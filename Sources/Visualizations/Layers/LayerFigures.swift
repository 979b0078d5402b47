import Charts
import GPTModel

/// The "through the layers" figures of a prompt run: residual-stream norms, the logit lens,
/// the final next-token probabilities, a generation's candidates, and the loaded model's
/// parameters. Each returns a `Figure`; the caller picks PNG, SVG or PDF.
///
/// ```swift
/// let analysis = try PromptAnalysis.run(model: model, modelName: "gpt2", ids: ids, tokenizer: tokenizer,
///                                       hooks: LayerFigures.hooks(for: model))
/// try LayerFigures.logitLens(analysis).write(to: URL(fileURLWithPath: "output/logit-lens.png"))
/// ```
public enum LayerFigures {
    /// Without a `range`, the logit lens shows the whole prompt up to this many positions, else
    /// the last this many (a cell holds a token's text, so wider tables stop being readable).
    public static let lensMaximumPositions = 24

    /// The most bars ``nextToken(_:position:topK:)`` draws: 100 bars already make a figure
    /// 3,220 points tall (25,760 pixels at PNG scale 8, near the 32,767 a PNG side may have).
    public static let nextTokenMaximumTopK = 100

    /// The hooks these figures read (the residual stream entering every block and leaving the
    /// last one): record only these to keep long prompts cheap.
    public static func hooks(for model: GPT) -> HookFilter {
        HookFilter(ResidualNorms.stages(layerCount: model.configuration.layerCount))
    }

    /// Residual-stream norm per stage and position (heatmap, embeddings at the bottom) over the
    /// mean norm per stage (line chart), for `range` of positions (all when nil).
    public static func residualNorms(_ analysis: PromptAnalysis, range: Range<Int>? = nil) throws -> Figure {
        try ResidualNormFigure.make(analysis, range: range)
    }

    /// The logit lens as a coloured table: every stage (rows, embeddings at the bottom) decoded
    /// through `ln_f` and the unembedding at each position of `range` (columns); a cell shows the
    /// top token and its probability. Without `range`: the whole prompt up to
    /// ``lensMaximumPositions`` positions, otherwise its last ``lensMaximumPositions``.
    public static func logitLens(_ analysis: PromptAnalysis, range: Range<Int>? = nil) throws -> Figure {
        try LogitLensFigure.make(analysis, range: range)
    }

    /// The logit-lens table for a readout already computed (the report computes it once for the
    /// figure and the saved tensors).
    public static func logitLens(_ analysis: PromptAnalysis, lens: LogitLens) -> Figure {
        LogitLensFigure.make(analysis, lens: lens)
    }

    /// The model's next-token probabilities at `position` (nil: the last; negative counts from
    /// the end) as bars: the `topK` most probable tokens and the rest, the prompt's actual next
    /// token in green when it is among them. `topK` is at most ``nextTokenMaximumTopK``.
    public static func nextToken(_ analysis: PromptAnalysis, position: Int? = nil, topK: Int = 10) throws -> Figure {
        try NextTokenFigure.make(analysis, position: position, topK: topK)
    }

    /// A generation step by step: one row per step with the candidates as chips coloured by
    /// probability, the chosen token outlined (the first `maximumSteps` steps).
    public static func generation(_ record: GenerationRecord, maximumSteps: Int = 512) throws -> Figure {
        try GenerationFigure.make(record, maximumSteps: maximumSteps)
    }

    /// The loaded model's parameters component by component (``ParameterFigures/breakdown(_:)``
    /// for its own configuration).
    public static func parameterBreakdown(_ configuration: GPTConfiguration) -> Figure {
        ModelParameterFigures.breakdown(configuration)
    }

    /// The loaded model's parameter total and component shares beside GPT-1, GPT-2 (4 sizes)
    /// and GPT-3 (8 sizes), on a log axis (``ParameterFigures/comparison(_:logScale:)``).
    public static func parameterComparison(_ configuration: GPTConfiguration) -> Figure {
        ModelParameterFigures.comparison(configuration)
    }
}
