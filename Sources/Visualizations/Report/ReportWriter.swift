import Charts
import Foundation
import GPTModel
import OutputFolders
import TensorCore

/// Writes a whole report into one folder: every figure (PNG + SVG by default), the tensors they
/// were drawn from (`tensors.safetensors`), `summary.json` and `index.html`.
///
/// Everything is written into a hidden folder beside the destination and moved into place at
/// the end, so an error never leaves a half-written report (an older report at the same path
/// stays untouched until the new one is complete). A folder that holds anything but an earlier
/// report is never replaced unless the caller says so (see ``outputFolder(_:replacing:)``).
///
/// ```swift
/// let analysis = try PromptAnalysis.run(model: gpt, modelName: "gpt2", ids: ids, tokenizer: tokenizer)
/// let result = try ReportWriter(analysis: analysis).write(to: URL(fileURLWithPath: "output/gpt2"))
/// ```
public struct ReportWriter: Sendable {
    /// The analysed prompt.
    public let analysis: PromptAnalysis
    /// Language, formats, layers, scale.
    public let options: ReportOptions
    /// Model-only figures drawn while the prompt ran (used when it matches the analysis).
    public let prelude: ReportPrelude?

    /// Name of the tensors file inside the report folder.
    public static let tensorsFile = "tensors.safetensors"
    /// Name of the JSON summary.
    public static let summaryFile = "summary.json"
    /// Name of the page.
    public static let pageFile = "index.html"

    /// A writer for `analysis`; `prelude`, made for the same model and options, supplies the
    /// figures it has already drawn (one made for another model or options is ignored).
    public init(analysis: PromptAnalysis, options: ReportOptions = ReportOptions(), prelude: ReportPrelude? = nil) {
        self.analysis = analysis
        self.options = options
        self.prelude = prelude.flatMap { $0.matches(analysis, options) ? $0 : nil }
    }

    /// Writes the report to `folder` (created, or replaced when it is empty or holds an older
    /// report; any other folder only when `replacing` is ``OutputFolder/Replacing/anyFolder``),
    /// calling `progress` before each step.
    public func write(to folder: URL, replacing: OutputFolder.Replacing = .ownFolders,
                      progress: (ReportProgress) -> Void = { _ in }) throws -> ReportResult {
        guard options.formats.contains(.png) else { throw ReportError.noRasterFormat }
        // One planner for the figures and the derived tensors, so they share its logit lens.
        let planner = ReportPlanner(analysis: analysis, options: options)
        let recipes = try planner.recipes()
        let staging = try Self.outputFolder(folder, replacing: replacing).stage()
        // The tensors file needs no Cairo: its derived tensors (the logit lens readout, a product
        // with the whole unembedding) are computed and the file written on another thread while
        // the figures are drawn. The items say which hooks to save before any figure exists.
        let items = recipes.map(\.item)
        let tensorsJob = BackgroundResult { [self] in
            Result { try writeTensors(for: items, derived: planner.derivedTensors(), metadata: planner.derivedMetadata(),
                                      into: staging) }
        }
        // Figures are drawn and encoded on every core (Cairo's font calls are serialised inside
        // CairoKit); results come back in page order, so progress reads as before.
        // The figures go into the staging folder; `folder` (the destination) is what the result names.
        let workers = FigureWorkers(count: recipes.count, workers: Self.figureWorkerCount) { [self] index in
            // One worker per core already: a figure's own products stay on its thread.
            try Parallel.serially { try writeFigure(recipes[index], into: staging) }
        }
        do {
            let total = recipes.count + 3
            var files: [ReportResult.File] = []
            var figures: [ReportPage.Figure] = []
            for (index, recipe) in recipes.enumerated() {
                progress(ReportProgress(completed: index, total: total, label: recipe.item.stem))
                let (figure, written) = try workers.result(index)
                figures.append(figure)
                files += written
            }
            workers.finish()
            progress(ReportProgress(completed: recipes.count, total: total, label: Self.tensorsFile))
            let tensorNames = try tensorsJob.value.get()
            files.append(ReportResult.File(name: Self.tensorsFile, bytes: try staging.size(of: Self.tensorsFile)))

            progress(ReportProgress(completed: recipes.count + 1, total: total, label: Self.summaryFile))
            let predictions = ReportPrediction.top(options.topK, of: analysis)
            let summary = makeSummary(figures: figures, predictions: predictions, tensors: tensorNames)
            let summaryBytes = try staging.write(summary.encoded(), named: Self.summaryFile)
            files.append(ReportResult.File(name: Self.summaryFile, bytes: summaryBytes))

            progress(ReportProgress(completed: recipes.count + 2, total: total, label: Self.pageFile))
            let page = ReportPage(
                language: options.language, modelName: analysis.modelName, modelDescription: modelDescription,
                prompt: analysis.tokens.text, tokenCount: analysis.tokens.count, figures: figures,
                predictions: predictions, tensorsFile: Self.tensorsFile, summaryFile: Self.summaryFile)
            let pageBytes = try staging.write(Data(ReportHTML.render(page).utf8), named: Self.pageFile)
            files.append(ReportResult.File(name: Self.pageFile, bytes: pageBytes))

            try staging.commit()
            progress(ReportProgress(completed: total, total: total, label: "done"))
            return ReportResult(folder: folder, files: files, figureCount: figures.count)
        } catch {
            // Stop the figure workers before removing the folder they write into.
            workers.cancel()
            workers.finish()
            _ = tensorsJob.value   // it writes into the folder too
            staging.discard()
            throw error
        }
    }

