import Foundation
import Testing

/// Issue #17's catalogue: bad inputs across every command — missing or malformed files, sizes
/// that overflow `Int` or cannot be built, NaN weights, out-of-range options, bad --ablate specs,
/// a diverging run — each refused with its exit code, exactly one `Error:` line naming the
/// problem, no crash, and nothing written beside the inputs.
@Suite struct BadInputCatalogueTests {
    /// One bad input: the arguments (run in a folder holding ``makeFixtures(in:)``'s files), the
    /// exit code (64: refused while parsing the options; 1: refused while running), and words
    /// the error line must contain, naming the problem.
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let exitCode: Int32
        let names: String
        init(_ arguments: String, _ exitCode: Int32, _ names: String) {
            self.arguments = arguments.split(separator: " ").map(String.init)
            self.exitCode = exitCode
            self.names = names
        }
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let intMax = "9223372036854775807"
    static let train = "train --corpus corpus.txt --tokenizer tok --steps 2 --out t"

    static let cases: [Case] = [
        // Checkpoint folders.
        Case("run --model missing --ids 1", 1, "missing is not a checkpoint directory"),
        Case("run --model notadir --ids 1", 1, "notadir is not a checkpoint directory"),
        Case("run --model emptydir --ids 1", 1, "emptydir has no config.json"),
        Case("run --model noweights --ids 1", 1, "no model.safetensors"),
        Case("run --model badjson --ids 1", 1, "is not valid JSON"),
        Case("run --model bert --ids 1", 1, "model_type \"bert\""),
        // Sizes in config.json: overflow, unbuildable, malformed.
        Case("run --model w62 --ids 1", 1, "key n_embd must be a whole number below 2^53"),
        Case("run --model headdim --ids 1", 1, "too many to count"),
        Case("run --model rope --ids 1", 1, "rope_scaling.factor × max_position_embeddings"),
        Case("run --model partial --ids 1", 1, "rotary width"),
        Case("run --model nlayer --ids 1", 1, "implies at least 2147483647 tensors but the files hold 26"),
        Case("params frac/config.json", 1, "key n_embd must be a whole number, found 192.5"),
        Case("params neg/config.json", 1, "n_layer is -1"),
        Case("params heads/config.json", 1, "n_head = 3 does not divide n_embd = 10"),
        Case("params huge/config.json", 1, "too many to count"),
        Case("params headdim/config.json", 1, "too many to count"),
        Case("params gtp2", 1, "unknown preset \"gtp2\""),
        // Non-finite weights, refused by every model-loading command.
        Case("run --model nan --ids 1,2", 1, "h.0.attn.c_attn.bias holds nan at flat index 3"),
        Case("inspect --model nan", 1, "non-finite weight"),
        Case("report --model nan --ids 1,2 --out rep", 1, "--allow-nonfinite"),
        Case("ablate --model nan --ids 1,2", 1, "non-finite weight"),
        Case("attention --model nan --ids 1,2", 1, "non-finite weight"),
        // Options: sizes and counts.
        Case("params gpt2 --context 0", 64, "--context must be a positive number"),
        Case("params gpt2 --context=-5", 64, "--context must be a positive number"),
        Case("params gpt2 --tokens nan", 64, "--tokens must be a positive number"),
        Case("attention --repeat 4611686018427387904", 64, "--repeat 4611686018427387904 makes 9.22e+18 tokens"),
        Case("attention --repeat 0", 64, "--repeat needs a positive number"),
        Case("attention --layer \(intMax)", 1, "layer \(intMax) does not exist"),
        Case("attention --head 99", 1, "head 99 does not exist"),
        Case("run --ids 99999", 1, "token id 99999 at position 0 is outside the vocabulary"),
        Case("run --ids 1,x", 64, "--ids must be comma-separated integers"),
        Case("run --top-k 0", 64, "--top-k must be at least 1"),
        Case("generate --max-tokens 0", 64, "--max-tokens must be at least 1"),
        Case("generate --temperature=-1", 64, "temperature must be a finite number"),
        Case("layers --range 5:2", 64, "--range must be A:B"),
        Case("posenc --positions \(intMax)", 64, "--positions must be at most"),
        Case("embeddings --dims 0", 64, "--dims must be a number of dimensions"),
        Case("\(train) --config tiny.json --context 1000000000", 1, "use --context"),
        Case("\(train) --config tiny.json --context 8 --batch \(intMax)", 1, "use --batch"),
        Case("\(train) --config deep.json --context 8", 1, "parameters, batch 8"),
        Case("\(train) --config tiny.json --context 8 --lr=-1", 64, "--lr must be positive"),
        Case("train --corpus corpus.txt --tokenizer tok --steps 0 --config tiny.json --out t", 64, "--steps must be at least 1"),
        Case("\(train) --config tiny.json --repeat-fraction 0.5 --repeat-alphabet 64:100", 64, "'64:100' is invalid for '--repeat-alphabet"),
        Case("\(train) --config tiny.json --repeat-fraction 0.5 --repeat-alphabet 1:100:10", 64, "--repeat-alphabet must start with at least 2 tokens"),
        Case("\(train) --config tiny.json --repeat-alphabet 64:100:10", 64, "--repeat-alphabet needs a repeat fraction above 0"),
        Case("\(train) --config tiny.json --repeat-fraction 1 --repeat-fraction-from 100", 64, "'100' is invalid for '--repeat-fraction-from"),
        Case("\(train) --config tiny.json --repeat-fraction 1 --repeat-fraction-from 100:2", 64, "--repeat-fraction-from must give a fraction in 0...1"),
        Case("\(train) --config tiny.json --init-std 0", 64, "--init-std must be in (0, 1]"),
        // Option combinations, specs and files.
        Case("run --prompt a --ids 1", 64, "give only one of --prompt and --ids"),
        Case("params gpt2 --json --csv", 64, "choose one of --json and --csv"),
        Case("params gpt2 --chart out.bmp", 64, "--chart needs a file name ending in .png, .svg or .pdf"),
        Case("run --ablate 9.9", 1, "layer 9 does not exist"),
        Case("run --ablate x", 1, "'x' is not a head"),
        Case("run --ablate-mode median", 64, "--ablate-mode must be zero or mean"),
        Case("tokenize --file missing.txt", 1, "cannot read missing.txt: no such file"),
        Case("tokenize --model badjson hello", 1, "has no vocab.json"),
        Case("train --corpus missing.txt --tokenizer tok --steps 2 --config tiny.json --out t", 1, "cannot read corpus missing.txt"),
        Case("train --corpus empty.txt --tokenizer tok --steps 2 --config tiny.json --out t", 1, "the corpus is empty"),
        Case("\(train) --config bert/config.json", 1, "model_type \"bert\""),
        Case("train-tokenizer --corpus corpus.txt --vocab-size 10 --out tk", 64, "--vocab-size must be 257"),
        Case("train-report --run missing", 1, "no train-log.json"),
    ]

