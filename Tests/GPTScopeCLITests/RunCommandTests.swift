import Foundation
import Testing

/// Checkpoint fixtures written by Tests/Scripts/model_fixtures.py (Hugging Face transformers).
enum ModelFixtures {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GPTModelTests/Fixtures/models/\(name)").path
    }

    /// The fixture's metadata (input ids, prompt, HF's top-5 and greedy tokens), read with Python's
    /// format knowledge kept out: the header is JSON after an 8-byte length.
    static func metadata(_ name: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(name) + "/expected.safetensors"))
        let length = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< 8 + length)) as? [String: Any])
        return try #require(header["__metadata__"] as? [String: String])
    }

    static func ints(_ json: String?) throws -> [Int] {
        try JSONDecoder().decode([Int].self, from: Data((json ?? "").utf8))
    }
}

@Suite("gptscope run, end to end")
struct RunCommandTests {
    @Test func promptIsTokenizedAndTopFiveMatchHuggingFace() throws {
        let meta = try ModelFixtures.metadata("gpt2-fullvocab")
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt2-fullvocab"), "--prompt", meta["prompt"] ?? "", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let tokens = try #require(document["tokens"] as? [[String: Any]])
        #expect(tokens.compactMap { $0["id"] as? Int } == (try ModelFixtures.ints(meta["input_ids"])))
        let predictions = try #require(document["predictions"] as? [[String: Any]])
        #expect(predictions.compactMap { $0["id"] as? Int } == (try ModelFixtures.ints(meta["top5"])))
        let probabilities = predictions.compactMap { $0["probability"] as? Double }
        #expect(probabilities == probabilities.sorted(by: >) && probabilities.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func textOutputShowsTokensAndPercentages() throws {
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", "1,2,3", "--top-k", "3"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Tokens (3):"))
        #expect(r.stdout.contains("#2"))           // no tokenizer for this vocabulary: ids shown
        #expect(r.stdout.contains(" 3. "))
        #expect(r.stdout.contains("%"))
    }

    @Test func savedCacheHasHookNamesAndTokenMetadata() throws {
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt2-fullvocab"), "--prompt", "Hello world",
                                   "--hooks", "blocks.*.attn.hook_pattern", "--hooks", "logits", "--save-cache", "out/cache.safetensors"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.writtenFiles.contains("out/cache.safetensors"))
        let file = r.directory.appendingPathComponent("out/cache.safetensors")
        let data = try Data(contentsOf: file)
        let length = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< 8 + length)) as? [String: Any])
        #expect(Set(header.keys) == ["__metadata__", "blocks.0.attn.hook_pattern", "blocks.1.attn.hook_pattern", "logits"])
        let pattern = try #require(header["blocks.1.attn.hook_pattern"] as? [String: Any])
        #expect(pattern["shape"] as? [Int] == [2, 2, 2])   // [NH, T, T], no batch dimension
        let meta = try #require(header["__metadata__"] as? [String: String])
        #expect(meta["token_ids"] == "[15496,995]")
        #expect(meta["token_strings"] == "[\"Hello\",\" world\"]")

        // Python's reader, when it is installed (it is not needed to build or test GPTScope).
        guard python(["-c", "import safetensors.numpy"]).status == 0 else { return }
        let check = python(["-c", """
            import sys
            from safetensors.numpy import load_file
            d = load_file(sys.argv[1])
            assert d['blocks.0.attn.hook_pattern'].shape == (2, 2, 2), d.keys()
            assert abs(d['blocks.0.attn.hook_pattern'].sum(-1) - 1).max() < 1e-5
            assert d['logits'].shape == (2, 50257)
            print('ok')
            """, file.path])
        #expect(check.status == 0 && check.output.contains("ok"), "\(check.output)")
    }

    @Test func float16CacheHoldsTransformerLensNamesAndShapesWithinHalfPrecision() throws {
        // Every hook as f16, against transformers' values in the fixture: the same names and
        // shapes, full [NH, T, T] patterns and scores (masked scores -inf), values within f16's
        // rounding (relative 2⁻¹¹) of the reference.
        let meta = try ModelFixtures.metadata("gpt2-fullvocab")
        let ids = try ModelFixtures.ints(meta["input_ids"]).map(String.init).joined(separator: ",")
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt2-fullvocab"), "--ids", ids,
                                   "--save-cache", "half.safetensors", "--save-cache-dtype", "f16"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let file = r.directory.appendingPathComponent("half.safetensors")
        let data = try Data(contentsOf: file)
        let length = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< 8 + length)) as? [String: Any])
        let pattern = try #require(header["blocks.1.attn.hook_pattern"] as? [String: Any])
        #expect(pattern["dtype"] as? String == "F16" && pattern["shape"] as? [Int] == [2, 24, 24])
        let logits = try #require(header["logits"] as? [String: Any])
        #expect(logits["dtype"] as? String == "F16" && (logits["data_offsets"] as? [Int]).map { $0[1] - $0[0] } == 2 * 24 * 50257)

        guard python(["-c", "import safetensors.numpy"]).status == 0 else { return }
        let check = python(["-c", """
            import sys, numpy as np
            from safetensors.numpy import load_file
            got, ref = load_file(sys.argv[1]), load_file(sys.argv[2])
            assert set(ref) <= set(got), sorted(set(ref) - set(got))
            for name, want in ref.items():
                have = got[name]
                assert have.dtype == np.float16 and have.shape == want.shape, (name, have.dtype, have.shape, want.shape)
                have = have.astype(np.float32)
                masked = np.isneginf(want)
                assert (np.isneginf(have) == masked).all(), name
                err = np.abs(have[~masked] - want[~masked]) - (1e-4 + np.abs(want[~masked]) * 2.0 ** -11)
                assert err.max() <= 0, (name, err.max())
            print('ok', len(ref))
            """, file.path, ModelFixtures.path("gpt2-fullvocab") + "/expected.safetensors"])
        #expect(check.status == 0 && check.output.contains("ok 30"), "\(check.output)")
    }

    @Test func anUnknownCacheDtypeIsRefused() throws {
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", "1,2",
                                   "--save-cache", "c.safetensors", "--save-cache-dtype", "bf16"])
        #expect(r.exitCode != 0 && r.stderr.contains("--save-cache-dtype must be f32 or f16") && r.writtenFiles.isEmpty)
    }

    /// Runs python3 with `arguments`; status 127 when it cannot be started.
    func python(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (127, "") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func unknownHookSuggestsTheClosestName() throws {
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt2-untied"), "--ids", "1,2",
                                   "--hooks", "blocks.0.attn.hook_patern", "--save-cache", "c.safetensors"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("unknown hook 'blocks.0.attn.hook_patern'; did you mean 'blocks.0.attn.hook_pattern'"))
        #expect(r.writtenFiles.isEmpty)
    }

    @Test func promptLongerThanTheContextFailsOrTruncates() throws {
        let ids = (0 ..< 50).map(String.init).joined(separator: ",")   // gpt1-tiny: context 48
        let refused = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", ids])
        #expect(refused.exitCode != 0)
        #expect(refused.stderr.contains("50 tokens exceed the model's context of 48"))
        #expect(refused.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
        let truncated = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", ids, "--truncate"])
        #expect(truncated.exitCode == 0, "\(truncated.stderr)")
        #expect(truncated.stdout.contains("Tokens (48):"))
    }

    @Test func idsOutsideTheVocabulary() throws {
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", "5,300"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("token id 300 at position 1 is outside the vocabulary (0..<300)"))
        let letters = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", "5,x"])
        #expect(letters.exitCode != 0 && letters.stderr.contains("comma-separated integers"))
    }

    @Test func directoryWithoutConfigAndCorruptWeights() throws {
        let empty = try CLIRunner.run(["run", "--model", ".", "--ids", "1"])
        #expect(empty.exitCode != 0)
        #expect(empty.stderr.contains("config.json"))
        // A truncated copy of a real checkpoint.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: ModelFixtures.path("gpt1-tiny"))
        try FileManager.default.copyItem(at: source.appendingPathComponent("config.json"), to: folder.appendingPathComponent("config.json"))
        let weights = try Data(contentsOf: source.appendingPathComponent("model.safetensors"))
        try weights.prefix(weights.count - 100).write(to: folder.appendingPathComponent("model.safetensors"))
        let r = try CLIRunner.run(["run", "--model", folder.path, "--ids", "1", "--save-cache", "c.safetensors"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("truncated"))
        #expect(!r.stderr.contains("\n\n"))
        #expect(r.writtenFiles.isEmpty)
    }

    @Test func cacheLimitRefusesWithAHint() throws {
        let r = try CLIRunner.run(["run", "--model", ModelFixtures.path("gpt2-fullvocab"), "--ids", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24",
                                   "--save-cache", "c.safetensors", "--max-cache", "1"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("--max-cache"))
        #expect(r.writtenFiles.isEmpty)
    }
}