    /// Threads drawing figures: one per core, at most 4 (each holds one figure's pixels).
    static var figureWorkerCount: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Builds one figure (or takes it from the prelude) and writes it in every format.
    private func writeFigure(_ recipe: ReportRecipe, into staging: OutputStaging) throws -> (ReportPage.Figure, [ReportResult.File]) {
        let stem = recipe.item.stem
        do {
            let prepared = try prelude?.prepared(stem)
                ?? ReportPrelude.render(recipe, formats: options.formats, scale: options.scale)
            var written: [ReportResult.File] = []
            for (format, data) in prepared.files {
                let name = "\(stem).\(format.rawValue)"
                try staging.write(data, named: name)
                written.append(ReportResult.File(name: name, bytes: data.count))
            }
            return (ReportPage.Figure(item: recipe.item, width: prepared.figure.width, height: prepared.figure.height,
                                      files: written.map(\.name), seconds: prepared.seconds), written)
        } catch let error as ReportError {
            throw error
        } catch let error as OutputFolderError {
            throw error   // a full disk is not a drawing problem
        } catch {
            throw ReportError.figureFailed(stem: stem, reason: "\(error)")
        }
    }

    /// Saves every recorded hook the figures used, plus the planner's derived tensors, as one
    /// safetensors file with the token ids and strings in its metadata.
    private func writeTensors(for items: [ReportItem], derived: [String: Tensor], metadata extra: [String: String],
                              into staging: OutputStaging) throws -> [String] {
        var byName: [String: HookName] = [:]
        for name in analysis.cache.names { byName[name.description] = name }
        var tensors: [String: Tensor] = [:]
        for hook in items.flatMap(\.hooks) {
            if let name = byName[hook], let tensor = analysis.cache[name] { tensors[hook] = tensor }
        }
        for (name, tensor) in derived {
            tensors[name] = tensor
        }
        let metadata = [
            "format": "gptscope.activations/1",
            "model": analysis.modelName,
            "prompt": analysis.tokens.text,
            "token_ids": Self.json(analysis.tokens.ids),
            "token_strings": Self.json(analysis.tokens.labels),
        ].merging(extra) { own, _ in own }
        try staging.write(SafetensorsWriter.encode(tensors, metadata: metadata), named: Self.tensorsFile)
        return tensors.keys.sorted()
    }

    private func makeSummary(figures: [ReportPage.Figure], predictions: [ReportPrediction], tensors: [String]) -> ReportSummary {
        let t = analysis.tokens
        return ReportSummary(
            model: analysis.modelName, configuration: analysis.model.configuration, language: options.language,
            scale: options.scale,
            prompt: t.text,
            tokens: (0..<t.count).map { ReportSummary.Token(position: $0, id: t.ids[$0], label: t.labels[$0]) },
            predictions: predictions,
            figures: figures.map {
                ReportSummary.FigureRecord(stem: $0.item.stem, section: $0.item.section,
                                           title: $0.item.title[options.language], files: $0.files, hooks: $0.item.hooks,
                                           width: $0.width, height: $0.height, seconds: $0.seconds)
            },
            tensorsFile: Self.tensorsFile, tensors: tensors)
    }

    /// "GPT-2 style (pre-norm) · 12 layers · 12 heads · d_model 768 · …" in the page's language.
    var modelDescription: String {
        let c = analysis.model.configuration
        let postNorm = c.normPlacement == .postNorm
        let n = NumberFormat.thousands
        let total = n(ParameterBreakdown(c).total)
        switch options.language {
        case .en:
            return [postNorm ? "GPT-1 style (post-norm)" : "GPT-2 style (pre-norm)", "\(c.layerCount) layers",
                    "\(c.headCount) heads", "d_model \(c.embeddingWidth)", "vocabulary \(n(c.vocabularySize))",
                    "context \(n(c.contextLength))", "\(total) parameters"].joined(separator: " · ")
        case .zh:
            return [postNorm ? "GPT-1 式（后置归一化）" : "GPT-2 式（前置归一化）", "\(c.layerCount) 层",
                    "每层 \(c.headCount) 个注意力头", "d_model \(c.embeddingWidth)", "词表 \(n(c.vocabularySize))",
                    "上下文 \(n(c.contextLength))", "共 \(total) 个参数"].joined(separator: " · ")
        }
    }

    /// `value` as compact JSON (for safetensors metadata strings).
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