    static let gpt1Tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GPTModelTests/Fixtures/models/gpt1-tiny")
    static let tinyVocab = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TokenizationTests/Fixtures/tiny_vocab")

    @Test(arguments: cases) func refusedWithOneLineAndNothingWritten(_ bad: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-catalogue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeFixtures(in: folder)
        let before = try Self.listing(folder)
        let result = try CLIRunner.run(bad.arguments, in: folder)
        #expect(result.exitCode == bad.exitCode, "\(result.stderr)")
        let errors = Self.errorLines(result.stderr)
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(errors.first?.contains(bad.names) == true, "\(errors)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace"))
        #expect(try Self.listing(folder) == before)
    }

    /// `--lr 1e6` diverges within a few steps: one line naming the step and the fix, exit 1, and
    /// the checkpoint left in the folder is the last finite one (every weight finite, its step
    /// before the divergence).
    @Test func divergingTrainingStopsAndKeepsTheLastFiniteCheckpoint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-catalogue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeFixtures(in: folder)
        let result = try CLIRunner.run(["train", "--corpus", "corpus.txt", "--tokenizer", "tok", "--config", "tiny.json",
                                        "--context", "8", "--batch", "2", "--steps", "40", "--lr", "1e6", "--warmup", "0",
                                        "--save-every", "2", "--eval-every", "2", "--out", "t"], in: folder)
        #expect(result.exitCode == 1)
        let errors = Self.errorLines(result.stderr)
        #expect(errors.count == 1, "\(result.stderr)")
        let line = errors.first ?? ""
        #expect(line.contains("training diverged at step") && line.contains("lower --lr") && line.contains("--clip"), "\(line)")
        let weights = try Data(contentsOf: folder.appendingPathComponent("t/model.safetensors"))
        let scalars = try Self.float32Payload(weights)
        #expect(!scalars.isEmpty && scalars.allSatisfy(\.isFinite))
        struct Log: Decodable { let checkpoints: [Int] }
        let log = try JSONDecoder().decode(Log.self, from: Data(contentsOf: folder.appendingPathComponent("t/train-log.json")))
        let step = Int(line.split(separator: " ").first { Int($0.dropLast()) != nil }?.dropLast() ?? "") ?? 0
        #expect(!log.checkpoints.isEmpty && log.checkpoints.allSatisfy { $0 < step }, "\(log.checkpoints) vs \(line)")
    }

    // MARK: Fixtures

    /// The `Error:` lines of standard error (a progress bar rewrites its line with `\r`).
    static func errorLines(_ stderr: String) -> [Substring] {
        stderr.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).filter { $0.hasPrefix("Error:") }
    }

    /// Every file and folder under `folder`, relative, sorted.
    static func listing(_ folder: URL) throws -> [String] {
        let prefix = folder.resolvingSymlinksInPath().path + "/"
        let items = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: nil)?
            .compactMap { ($0 as? URL)?.resolvingSymlinksInPath().path } ?? []
        return items.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }.sorted()
    }

    /// The scalars after a safetensors header (every tensor of these files is F32).
    static func float32Payload(_ data: Data) throws -> [Float] {
        let bytes = [UInt8](data)
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let payload = bytes[(8 + headerLength)...]
        return stride(from: payload.startIndex, to: payload.endIndex - 3, by: 4).map { i in
            Float(bitPattern: UInt32(payload[i]) | UInt32(payload[i + 1]) << 8 | UInt32(payload[i + 2]) << 16 | UInt32(payload[i + 3]) << 24)
        }
    }

    /// The inputs the cases refer to.
    static func makeFixtures(in folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ text: String, _ path: String) throws {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write(String(repeating: "hello world this is a tiny corpus. ", count: 200), "corpus.txt")
        try write("", "empty.txt")
        try write("hi\n", "notadir")
        try fm.createDirectory(at: folder.appendingPathComponent("emptydir"), withIntermediateDirectories: true)
        let gpt1Config = try String(contentsOf: gpt1Tiny.appendingPathComponent("config.json"), encoding: .utf8)
        try write(gpt1Config, "noweights/config.json")
        try write(#"{"n_embd": "#, "badjson/config.json")
        try write(#"{"model_type":"bert","vocab_size":10}"#, "bert/config.json")
        let gpt2 = #""model_type":"gpt2","vocab_size":10,"n_positions":8,"#
        try write("{\(gpt2)\"n_embd\":4611686018427387904,\"n_layer\":1,\"n_head\":1}", "w62/config.json")  // 2^62
        try write("{\(gpt2)\"n_embd\":4503599627370496,\"n_layer\":1,\"n_head\":1}", "huge/config.json")  // 2^52
        try write("{\(gpt2)\"n_embd\":192.5,\"n_layer\":1,\"n_head\":1}", "frac/config.json")
        try write("{\(gpt2)\"n_embd\":8,\"n_layer\":-1,\"n_head\":1}", "neg/config.json")
        try write("{\(gpt2)\"n_embd\":10,\"n_layer\":1,\"n_head\":3}", "heads/config.json")
        let llama = #""vocab_size":10,"max_position_embeddings":8,"hidden_size":64,"intermediate_size":8,"num_hidden_layers":1,"#
        // head_dim × heads = 2^104: overflows Int.
        try write("{\"model_type\":\"llama\",\(llama)\"num_attention_heads\":4503599627370496,\"head_dim\":4503599627370496}", "headdim/config.json")
        try write("{\"model_type\":\"llama\",\(llama)\"num_attention_heads\":4,\"rope_scaling\":{\"type\":\"dynamic\",\"factor\":1e300}}", "rope/config.json")
        try write("{\"model_type\":\"gpt_neox\",\(llama)\"num_attention_heads\":4,\"rotary_pct\":1e300}", "partial/config.json")
        try write(#"{"model_type":"gpt2","vocab_size":300,"n_positions":16,"n_embd":16,"n_layer":1,"n_head":2}"#, "tiny.json")
        try write(#"{"model_type":"gpt2","vocab_size":300,"n_positions":16,"n_embd":16,"n_layer":2147483647,"n_head":2}"#, "deep.json")
        for name in ["vocab.json", "merges.txt"] {
            try fm.copyItem(at: tinyVocab.appendingPathComponent(name), to: folder.appendingPathComponent("tok/\(name)").creatingFolder())
        }
        // gpt1-tiny's weights under a config whose n_layer is 2^31 − 1.
        let weights = try Data(contentsOf: gpt1Tiny.appendingPathComponent("model.safetensors"))
        try write(gpt1Config.replacingOccurrences(of: "\"n_layer\": 2,", with: "\"n_layer\": 2147483647,"), "nlayer/config.json")
        try weights.write(to: folder.appendingPathComponent("nlayer/model.safetensors"))
        // gpt1-tiny with a NaN at flat index 3 of the first tensor by name (transformer.h.0.attn.c_attn.bias).
        try write(gpt1Config, "nan/config.json")
        var poisoned = [UInt8](weights)
        let headerLength = poisoned[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONSerialization.jsonObject(with: Data(poisoned[8..<(8 + headerLength)])) as? [String: Any] ?? [:]
        let first = header.keys.filter { $0 != "__metadata__" }.sorted()[0]
        #expect(first == "transformer.h.0.attn.c_attn.bias")
        let start = ((header[first] as? [String: Any])?["data_offsets"] as? [Int])?.first ?? 0
        withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { nan in
            for (k, byte) in nan.enumerated() { poisoned[8 + headerLength + start + 3 * 4 + k] = byte }
        }
        try Data(poisoned).write(to: folder.appendingPathComponent("nan/model.safetensors"))
    }
}

private extension URL {
    /// This URL, after creating its parent folder.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
