import Foundation
import Testing

/// `gptscope attention` on the fixture GPT-2 (2 layers, 2 heads, random weights).
@Suite("gptscope attention, end to end")
struct AttentionCommandTests {
    let model = ModelFixtures.path("gpt2-fullvocab")

    @Test func headHeatmapAsSVGWithTitleAndTokens() throws {
        let r = try CLIRunner.run(["attention", "--model", model, "--prompt", "The cat sat", "--layer", "1", "--head", "1",
                                   "--out", "out/head.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.writtenFiles.contains("out/head.svg"))
        let svg = try String(contentsOf: r.directory.appendingPathComponent("out/head.svg"), encoding: .utf8)
        #expect(svg.contains("layer 1, head 1"))
        #expect(svg.contains("masked (future)"))
        #expect(svg.contains("cat</text>"))
        #expect(svg.components(separatedBy: "<image ").count - 1 == 2)  // cells + colorbar
        #expect(r.stderr.contains("Wrote out/head.svg"))
    }

    @Test func everyKindWritesAPNG() throws {
        for kind in ["layer", "model", "mean", "max", "rollout", "headview"] {
            let r = try CLIRunner.run(["attention", "--model", model, "--prompt", "Hello 中华 world", "--kind", kind, "--out", "a.png"])
            #expect(r.exitCode == 0, "\(kind): \(r.stderr)")
            let data = try Data(contentsOf: r.directory.appendingPathComponent("a.png"))
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(kind)")
        }
    }

    @Test func scaleChoosesTheColourMappingOfTheGrids() throws {
        for (scale, label) in [("linear", "attention weight</text>"), ("sqrt", "(square-root scale)"), ("log", "(log scale)")] {
            let r = try CLIRunner.run(["attention", "--model", model, "--prompt", "The cat sat", "--kind", "layer",
                                       "--scale", scale, "--out", "l.svg"])
            #expect(r.exitCode == 0, "\(scale): \(r.stderr)")
            let svg = try String(contentsOf: r.directory.appendingPathComponent("l.svg"), encoding: .utf8)
            #expect(svg.contains(label), "\(scale)")
        }
        // The log bar is labelled in decades from its floor.
        let r = try CLIRunner.run(["attention", "--model", model, "--prompt", "The cat sat", "--scale", "log", "--out", "h.svg"])
        let svg = try String(contentsOf: r.directory.appendingPathComponent("h.svg"), encoding: .utf8)
        #expect(svg.contains(">0.0001</text>") && svg.contains(">0.01</text>"))
        let bad = try CLIRunner.run(["attention", "--model", model, "--prompt", "The cat sat", "--kind", "headview", "--scale", "log"])
        #expect(bad.exitCode != 0 && bad.stderr.contains("--scale") && bad.writtenFiles.isEmpty)
    }

    @Test func scoresOnARepeatedPromptPrintTablesAndDraw() throws {
        let r = try CLIRunner.run(["attention", "--model", model, "--repeat", "10", "--kind", "scores"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.writtenFiles.contains("output/attention.scores.png"))
        for kind in ["previous-token", "first-token", "current-token", "duplicate-token", "induction"] {
            #expect(r.stdout.contains("\(kind) score per head"), "missing \(kind)")
        }
        #expect(r.stdout.contains("L1") && r.stdout.contains("H1") && (r.stdout.contains("best: L") || r.stdout.contains("heads: L")))
        // Each kind states its chance level and bar; the repeat kinds score the second copy (10 queries).
        #expect(r.stdout.contains("induction score per head (1 = ideal head, chance ") && r.stdout.contains("10 queries scored"))
        #expect(r.stderr.contains("Running 21 tokens"))  // <|endoftext|> + 10 + 10
        // Every score printed (a number with a decimal point) is in 0…1.
        let numbers = r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == ";" || $0 == ")" })
            .filter { $0.contains(".") }.compactMap { Double($0) }
        #expect(!numbers.isEmpty && numbers.allSatisfy { (0...1).contains($0) })
    }

    /// Issue 16, item 5: `--head previous-token` / `--head induction` draw the head with the
    /// highest score on the prompt, found at run time. Reference: every head's scores on the
    /// built-in model's example prompt from transformers' attention weights
    /// (Tests/Scripts/default_model_reference.py); the note must name its argmax and its score.
    @Test func headByScoreMatchesTransformersArgmax() throws {
        struct Reference: Decodable {
            struct Case: Decodable { let prompt: String; let head_scores: [String: [[Double]]] }
            let cases: [Case]
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GPTModelTests/Fixtures/default_model_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let example = try #require(reference.cases.first)
        for kind in ["previous-token", "induction"] {
            let table = try #require(example.head_scores[kind])
            let cells = table.enumerated().flatMap { l, row in row.enumerated().map { (l, $0.offset, $0.element) } }
            let best = try #require(cells.max { $0.2 < $1.2 })
            let r = try CLIRunner.run(["attention", "--prompt", example.prompt, "--head", kind, "--out", "\(kind).png"])
            #expect(r.exitCode == 0, "\(r.stderr)")
            #expect(r.stderr.contains("Layer \(best.0), head \(best.1): the highest \(kind) score on this prompt, \(String(format: "%.2f", best.2))"), "\(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: r.directory.appendingPathComponent("\(kind).png").path))
        }
        // Within a layer, and refused where no head is drawn.
        let inLayer = try CLIRunner.run(["attention", "--head", "previous-token", "--layer", "0", "--out", "p.png"])
        let row = try #require(example.head_scores["previous-token"]?.first)
        let head = try #require(row.indices.max { row[$0] < row[$1] })
        #expect(inLayer.stderr.contains("Layer 0, head \(head): the highest previous-token score in layer 0 on this prompt"), "\(inLayer.stderr)")
        let refused = try CLIRunner.run(["attention", "--kind", "model", "--head", "induction"])
        #expect(refused.exitCode != 0 && refused.stderr.contains("--head induction picks one head by score"))
    }

    /// Issue 12, item 8: --repeat starts with the tokenizer's <|endoftext|> (the built-in model's
    /// is id 4095), draws whole words, and says when a model has no start token.
    @Test func repeatStartsWithTheStartTokenAndDrawsWords() throws {
        let r = try CLIRunner.run(["attention", "--repeat", "6", "--out", "a.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Running 13 tokens"))
        let svg = try String(contentsOf: r.directory.appendingPathComponent("a.svg"), encoding: .utf8)
        #expect(svg.contains("&lt;|endoftext|&gt;"))
        #expect(!svg.contains("&lt;e") && !svg.contains("&lt;f") && !svg.contains("\u{FFFD}"))
        let none = try CLIRunner.run(["attention", "--model", ModelFixtures.path("gpt1-tiny"), "--repeat", "6", "--out", "b.png"])
        #expect(none.exitCode == 0, "\(none.stderr)")
        #expect(none.stderr.contains("has no tokenizer, so the random tokens start the prompt"))
        #expect(none.stderr.contains("Running 12 tokens"))
    }

    @Test func scoresAsJSONCarryChanceAndBar() throws {
        let r = try CLIRunner.run(["attention", "--model", model, "--repeat", "10", "--kind", "scores", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "gptscope.head-scores/1")
        #expect(object?["tokens"] as? Int == 21)
        let kinds = try #require(object?["kinds"] as? [[String: Any]])
        #expect(kinds.compactMap { $0["kind"] as? String } == ["previous-token", "first-token", "current-token", "duplicate-token", "induction"])
        let induction = try #require(kinds.last)
        // The second copy: positions 11…20, each query's target one of 11…20 back: chance = mean 1/(q+1).
        let chance = (11...20).reduce(0.0) { $0 + 1 / Double($1 + 1) } / 10
        #expect(induction["query_range"] as? [Int] == [11, 21] && induction["queries"] as? Int == 10)
        #expect(abs((induction["chance"] as? Double ?? 0) - chance) < 1e-9)
        #expect(abs((induction["bar"] as? Double ?? 0) - (1 + chance) / 2) < 1e-9)
        #expect((induction["scores"] as? [[Double]])?.count == 2)
        let previous = try #require(kinds.first)
        // Queries 1…20: chance = mean over q of 1/(q+1).
        #expect(abs((previous["chance"] as? Double ?? 0) - (1...20).reduce(0.0) { $0 + 1 / Double($1 + 1) } / 20) < 1e-9)
        #expect(previous["query_range"] == nil)
        let refused = try CLIRunner.run(["attention", "--model", model, "--prompt", "Hi", "--json"])
        #expect(refused.exitCode != 0 && refused.stderr.contains("--json is for --kind scores"))
    }

    @Test func badRequestsFailWithOneClearLineAndNoFile() throws {
        let layer = try CLIRunner.run(["attention", "--model", model, "--prompt", "Hi there", "--layer", "7", "--out", "x.png"])
        #expect(layer.exitCode != 0)
        #expect(layer.stderr.contains("layer 7 does not exist"))
        #expect(!layer.writtenFiles.contains("x.png"))
        let range = try CLIRunner.run(["attention", "--model", model, "--prompt", "Hi there", "--range", "1:99", "--out", "x.png"])
        #expect(range.exitCode != 0)
        #expect(range.stderr.contains("positions 1:99"))
        let syntax = try CLIRunner.run(["attention", "--model", model, "--prompt", "Hi", "--range", "5-3"])
        #expect(syntax.exitCode != 0 && syntax.stderr.contains("--range must be A:B"))
        let query = try CLIRunner.run(["attention", "--model", model, "--prompt", "Hi", "--query", "1"])
        #expect(query.exitCode != 0 && query.stderr.contains("--query is for --kind headview"))
        let both = try CLIRunner.run(["attention", "--model", model])
        #expect(both.exitCode != 0 && both.stderr.contains("--repeat"))
        let long = try CLIRunner.run(["attention", "--model", model, "--repeat", "40"])
        #expect(long.exitCode != 0 && long.stderr.contains("context of 32"))
    }

    @Test func helpTeachesHowToRead() throws {
        let r = try CLIRunner.run(["attention", "--help"])
        #expect(r.exitCode == 0)
        for text in ["query", "ROW", "COLUMN", "masked (future)", "--repeat", "Examples:", "rollout", "headview"] {
            #expect(r.stdout.contains(text), "help lacks \(text)")
        }
    }
}
