import Charts
import FileAccess
import Foundation
import GPTModel
import OutputFolders
import TensorCore
import Tokenization

/// Writes a whole report into one folder: every figure (PNG + SVG by default), the tensors they
/// were drawn from (`tensors.safetensors`), `summary.json` and `index.html`.
///
/// Everything is written into a hidden folder beside the destination and moved into place at
/// the end, so an error never leaves a half-written report (an older report at the same path
/// stays untouched until the new one is complete). Given the prompt's ids rather than its
/// analysis, the writer runs the prompt itself and draws the figures of the model alone
/// meanwhile (see ``ReportRun``).
/// A folder that holds anything but an earlier report is never replaced unless the caller says
/// so (see ``outputFolder(_:replacing:)``).
///
/// ```swift
/// let writer = ReportWriter(model: gpt, modelName: "gpt2", ids: ids, tokenizer: tokenizer)
/// let result = try await writer.write(to: URL(fileURLWithPath: "output/gpt2"))
/// ```
public struct ReportWriter: Sendable {
    /// What the report is about.
    enum Source: Sendable {
        /// A prompt already run through the model.
        case analysis(PromptAnalysis)
        /// Token ids (checked by the caller) still to run through the model.
        case prompt(ids: [Int])
    }

    /// The model, its short name and its tokenizer.
    let model: GPT
    let modelName: String
    let tokenizer: Tokenizer?
    let source: Source
    /// Language, formats, layers, scale.
    public let options: ReportOptions

    /// Name of the tensors file inside the report folder.
    public static let tensorsFile = "tensors.safetensors"
    /// Name of the JSON summary.
    public static let summaryFile = "summary.json"
    /// Name of the page.
    public static let pageFile = "index.html"

    /// A writer for a prompt already analysed.
    public init(analysis: PromptAnalysis, options: ReportOptions = ReportOptions()) {
        model = analysis.model
        modelName = analysis.modelName
        tokenizer = analysis.tokenizer
        source = .analysis(analysis)
        self.options = options
    }

    /// A writer that runs `ids` through `model` (recording the hooks of
    /// ``ReportPlanner/recordedHooks(model:options:tokens:)``: those its figures read, or every hook
    /// for ``ReportTensors/all``) as part of writing the report, with `tokenizer` (nil: ids are their own labels) naming the tokens.
    public init(model: GPT, modelName: String, ids: [Int], tokenizer: Tokenizer?, options: ReportOptions = ReportOptions()) {
        self.model = model
        self.modelName = modelName
        self.tokenizer = tokenizer
        source = .prompt(ids: ids)
        self.options = options
    }

    /// Writes the report to `folder` (created, or replaced when it is empty or holds an older
    /// report; any other folder only when `replacing` is ``OutputFolder/Replacing/anyFolder``),
    /// calling `progress` as steps finish. Bad options and an unusable `folder` fail before any
    /// work. Cancelling the calling task stops the figures still to start; the error leaves no
    /// files behind.
    public func write(to folder: URL, replacing: OutputFolder.Replacing = .ownFolders,
                      progress: (ReportProgress) -> Void = { _ in }) async throws -> ReportResult {
        try await write(to: ReportFolder(folder, replacing: replacing), progress: progress)
    }

