import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// Whole reports written from the fixture model: files, summary, tensors, atomic replacement.
@Suite("Report writer")
struct ReportWriterTests {
    @Test("writes every figure as PNG and SVG, the page, the summary and the tensors; nothing else")
    func writesEverything() async throws {
        let analysis = try ReportFixture.analysis()
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var steps: [ReportProgress] = []
        let result = try await ReportWriter(analysis: analysis).write(to: folder) { steps.append($0) }

        let recipes = try ReportPlanner(analysis: analysis).recipes()
        let stems = recipes.map(\.item.stem)
        let expected = Set(stems.flatMap { ["\($0).png", "\($0).svg"] } + ["index.html", "summary.json", "tensors.safetensors"])
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(onDisk == expected)
        #expect(Set(result.files.map(\.name)) == expected)
        #expect(result.figureCount == recipes.count)
        for file in result.files {
            let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file.name).path)[.size] as? NSNumber
            #expect(size?.intValue == file.bytes, "\(file.name)")
        }
        // PNGs are real PNGs.
        for stem in stems {
            let png = try Data(contentsOf: folder.appendingPathComponent("\(stem).png"))
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(stem).png")
        }
        // Progress only counts up, every step once, ending complete.
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.completed <= $1.completed })
        #expect(steps.last?.completed == steps.last?.total)
        #expect(steps.allSatisfy { $0.total == recipes.count + 3 })

        let html = try String(contentsOf: result.page, encoding: .utf8)
        #expect(ReportFixture.imageSources(html) == stems.map { "\($0).png" })
        // No staging folder is left beside the report.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix("." + folder.lastPathComponent) })
    }

    @Test("summary.json: model, prompt, tokens, predictions and figures match the analysis")
    func summary() async throws {
        let analysis = try ReportFixture.analysis()
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await ReportWriter(analysis: analysis, options: ReportOptions(topK: 5)).write(to: folder)
        let data = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
        let summary = try JSONDecoder().decode(ReportSummary.self, from: data)
        #expect(summary.schema == "gptscope.report/1")
        #expect(summary.model == "gpt2-fullvocab" && summary.configuration.layerCount == 2)
        #expect(summary.prompt == "The cat sat. 你好")
        #expect(summary.tokens.map(\.id) == analysis.tokens.ids)
        #expect(summary.tokens.map(\.label) == analysis.tokens.labels)
        #expect(summary.figures.map(\.stem) == (try ReportPlanner(analysis: analysis).recipes()).map(\.item.stem))
        // Predictions: probabilities of the last row's softmax, computed here independently.
        #expect(summary.predictions.count == 5)
        // Each prediction is one flat JSON object: its rank beside the token's id, label and probability.
        #expect(summary.predictions.map(\.rank) == [1, 2, 3, 4, 5])
        let raw = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let first = try #require((raw?["predictions"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["rank", "id", "label", "probability"])
        let v = analysis.logits.shape[1], t = analysis.tokens.count
        let row = analysis.logits.scalars[(t - 1) * v ..< t * v].map(Double.init)
        let m = row.max() ?? 0
        let z = row.reduce(0) { $0 + exp($1 - m) }
        let best = row.indices.max { row[$0] < row[$1] } ?? -1
        #expect(summary.predictions[0].id == best)
        #expect(abs(summary.predictions[0].probability - exp(row[best] - m) / z) < 1e-6)
        #expect(zip(summary.predictions, summary.predictions.dropFirst()).allSatisfy { $0.probability >= $1.probability })
    }

    @Test("tensors.safetensors holds every hook a figure names, with the token ids in its metadata")
    func tensors() async throws {
        let analysis = try ReportFixture.analysis()
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await ReportWriter(analysis: analysis).write(to: folder)
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("tensors.safetensors"))
        let used = Set(try ReportPlanner(analysis: analysis).recipes().flatMap(\.item.hooks))
        #expect(used.isSubset(of: Set(file.names)))
        for name in used {
            let hook = try #require(analysis.cache.names.first { $0.description == name })
            #expect(file.entries[name]?.shape == analysis.cache[hook]?.shape)
        }
        #expect(file.metadata["token_ids"] == "[" + analysis.tokens.ids.map(String.init).joined(separator: ",") + "]")
        #expect(file.metadata["model"] == "gpt2-fullvocab")
        // Of the logits only the last position's row is kept: the next-token chart's input.
        #expect(!file.names.contains("logits"))
        let v = analysis.logits.shape[1], t = analysis.tokens.count
        #expect(try file.tensor(named: "next_token_logits").scalars == Array(analysis.logits.scalars[(t - 1) * v ..< t * v]))
        // The generation: the first step's chosen token is the argmax of the prompt's last logits,
        // with its softmax probability, computed here in Double.
        let row = analysis.logits.scalars[(t - 1) * v ..< t * v].map(Double.init)
        let best = row.indices.max { row[$0] < row[$1] } ?? -1
        let z = row.reduce(0) { $0 + exp($1 - row[best]) }
        let ids = try file.tensor(named: "generation.ids"), probabilities = try file.tensor(named: "generation.probabilities")
        #expect(ids.shape == [8, 1 + ReportPlanner.generationRunnersUp] && probabilities.shape == ids.shape)
        #expect(Int(ids.scalars[0]) == best)
        #expect(abs(Double(probabilities.scalars[0]) - 1 / z) < 1e-6)
        // The words: each row is the mean of its tokens' wte rows (" king" is one GPT-2 token).
        let words = try file.tensor(named: "words.embeddings")
        #expect(words.shape == [ReportOptions.defaultWords.count, analysis.model.configuration.embeddingWidth])
        let king = try #require(analysis.tokenizer?.encode(" king"))
        #expect(king.count == 1)
        let c = analysis.model.configuration.embeddingWidth
        #expect(Array(words.scalars[0 ..< c]) == analysis.model.embedding.tokenTable.rows(king[0] ..< king[0] + 1).scalars)
        #expect(file.metadata["words"]?.hasPrefix("[\"king\",\"queen\"") == true)
    }

    @Test("an older report at the same path is replaced whole")
    func replaces() async throws {
        let analysis = try ReportFixture.analysis()
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An older report (its summary.json says so), with a figure the new one does not draw.
        _ = try await ReportWriter(analysis: analysis, options: ReportOptions(formats: [.png])).write(to: folder)
        try Data("old".utf8).write(to: folder.appendingPathComponent("stale.png"))
        _ = try await ReportWriter(analysis: analysis).write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains("stale.png") && names.contains("index.html"))
    }

    @Test("bad input fails with one line and leaves nothing behind")
    func failures() async throws {
        let analysis = try ReportFixture.analysis()
        let parent = ReportFixture.temporaryFolder()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)

        func expectFailure(_ folder: URL, _ options: ReportOptions, mentions: String) async {
            do {
                _ = try await ReportWriter(analysis: analysis, options: options).write(to: folder)
                Issue.record("expected an error for \(folder.path)")
            } catch {
                let text = "\(error)"
                #expect(!text.contains("\n") && text.contains(mentions), "\(text)")
            }
        }
        await expectFailure(file, ReportOptions(), mentions: "is a file")
        await expectFailure(file.appendingPathComponent("report"), ReportOptions(), mentions: "is a file, not a folder")
        await expectFailure(parent.appendingPathComponent("r1"), ReportOptions(layers: [7]), mentions: "layers 0–1")
        await expectFailure(parent.appendingPathComponent("r2"), ReportOptions(formats: [.svg]), mentions: "png")
        // A failure while drawing (PNGs too large to allocate) discards the partial folder; the
        // figure that failed first is named.
        await expectFailure(parent.appendingPathComponent("r3"), ReportOptions(scale: 1000), mentions: "could not draw ")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["a-file"])
    }

    @Test("running the prompt inside the writer gives byte for byte the files of writing its analysis recorded alike",
          arguments: [ReportTensors.figures, .all])
    func sameFilesFromPrompt(tensors: ReportTensors) async throws {
        // The writer records the hooks its tensors file needs; the analysis records the same.
        let full = try ReportFixture.analysis()
        let options = ReportOptions(tensors: tensors)
        let analysis = try PromptAnalysis.run(model: full.model, modelName: full.modelName, ids: full.tokens.ids, tokenizer: full.tokenizer,
                                              hooks: ReportPlanner.recordedHooks(model: full.model, options: options, tokens: full.tokens.count))
        let fromPrompt = ReportFixture.temporaryFolder(), fromAnalysis = ReportFixture.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: fromPrompt)
            try? FileManager.default.removeItem(at: fromAnalysis)
        }
        _ = try await ReportWriter(model: analysis.model, modelName: analysis.modelName, ids: analysis.tokens.ids,
                                   tokenizer: analysis.tokenizer, options: options).write(to: fromPrompt)
        _ = try await ReportWriter(analysis: analysis, options: options).write(to: fromAnalysis)
        let names = try FileManager.default.contentsOfDirectory(atPath: fromAnalysis.path).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: fromPrompt.path).sorted() == names)
        for name in names where !name.hasSuffix(".json") {   // summary.json holds timings
            let a = try Data(contentsOf: fromPrompt.appendingPathComponent(name))
            let b = try Data(contentsOf: fromAnalysis.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test("a cancelled report throws CancellationError and leaves nothing behind")
    func cancelled() async throws {
        let analysis = try ReportFixture.analysis()
        let parent = ReportFixture.temporaryFolder()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await ReportWriter(analysis: analysis).write(to: parent.appendingPathComponent("report"))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }

    @Test("every figure has a title and 2–3 sentences in English and in Chinese, chapters in teaching order")
    func pageText() throws {
        let items = try ReportPlanner(analysis: try ReportFixture.analysis()).recipes().map(\.item)
        #expect(zip(items, items.dropFirst()).allSatisfy { $0.section <= $1.section })
        #expect(Set(items.map(\.stem)).count == items.count)
        for item in items {
            let english = item.explanation.en.split(whereSeparator: { ".!?".contains($0) })
                .filter { $0.trimmingCharacters(in: .whitespaces).count > 3 }.count
            let chinese = item.explanation.zh.split(whereSeparator: { "。！？".contains($0) })
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            #expect((2...4).contains(english), "\(item.stem): \(english) English sentences")
            #expect((2...4).contains(chinese), "\(item.stem): \(chinese) Chinese sentences")
            #expect(!item.title.en.isEmpty && item.title.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
        }
    }
}
