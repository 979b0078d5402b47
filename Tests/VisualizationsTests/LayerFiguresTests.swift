import Charts
import Foundation
import GPTModel
import Testing
import Tokenization
import Visualizations

/// Structure and content of the layer figures (SVG text and images, titles, ranges, errors).
@Suite struct LayerFiguresTests {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GPTModelTests/Fixtures/models")

    static func analysis(_ model: String = "gpt2-fullvocab", prompt: String = "The quick brown fox. 中华", ids: [Int]? = nil) throws -> PromptAnalysis {
        let gpt = try GPT.load(directory: models.appendingPathComponent(model))
        let tokenizer = gpt.configuration.vocabularySize == 50257 ? try Tokenizer.gpt2() : nil
        return try PromptAnalysis.run(model: gpt, modelName: model, ids: ids ?? tokenizer?.encode(prompt) ?? [1, 2, 3], tokenizer: tokenizer,
                                      hooks: LayerFigures.hooks(for: gpt))
    }

    /// The SVG with symbol runs merged back into their `<text>` elements.
    static func svg(_ figure: Figure, sample name: String) throws -> String {
        if let dir = ProcessInfo.processInfo.environment["GPTSCOPE_CHART_SAMPLES"] {
            try figure.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).png"), scale: 2)
        }
        return try figure.svg().replacingOccurrences(of: "<tspan[^>]*>|</tspan>", with: "", options: .regularExpression)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Pixel sizes of the SVG's embedded PNG images (from each PNG's IHDR chunk).
    static func imageSizes(_ svg: String) -> [[Int]] {
        svg.components(separatedBy: "data:image/png;base64,").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(of: "\""), let png = Data(base64Encoded: String(rest[..<end])), png.count > 24 else { return nil }
            let be = { (o: Int) in png[o ..< o + 4].reduce(0) { $0 << 8 | Int($1) } }
            return [be(16), be(20)]
        }
    }

    /// `text` as the SVG writes it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Title and subtitle lines are drawn whole (not cut with "…" for lack of width).
    static func expectHeadingsWhole(_ figure: Figure, _ svg: String) {
        for line in figure.headingTexts {
            #expect(svg.contains(">\(escaped(line))</text>"), "cut: \(line)")
        }
    }

    @Test func logitLensIsOneImageWithATokenPerCell() throws {
        let analysis = try Self.analysis()
        let lens = try LogitLens(analysis)
        let figure = try LayerFigures.logitLens(analysis)
        let svg = try Self.svg(figure, sample: "layers.lens")
        Self.expectHeadingsWhole(figure, svg)
        // One image for all cells (1 px per cell: positions × stages) and one for the colorbar.
        #expect(Self.imageSizes(svg) == [[analysis.tokens.count, 3], [1, 256]])
        #expect(svg.contains("Logit lens — gpt2-fullvocab, “The quick brown fox. 中华”"))
        for label in ["resid_pre 0", "resid_pre 1", "resid_post 1", "·quick", "华", "ln_f"] {
            #expect(svg.contains(label), "\(label)")
        }
        // Every cell's top token and its percentage are drawn as text.
        for s in lens.stages.indices {
            for p in lens.positions {
                let best = lens.best(stage: s, position: p)
                #expect(svg.contains(">\(Self.escaped(best.label))"))
                #expect(svg.contains(">\(NumberFormat.percent(best.probability))</text>"))
            }
        }
    }

    @Test func logitLensOfALongPromptShowsItsLastPositionsOrTheRangeAsked() throws {
        let ids = (0 ..< 40).map { ($0 * 37) % 384 }
        let analysis = try Self.analysis("gpt2-untied", ids: ids)
        let figure = try LayerFigures.logitLens(analysis)
        #expect(figure.headingTexts.contains { $0.hasPrefix("Positions 16–39 of 40") })
        let svg = try Self.svg(figure, sample: "layers.lens.untied")
        // Without a tokenizer tokens are ids; labels outside the window are absent.
        #expect(svg.contains(">39 #\(ids[39])</text>") && !svg.contains(">15 #\(ids[15])</text>"))
        let ranged = try LayerFigures.logitLens(analysis, range: 2 ..< 7)
        #expect(ranged.headingTexts.contains { $0.hasPrefix("Positions 2–6 of 40") })
        #expect(throws: LayersError.rangeOutOfBounds(lower: 30, upper: 41, count: 40)) { try LayerFigures.logitLens(analysis, range: 30 ..< 41) }
        // The whole context (64 positions) is colour only, and says so.
        let full = try Self.analysis("gpt2-untied", ids: (0 ..< 64).map { ($0 * 11) % 384 })
        let wide = try LayerFigures.logitLens(full, range: 0 ..< 64)
        #expect(wide.headingTexts.contains { $0.hasPrefix("64 positions leave no room for token text") })
        let wideSVG = try Self.svg(wide, sample: "layers.lens.64")
        #expect(Self.imageSizes(wideSVG).first == [64, 4])
        #expect(!wideSVG.contains(">\(NumberFormat.percent(try LogitLens(full, positions: 0 ..< 1).best(stage: 0, position: 0).probability))</text>"))
    }

    @Test func gpt1LensSaysThereIsNoFinalNorm() throws {
        let figure = try LayerFigures.logitLens(try Self.analysis("gpt1-tiny", ids: [5, 9, 2, 77, 120]))
        Self.expectHeadingsWhole(figure, try Self.svg(figure, sample: "layers.lens.gpt1"))
        #expect(figure.headingTexts.contains { $0.hasPrefix("GPT-1 has no final LayerNorm") })
        let norms = try LayerFigures.residualNorms(try Self.analysis("gpt1-tiny", ids: [5, 9, 2, 77, 120]))
        Self.expectHeadingsWhole(norms, try Self.svg(norms, sample: "layers.norms.gpt1"))
        #expect(norms.headingTexts.contains { $0.contains("post-LN") })
    }

    @Test func residualNormsHeatmapAndProfile() throws {
        let analysis = try Self.analysis()
        let figure = try LayerFigures.residualNorms(analysis)
        let svg = try Self.svg(figure, sample: "layers.norms")
        Self.expectHeadingsWhole(figure, svg)
        #expect(Self.imageSizes(svg) == [[analysis.tokens.count, 3], [1, 256]])
        #expect(figure.title?.contains("gpt2-fullvocab") == true && figure.title?.contains("The quick brown fox") == true)
        for label in ["resid_pre 0", "resid_post 1", "all positions", "without position 0", "·fox", "mean ‖x‖"] {
            #expect(svg.contains(label), "\(label)")
        }
        let norms = try ResidualNorms(analysis)
        #expect(norms.values.allSatisfy { $0.allSatisfy { $0 > 0 && $0.isFinite } })
        // Values are printed in the cells of a short prompt.
        #expect(svg.contains(">\(String(format: "%.1f", norms.values[0][0]))</text>"))
        let part = try ResidualNorms(analysis, positions: 2 ..< 4)
        #expect(part.values.map(\.count) == [2, 2, 2] && part.meanPerStageAfterFirst == nil)
        #expect(part.values[1] == Array(norms.values[1][2 ..< 4]))
    }

    @Test func nextTokenBarsWithPercentagesAndTheRest() throws {
        let analysis = try Self.analysis()
        let d = try NextTokenDistribution(analysis, position: 1, topK: 5)
        let figure = try LayerFigures.nextToken(analysis, position: 1, topK: 5)
        let svg = try Self.svg(figure, sample: "layers.probs")
        Self.expectHeadingsWhole(figure, svg)
        for t in d.top {
            #expect(svg.contains(">\(t.label)</text>") && svg.contains(">\(NumberFormat.percent(t.probability))</text>"))
        }
        #expect(svg.contains("all other 50,252"))
        #expect(svg.contains("The prompt actually continues with ·brown"))
        #expect(svg.contains("Next-token probabilities — gpt2-fullvocab, “The quick” → ?"))
        #expect(d.top.reduce(0) { $0 + $1.probability } + d.remainder <= 1 + 1e-9)
        #expect(throws: LayersError.positionOutOfRange(position: 99, count: analysis.tokens.count)) {
            try LayerFigures.nextToken(analysis, position: 99)
        }
    }

    @Test func generationFromTheGenerateJSON() throws {
        let json = """
        {"schema": "gptscope.generate/1", "model": "toy", "prompt_ids": [1, 2],
         "sampling": {"temperature": 0.8, "top_k": null, "top_p": 0.9, "seed": 7}, "text": "Hi there world",
         "steps": [
           {"position": 2, "id": 10, "text": " there", "probability": 0.25, "sampling_probability": 0.3,
            "alternatives": [{"id": 11, "text": " you", "probability": 0.5}, {"id": 12, "text": "!", "probability": 0.1}]},
           {"position": 3, "id": 13, "text": " world", "probability": 0.9, "sampling_probability": 0.95,
            "alternatives": [{"id": 14, "text": "\\n", "probability": 0.05}]}
         ]}
        """
        let record = try GenerationRecord(json: Data(json.utf8))
        #expect(record.prompt == "Hi" && record.sampling == "temperature 0.8, top-p 0.9, seed 7")
        #expect(record.steps[0].candidates.map(\.label) == ["·you", "·there", "!"])
        #expect(record.steps[1].alternatives[0].label == "⏎")
        #expect(!record.steps[0].chosenBelowAlternatives)
        // A sampled token less likely than every alternative shown gets its own column, not "rank 3".
        var sampled = record
        sampled.steps[0].chosen.probability = 0.01
        #expect(sampled.steps[0].chosenBelowAlternatives)
        let sampledSVG = try Self.svg(try LayerFigures.generation(sampled), sample: "layers.generation.sampled")
        #expect(sampledSVG.contains(">chosen, less likely</text>") && !sampledSVG.contains(">rank 3</text>"))
        let figure = try LayerFigures.generation(record)
        let svg = try Self.svg(figure, sample: "layers.generation")
        Self.expectHeadingsWhole(figure, svg)
        for text in [">·you</text>", ">·there</text>", ">50.0%</text>", ">25.0%</text>", ">90.0%</text>", ">5.00%</text>", "Generation step by step — toy"] {
            #expect(svg.contains(text), "\(text)")
        }
        // The chosen chip is outlined in red: one per step.
        #expect(Self.count("stroke=\"#e15759\"", in: svg) == 2)
        #expect(throws: LayersError.invalidGenerationFile("its \"schema\" is not gptscope.generate/1")) {
            try GenerationRecord(json: Data(#"{"steps": []}"#.utf8))
        }
        #expect(throws: LayersError.invalidGenerationFile("the file is not a JSON object")) { try GenerationRecord(json: Data("nope".utf8)) }
        #expect(throws: LayersError.noSteps) {
            try LayerFigures.generation(GenerationRecord(modelName: "m", prompt: "p", sampling: "greedy", steps: []))
        }
    }

    @Test func generationFromTheModelsOwnSteps() throws {
        let analysis = try Self.analysis()
        let steps = try analysis.model.generate(prompt: analysis.tokens.ids, maxTokens: 3, options: .greedy, runnersUp: 2)
        let record = GenerationRecord(steps: steps, prompt: analysis.tokens.ids, modelName: "gpt2-fullvocab", sampling: .greedy,
                                      tokenizer: analysis.tokenizer)
        #expect(record.prompt == "The quick brown fox. 中华" && record.sampling == "greedy")
        // Greedy: the chosen token is the most probable candidate of every step.
        #expect(record.steps.allSatisfy { $0.candidates.first?.id == $0.chosen.id && $0.candidates.count == 3 })
        // The first step's prediction is the next-token distribution at the prompt's last position.
        let d = try NextTokenDistribution(analysis, topK: 3)
        #expect(record.steps[0].candidates.map(\.id) == d.top.map(\.id))
        _ = try Self.svg(try LayerFigures.generation(record), sample: "layers.generation.model")
    }

    /// Issue 12, item 10: every step is drawn (in column blocks past 32), no rank column is left
    /// half empty, the generated text is decoded whole (Chinese without spaces), and a generation
    /// stopped by the context says why.
    @Test func generationWrapsEveryStepAndSaysWhyItStopped() throws {
        func step(_ position: Int, _ alternatives: Int) -> GenerationRecord.Step {
            GenerationRecord.Step(position: position, chosen: TokenProbability(id: 1, label: "中", probability: 0.6),
                                  alternatives: (0 ..< alternatives).map { TokenProbability(id: 10 + $0, label: "x\($0)", probability: 0.1) })
        }
        // 60 steps: two blocks of 30 rows; step 7 has one alternative fewer, so every step shows 3 chips.
        let steps = (0 ..< 60).map { step(100 + $0, $0 == 7 ? 2 : 3) }
        let record = GenerationRecord(modelName: "m", prompt: "p", sampling: "greedy", steps: steps, generatedText: "中华")
        let figure = try LayerFigures.generation(record)
        let svg = try Self.svg(figure, sample: "layers.generation.60")
        #expect((100 ..< 160).allSatisfy { svg.contains(">\($0)</text>") })
        #expect(Self.count(">most probable</text>", in: svg) == 2 && !svg.contains(">rank 4</text>"))
        // Three chips per step: the chosen one (60 %) and two alternatives (10 % each).
        #expect(Self.count(">60.0%</text>", in: svg) == 60 && Self.count(">10.0%</text>", in: svg) == 120)
        #expect(figure.headingTexts.contains("Generated: “中华”"))

        // A prompt that fills a context of 8: one step, predicted for position 8.
        let full = GenerationRecord(modelName: "m", prompt: "p", sampling: "greedy", steps: [step(8, 3)], contextLength: 8, requestedSteps: 5)
        let note = try LayerFigures.generation(full).headingTexts.joined(separator: "\n")
        #expect(note.contains("5 tokens were asked for, but the prompt fills the whole context of 8"))
        #expect(note.contains("the token at position 8 is predicted from position 7 and could not be read back"))
        let early = GenerationRecord(modelName: "m", prompt: "p", sampling: "greedy", steps: [step(7, 3), step(8, 3)], contextLength: 8, requestedSteps: 5)
        #expect(try LayerFigures.generation(early).headingTexts.joined().contains("the context of 8 is full after 2 steps"))
        let room = GenerationRecord(modelName: "m", prompt: "p", sampling: "greedy", steps: [step(3, 3)], contextLength: 8, requestedSteps: 1)
        #expect(try !LayerFigures.generation(room).headingTexts.joined().contains("context"))
    }

    /// Issue 12, item 10: the logit lens's bottom row "predicts" each input token because the tied
    /// head reads the embedding back through wte; the figure says so. Hand check: resid_pre 0 at
    /// position p is wte[t] + wpe[p], and its best readout is t itself at every position here.
    @Test func logitLensExplainsItsBottomRowAndQuotesTheColumnsShown() throws {
        let analysis = try Self.analysis()
        let lens = try LogitLens(analysis)
        let echoed = lens.positions.filter { lens.best(stage: 0, position: $0).id == analysis.tokens.ids[$0] }.count
        let figure = try LayerFigures.logitLens(analysis)
        let headings = figure.headingTexts.joined(separator: "\n")
        if echoed * 2 > lens.positions.count {
            #expect(headings.contains("\(echoed) of \(lens.positions.count) bottom cells show the input token itself"))
            #expect(headings.contains("tied to wte"))
        } else {
            #expect(!headings.contains("bottom cells show"))
        }
        // A range from position 2 quotes those positions' text, marked as a continuation.
        let ranged = try LayerFigures.logitLens(analysis, range: 2 ..< 4)
        let text = try analysis.tokenizer!.decode(Array(analysis.tokens.ids[2 ..< 4]))
        #expect(ranged.title == "Logit lens — gpt2-fullvocab, “…\(text)”")
    }

    @Test func parametersOfTheLoadedModelBesideGPTs() throws {
        let config = try GPTConfiguration.load(checkpointDirectory: Self.models.appendingPathComponent("gpt2-fullvocab"))
        // Hand count: wte 50,257·16 + wpe 32·16 + 2 layers × 3,280 + ln_f 32.
        let breakdown = LayerFigures.parameterBreakdown(config)
        #expect(breakdown.title == "gpt2-fullvocab (loaded): 811,216 parameters")
        let svg = try Self.svg(LayerFigures.parameterComparison(config), sample: "layers.params")
        #expect(svg.contains("this model: gpt2-fullvocab") && svg.contains("GPT-3 175B") && svg.contains("GPT-1"))
        #expect(svg.contains(">811.2K</text>"))
    }
}