    /// Writes the report to a folder already checked (the URL version checks it first).
    public func write(to checked: ReportFolder, progress: (ReportProgress) -> Void = { _ in }) async throws -> ReportResult {
        try checkOptions()
        let folder = checked.url
        let staging = try Self.outputFolder(folder, replacing: checked.replacing).stage()
        do {
            // Every job has returned when `run` does, so nothing writes into the staging folder after it.
            var run = ReportRun(writer: self, staging: staging)
            let outcome = try await run.run(width: Self.width, progress: progress)
            let analysis = outcome.analysis
            var files = outcome.figures.flatMap(\.files)
            let figures = outcome.figures.map(\.figure)
            if options.tensors != .none {
                files.append(ReportResult.File(name: Self.tensorsFile, bytes: try staging.size(of: Self.tensorsFile)))
            }

            let total = figures.count + 3
            progress(ReportProgress(completed: figures.count + 1, total: total, label: Self.summaryFile))
            let predictions = ReportPrediction.top(options.topK, of: analysis)
            let summary = makeSummary(analysis, figures: figures, predictions: predictions, tensors: outcome.tensorNames)
            let summaryBytes = try staging.write(summary.encoded(), named: Self.summaryFile)
            files.append(ReportResult.File(name: Self.summaryFile, bytes: summaryBytes))

            progress(ReportProgress(completed: figures.count + 2, total: total, label: Self.pageFile))
            let page = ReportPage(
                language: options.language, modelName: analysis.modelName, modelDescription: modelDescription,
                prompt: analysis.tokens.text, tokenCount: analysis.tokens.count, figures: figures,
                predictions: predictions, tensorsFile: options.tensors == .none ? "" : Self.tensorsFile,
                summaryFile: Self.summaryFile, explainers: try explainerFacts(analysis), tensorsNote: options.tensors.pageNote(
                    pooling: AttentionFigures.layerPooling(tokens: analysis.tokens.count, heads: analysis.model.configuration.headCount)))
            let pageBytes = try staging.write(Data(ReportHTML.render(page).utf8), named: Self.pageFile)
            files.append(ReportResult.File(name: Self.pageFile, bytes: pageBytes))

            try staging.commit()
            progress(ReportProgress(completed: total, total: total, label: "done"))
            return ReportResult(folder: folder, files: files, figureCount: figures.count)
        } catch {
            staging.discard()
            throw error
        }
    }

    /// The explainer box's numbers for this prompt: presets and GPT-2's tokenizer for the fixed
    /// facts; the prompt's own tokens (the model's tokenizer) for tokens per word.
    private func explainerFacts(_ analysis: PromptAnalysis) throws -> ExplainerFacts {
        let gpt2 = try Tokenizer.gpt2()
        var facts = try ExplainerFacts(prompt: analysis.tokens.text, tokenizer: tokenizer ?? gpt2,
                                       tokenizerName: analysis.modelName, gpt2Tokenizer: gpt2,
                                       fallbackChineseSample: ExplainerFacts.chineseSample(for: options.language))
        facts.promptTokens = analysis.tokens.count
        return facts
    }

    /// Throws unless the options fit the model and the page: PNG among the formats, layers that exist.
    private func checkOptions() throws {
        guard options.formats.contains(.png) else { throw ReportError.noRasterFormat }
        try ReportPlanner.checkLayers(options, layerCount: model.configuration.layerCount)
    }

    /// Jobs running at once: one per core, at most 4 (each figure holds its pixels).
    static var width: Int { min(4, Parallel.coreCount) }

    /// "GPT-2 style (pre-norm) · 12 layers · 12 heads · d_model 768 · …" in the page's language.
    var modelDescription: String {
        let c = model.configuration
        let postNorm = c.normPlacement == .postNorm
        let n = NumberFormat.thousands
        let total = n(ParameterBreakdown(c).total)
        switch options.language {
        case .en:
            return [postNorm ? "GPT-1 style (post-norm)" : "GPT-2 style (pre-norm)", "\(c.layerCount) layers",
                    "\(c.headCount) heads", "d_model \(c.embeddingWidth)", "vocabulary \(n(c.vocabularySize))",
                    "context \(n(c.contextLength))", "\(total) parameters"].joined(separator: " · ")
        case .zh, .zhHant:
            return options.language.chinese([postNorm ? "GPT-1 式（后置归一化）" : "GPT-2 式（前置归一化）", "\(c.layerCount) 层",
                    "每层 \(c.headCount) 个注意力头", "d_model \(c.embeddingWidth)", "词表 \(n(c.vocabularySize))",
                    "上下文 \(n(c.contextLength))", "共 \(total) 个参数"].joined(separator: " · "))
        }
    }

    /// `value` as compact JSON (for safetensors metadata strings).
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
