import Foundation
import Testing

@Suite("gptscope layers, end to end")
struct LayersCommandTests {
    static let prompt = "The quick brown fox jumps over the lazy dog. 中华人民共和国"

    @Test func everyKindWritesItsFigure() throws {
        let r = try CLIRunner.run(["layers", "--model", ModelFixtures.path("gpt2-fullvocab"), "--prompt", Self.prompt,
                                   "--kind", "all", "--out", "out/fv.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let names = ["generation", "logit-lens", "next-token", "params.breakdown", "params.comparison", "residual-norms"]
        #expect(r.writtenFiles == ["out"] + names.map { "out/fv.\($0).svg" })
        // Hugging Face's top next token for this prompt and fixture model: 20045 "Much", 1.05 %
        // (Tests/VisualizationsTests/Fixtures/logit_lens.json).
        #expect(r.stdout.contains("1.05%  Much"))
        let lens = try String(contentsOf: r.directory.appendingPathComponent("out/fv.logit-lens.svg"), encoding: .utf8)
        #expect(lens.contains("Logit lens — gpt2-fullvocab") && lens.contains(">Much</text>"))
    }

    @Test func defaultNamesRangesAndPositions() throws {
        let r = try CLIRunner.run(["layers", "--model", ModelFixtures.path("gpt2-untied"), "--ids", "1,2,3,4,5,6,7,8",
                                   "--kind", "norms", "--range", "2:6"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.writtenFiles == ["output", "output/residual-norms.png"])
        let probs = try CLIRunner.run(["layers", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", "1,2,3",
                                       "--kind", "probs", "--position=-2", "--top-k", "3", "--out", "p.pdf"])
        #expect(probs.exitCode == 0, "\(probs.stderr)")
        #expect(probs.writtenFiles == ["p.pdf"] && probs.stdout.contains("Next token after position 1:"))
    }

    @Test func generationFromGenerateJSONAndFromGenerateChart() throws {
        let model = ModelFixtures.path("gpt2-fullvocab")
        let generate = try CLIRunner.run(["generate", "--model", model, "--prompt", "Once upon a time", "--max-tokens", "4",
                                          "--temperature", "0", "--json", "--chart", "gen.png"])
        #expect(generate.exitCode == 0, "\(generate.stderr)")
        #expect(generate.writtenFiles == ["gen.png"])
        let json = generate.directory.appendingPathComponent("gen.json")
        try Data(generate.stdout.utf8).write(to: json)
        let r = try CLIRunner.run(["layers", "--kind", "generation", "--steps", json.path, "--out", "g.svg"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let svg = try String(contentsOf: r.directory.appendingPathComponent("g.svg"), encoding: .utf8)
            .replacingOccurrences(of: "<tspan[^>]*>|</tspan>", with: "", options: .regularExpression)
        #expect(svg.contains("Generation step by step — gpt2-fullvocab") && svg.contains("Prompt: “Once upon a time”"))
    }

    @Test func badInputIsAOneLineErrorAndWritesNothing() throws {
        let model = ModelFixtures.path("gpt1-tiny")
        let bad: [[String]] = [
            ["layers", "--model", model, "--ids", "1,2,3", "--range", "5:3"],
            ["layers", "--model", model, "--ids", "1,2,3", "--range", "0:10"],
            ["layers", "--model", model, "--ids", "1,2,3", "--kind", "probs", "--position", "3"],
            ["layers", "--model", model, "--ids", "1,2,3", "--top-k", "0"],
            ["layers", "--model", model, "--ids", "1,2,3", "--out", "x.txt"],
            ["layers", "--model", model, "--ids", "1,2,999"],
            ["layers", "--model", model],
            ["layers", "--kind", "lens", "--ids", "1,4096"],   // the built-in model has 4,096 tokens
            ["layers", "--kind", "generation", "--steps", "missing.json"],
            ["layers", "--kind", "norms", "--model", model, "--ids", "1", "--steps", "x.json"],
        ]
        for arguments in bad {
            let r = try CLIRunner.run(arguments)
            #expect(r.exitCode != 0, "\(arguments)")
            #expect(r.stderr.hasPrefix("Error:"), "\(arguments): \(r.stderr)")
            #expect(r.writtenFiles.filter { !$0.hasSuffix(".json") }.isEmpty, "\(arguments): \(r.writtenFiles)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"schema": "something/1", "steps": []}"#.utf8).write(to: folder.appendingPathComponent("bad.json"))
        let r = try CLIRunner.run(["layers", "--kind", "generation", "--steps", "bad.json"], in: folder)
        #expect(r.exitCode != 0 && r.stderr.contains("not a gptscope generation"), "\(r.stderr)")
        #expect(r.writtenFiles == ["bad.json"])
    }

    @Test func helpTeaches() throws {
        let r = try CLIRunner.run(["layers", "--help"])
        #expect(r.exitCode == 0)
        for phrase in ["residual stream", "logit lens", "Caveat", "Examples:", "--range A:B"] {
            #expect(r.stdout.contains(phrase), "\(phrase)")
        }
    }
}
