import Charts
import FileAccess
import Foundation
import GPTModel
import OutputFolders
import TensorCore

extension ReportWriter {
    /// Builds one figure from `shared` and writes it in every format into `staging`, timing the
    /// build and each encoding.
    func writeFigure(_ recipe: ReportRecipe, shared: ReportShared, into staging: OutputStaging) throws -> (ReportPage.Figure, [ReportResult.File]) {
        let stem = recipe.item.stem
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }
        do {
            let figure = try recipe.build(shared).figure.localized(options.language)
            var seconds = ["build": lap()]
            var written: [ReportResult.File] = []
            for format in options.formats {
                let data: Data
                switch format {
                case .png: data = try figure.pngData(scale: options.scale)
                case .svg: data = Data(try figure.svg().utf8)
                case .pdf: data = try figure.pdfData()
                }
                seconds[format.rawValue] = lap()
                let name = "\(stem).\(format.rawValue)"
                try staging.write(data, named: name)
                written.append(ReportResult.File(name: name, bytes: data.count))
            }
            return (ReportPage.Figure(item: recipe.item, width: figure.width, height: figure.height,
                                      files: written.map(\.name), seconds: seconds), written)
        } catch let error as ReportError {
            throw error
        } catch let error as OutputFolderError {
            throw error   // a full disk is not a drawing problem
        } catch {
            throw ReportError.figureFailed(stem: stem, reason: FileAccess.describe(error))
        }
    }

    /// Saves the recorded hooks ``ReportOptions/tensors`` asks for (those the figures were
    /// drawn from, attention patterns as float16 — a long prompt's as the figures draw them,
    /// see ``ReportPlanner/pooledPatterns()``; or every recorded hook as float32) plus the
    /// planner's derived tensors, as one safetensors file with the token ids and strings in its
    /// metadata, written tensor by tensor. Returns the names saved.
    func writeTensors(for items: [ReportItem], of analysis: PromptAnalysis, derived: [String: Tensor], metadata extra: [String: String],
                      into staging: OutputStaging) throws -> [String] {
        var entries: [String: ReportTensorsFile.Entry] = [:]
        switch options.tensors {
        case .none:
            return []
        case .figures:
            var byName: [String: HookName] = [:]
            for name in analysis.cache.names { byName[name.description] = name }
            for hook in items.flatMap(\.hooks) where entries[hook] == nil {
                guard let name = byName[hook], let source = Self.source(name, in: analysis.cache) else { continue }
                // A long prompt's patterns are saved as the figures draw them (among the derived tensors).
                if case .pattern(let layer) = name, derived[ReportPlanner.pooledPatternName(layer)] != nil { continue }
                entries[hook] = ReportTensorsFile.Entry(name: hook, source: source, dtype: Self.isPattern(name) ? .f16 : .f32)
            }
        case .all:
            for name in analysis.cache.names {
                guard let source = Self.source(name, in: analysis.cache) else { continue }
                entries[name.description] = ReportTensorsFile.Entry(name: name.description, source: source, dtype: .f32)
            }
        }
        for (name, tensor) in derived {
            // Pooled patterns and the closer look's head are attention weights: float16 like the patterns.
            let weights = name.contains(".attn.hook_pattern.")
            entries[name] = ReportTensorsFile.Entry(name: name, tensor: tensor, dtype: weights ? .f16 : .f32)
        }
        let metadata = [
            "format": "gptscope.activations/1",
            "model": analysis.modelName,
            "prompt": analysis.tokens.text,
            "token_ids": Self.json(analysis.tokens.ids),
            "token_strings": Self.json(analysis.tokens.labels),
        ].merging(extra) { own, _ in own }
        try ReportTensorsFile.write(Array(entries.values), metadata: metadata, named: Self.tensorsFile, into: staging)
        return entries.keys.sorted()
    }

    /// The recorded value at `name`, packed scores and patterns left packed (unpacked while written).
    static func source(_ name: HookName, in cache: ActivationCache) -> ReportTensorsFile.Source? {
        if let packed = cache.causalScores(name) { return .causal(packed) }
        return cache[name].map { .dense($0) }
    }

    /// Whether `name` is an attention pattern (weights in 0…1, saved as float16 with ``ReportTensors/figures``).
    static func isPattern(_ name: HookName) -> Bool {
        if case .pattern = name { return true }
        return false
    }

    /// The summary of the report on `analysis`.
    func makeSummary(_ analysis: PromptAnalysis, figures: [ReportPage.Figure], predictions: [ReportPrediction], tensors: [String]) -> ReportSummary {
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
            tensorsFile: options.tensors == .none ? "" : Self.tensorsFile, tensors: tensors)
    }
}
