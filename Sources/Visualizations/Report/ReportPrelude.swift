import Charts
import Foundation
import GPTModel
import TensorCore
import Tokenization

/// The figures of a report that depend on the model alone — the word-embedding PCA, the
/// position tables and the parameter counts — drawn on a background thread as soon as the model
/// is loaded, while the prompt is still running through it.
///
/// They are the report's most expensive figures (full-context position tables), and the
/// forward pass leaves a core partly idle. Hand the prelude to ``ReportWriter``, which then
/// writes these figures instead of drawing them again:
///
/// ```swift
/// let prelude = ReportPrelude(model: gpt, modelName: "gpt2", tokenizer: tokenizer, options: options)
/// let analysis = try PromptAnalysis.run(model: gpt, modelName: "gpt2", ids: ids, tokenizer: tokenizer)
/// let result = try ReportWriter(analysis: analysis, options: options, prelude: prelude).write(to: folder)
/// ```
public final class ReportPrelude: @unchecked Sendable {
    /// One figure, drawn and encoded in every format of the options.
    struct Prepared: Sendable {
        /// The figure (for its size).
        var figure: Figure
        /// The encoded files, in the options' format order.
        var files: [(format: OutputFormat, data: Data)]
        /// Seconds spent building the figure and encoding each format.
        var seconds: [String: Double]
    }

    /// The model's name and configuration, to match the analysis the writer gets.
    let modelName: String
    let configuration: GPTConfiguration
    /// The options the figures were drawn with.
    let formats: [OutputFormat]
    let scale: Double
    let words: [String]?
    private let indexOfStem: [String: Int]
    private let workers: FigureWorkers<Prepared>
    /// Results already taken from `workers` (which hands each one out once), guarded by `lock`.
    private var taken: [Int: Result<Prepared, any Error>] = [:]
    private let lock = NSLock()

    /// Starts drawing the model-only figures of a report on `model` (with its `tokenizer`, which
    /// must be the one the prompt's analysis uses) with `options`.
    public init(model: GPT, modelName: String, tokenizer: Tokenizer?, options: ReportOptions) {
        self.modelName = modelName
        configuration = model.configuration
        formats = options.formats
        scale = options.scale
        words = options.words
        // Page order: the words come first (embeddings), then positions, then parameters.
        let recipes = ReportPlanner.wordRecipes(model: model, modelName: modelName, tokenizer: tokenizer, words: options.words)
            + ReportPlanner.positionTableRecipes(model: model, modelName: modelName)
            + ReportPlanner.parameterRecipes(configuration: model.configuration)
        indexOfStem = Dictionary(uniqueKeysWithValues: recipes.enumerated().map { ($1.item.stem, $0) })
        let formats = options.formats, scale = options.scale
        // One thread: it fills the core the forward pass leaves idle, in page order.
        workers = FigureWorkers(count: recipes.count, workers: 1) { index in
            try Parallel.serially { try Self.render(recipes[index], formats: formats, scale: scale) }
        }
    }

    /// Whether this prelude was drawn for `analysis`'s model with these formats and scale.
    func matches(_ analysis: PromptAnalysis, _ options: ReportOptions) -> Bool {
        analysis.modelName == modelName && analysis.model.configuration == configuration
            && options.formats == formats && options.scale == scale && options.words == words
    }

    /// The figure `stem`, waiting for it if it is still being drawn; nil when the prelude has
    /// no such figure. Rethrows the error its drawing met.
    func prepared(_ stem: String) throws -> Prepared? {
        guard let index = indexOfStem[stem] else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let result = taken[index] { return try result.get() }
        let result = Result { try workers.result(index) }
        taken[index] = result
        return try result.get()
    }

    /// Builds the figure and encodes it in every format, timing each step.
    static func render(_ recipe: ReportRecipe, formats: [OutputFormat], scale: Double) throws -> Prepared {
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }
        let figure = try recipe.build().figure
        var seconds = ["build": lap()]
        var files: [(format: OutputFormat, data: Data)] = []
        for format in formats {
            switch format {
            case .png: files.append((format, try figure.pngData(scale: scale)))
            case .svg: files.append((format, Data(try figure.svg().utf8)))
            case .pdf: files.append((format, try figure.pdfData()))
            }
            seconds[format.rawValue] = lap()
        }
        return Prepared(figure: figure, files: files, seconds: seconds)
    }
}
