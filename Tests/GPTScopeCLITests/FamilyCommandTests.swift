import Foundation
import Testing

/// `params`, `run`, `inspect` and `generate` on the tiny Llama, Qwen2 and GPT-NeoX folders
/// Tests/Scripts/family_fixtures.py writes, and what bad folders get.
@Suite("model families, end to end")
struct FamilyCommandTests {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GPTModelTests/Fixtures/families/\(name)").path
    }

    /// transformers' num_parameters() for each folder (in its reference.safetensors metadata).
    @Test(arguments: [("llama-gqa", "25,760"), ("qwen2-sharded", "25,888"), ("neox-parallel", "37,632")])
    func paramsOfAFolderIsExact(folder: String, total: String) throws {
        let r = try CLIRunner.run(["params", Self.path(folder)])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\(folder) · \(total) parameters"), "\(r.stdout)")
    }

    @Test func paramsStatesParallelResidualAndQwenBiases() throws {
        let neox = try CLIRunner.run(["params", Self.path("neox-parallel")])
        #expect(neox.stdout.contains("pre-norm LayerNorm, final norm, parallel attention and MLP"), "\(neox.stdout)")
        let qwen = try CLIRunner.run(["params", Self.path("qwen2-sharded")])
        #expect(qwen.stdout.contains("Q, K, V biases only"), "\(qwen.stdout)")
    }

    @Test func runRecordsKeyValueHeadShapesAndSavesThem() throws {
        let r = try CLIRunner.run(["run", "--model", Self.path("llama-gqa"), "--ids", "1,2,3,4,5",
                                   "--hooks", "blocks.0.attn.hook_rot_k", "--save-cache", "cache.safetensors"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Llama: 2 layers, 4 heads over 2 kv heads"))
        #expect(r.stdout.contains("blocks.0.attn.hook_rot_k  [5, 2, 8]"), "\(r.stdout)")
        #expect(r.writtenFiles == ["cache.safetensors"])
    }

    @Test func inspectCountsEveryShard() throws {
        let r = try CLIRunner.run(["inspect", "--model", Self.path("qwen2-sharded")])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Parameters in the checkpoint: 25,888"))
        #expect(r.stdout.contains("25,888 — matches"))
        #expect(r.stdout.contains("blocks.1.mlp.hook_pre_linear"))
    }

    @Test func generateRunsThroughTheKVCache() throws {
        let r = try CLIRunner.run(["generate", "--model", Self.path("neox-parallel"), "--ids", "3,1,4", "--max-tokens", "4"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("GPT-NeoX: 2 layers"))
    }

    @Test func weightsWithoutTokenizerNameTheFileAndIDs() throws {
        let r = try CLIRunner.run(["run", "--model", Self.path("neox-sequential"), "--prompt", "hello",
                                   "--save-cache", "cache.safetensors"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("no tokenizer.json") && r.stderr.contains("--ids"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.writtenFiles.isEmpty)
    }

    @Test func unsupportedModelTypeNamesTheFamilies() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-bert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"model_type": "bert", "hidden_size": 32}"#.utf8).write(to: folder.appendingPathComponent("config.json"))
        let r = try CLIRunner.run(["run", "--model", folder.path, "--ids", "1,2", "--save-cache", "cache.safetensors"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("gpt2, openai-gpt, llama, qwen2, mistral, gpt_neox"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.writtenFiles.isEmpty)
    }

    @Test func unknownRopeTypeIsOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-yarn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = #"{"model_type": "llama", "vocab_size": 10, "hidden_size": 32, "intermediate_size": 8, "num_hidden_layers": 1, "num_attention_heads": 4, "rope_scaling": {"type": "yarn", "factor": 4}}"#
        try Data(json.utf8).write(to: folder.appendingPathComponent("config.json"))
        let r = try CLIRunner.run(["params", folder.path])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("rope type \"yarn\" is not supported"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.writtenFiles.isEmpty)
    }
}
