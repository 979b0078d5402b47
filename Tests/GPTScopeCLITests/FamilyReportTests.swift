import Foundation
import Testing

/// `report`, `tokenize`, `attention` and `layers` on the tiny Llama, Qwen2 and GPT-NeoX folders
/// Tests/Scripts/family_fixtures.py writes, each with the small tokenizer.json the script trains.
@Suite("model families: report and figures from a folder's tokenizer.json")
struct FamilyReportTests {
    static let prompt = "When Mary and John went to the store"

    /// The `__metadata__` of a fixture's reference.safetensors (what the script wrote).
    static func metadata(_ folder: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: FamilyCommandTests.path(folder)).appendingPathComponent("reference.safetensors"))
        let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any]
        return try #require(header?["__metadata__"] as? [String: String])
    }

    /// The ids the `tokenizers` library gave the script's sentence, read back through `tokenize --model`.
    @Test(arguments: ["llama-gqa", "qwen2-sharded", "neox-parallel", "mistral-window", "llama-linear-bf16"])
    func tokenizeMatchesTheTokenizersLibrary(folder: String) throws {
        let meta = try Self.metadata(folder)
        let text = try #require(meta["tokenizer_text"])
        let idsJSON = try #require(meta["tokenizer_ids"])
        let expected = try JSONSerialization.jsonObject(with: Data(idsJSON.utf8)) as? [Int]
        #expect(expected?.isEmpty == false)
        let r = try CLIRunner.run(["tokenize", "--model", FamilyCommandTests.path(folder), "--json", text])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["ids"] as? [Int] == expected)
    }

    @Test(arguments: [("llama-gqa", "4 query heads share 2 key/value heads"),
                      ("qwen2-sharded", "4 query heads share 2 key/value heads"),
                      ("neox-parallel", nil as String?)])
    func reportRunsEndToEnd(folder: String, grouped: String?) throws {
        let r = try CLIRunner.run(["report", "--model", FamilyCommandTests.path(folder), "--prompt", Self.prompt, "--out", "report"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let out = r.directory.appendingPathComponent("report")
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        // Every figure the page shows was written.
        let sources = index.components(separatedBy: "src=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(sources.count > 20, "\(sources)")
        for source in sources {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(source).path), "\(source)")
        }
        for figure in ["attention.L0.heads", "positions.rotary-frequencies", "positions.rotary-distance",
                       "residual.logit-lens", "experiments.ablation-repeat", "parameters.breakdown"] {
            #expect(sources.contains("\(figure).png"), "\(figure)")
        }
        let heads = try String(contentsOf: out.appendingPathComponent("attention.L0.heads.svg"), encoding: .utf8)
        if let grouped {
            #expect(heads.contains(grouped))
        } else {
            #expect(!heads.contains("key/value heads"))
        }
        #expect(!index.contains("NaN") && !heads.contains("NaN"))
    }

    @Test func attentionAndLayersFiguresFromAPrompt() throws {
        let model = FamilyCommandTests.path("qwen2-sharded")
        let attention = try CLIRunner.run(["attention", "--model", model, "--prompt", Self.prompt, "--kind", "layer",
                                           "--layer", "1", "--out", "layer.svg"])
        #expect(attention.exitCode == 0, "\(attention.stderr)")
        let svg = try String(contentsOf: attention.directory.appendingPathComponent("layer.svg"), encoding: .utf8)
        #expect(svg.contains("share 2 key/value heads"))
        let layers = try CLIRunner.run(["layers", "--model", model, "--prompt", Self.prompt, "--kind", "lens", "--out", "lens.png"])
        #expect(layers.exitCode == 0, "\(layers.stderr)")
        #expect(layers.writtenFiles == ["lens.png"])
        let run = try CLIRunner.run(["run", "--model", model, "--prompt", Self.prompt, "--save-cache", "cache.safetensors"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let generate = try CLIRunner.run(["generate", "--model", model, "--prompt", Self.prompt, "--max-tokens", "3"])
        #expect(generate.exitCode == 0, "\(generate.stderr)")
        // 26 pieces, as the tokenizers library splits it (W he n Ġ M a r y Ġ and … Ġthe Ġs t o re).
        #expect(generate.stdout.contains("Prompt (26 tokens)"), "\(generate.stdout)")
    }
}
