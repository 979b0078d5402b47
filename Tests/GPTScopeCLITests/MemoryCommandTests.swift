import Foundation
import Testing

/// Sizes that would exhaust memory are refused before anything is allocated, with the estimate,
/// the memory available and the option to change (issue #19); the estimates cannot overflow
/// (issue #17). `GPTSCOPE_MEMORY_LIMIT` stands in for the machine's available memory.
@Suite("memory refusals, end to end")
struct MemoryCommandTests {
    static let limit = ["GPTSCOPE_MEMORY_LIMIT": "1G"]

    /// The one `Error:` line of a refused run, after checking it left no files.
    static func refusal(_ r: CLIRunner.Result) -> String {
        #expect(r.exitCode != 0)
        #expect(r.writtenFiles.isEmpty, "\(r.writtenFiles)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "\(r.stderr)")
        return errors.first.map(String.init) ?? ""
    }

    @Test func runOfSixtyThousandTokensIsRefusedWithTheLongestPromptThatFits() throws {
        let model = try LongContextCheckpoint.write(positions: 100_000)
        defer { try? FileManager.default.removeItem(at: model) }
        let ids = Array(repeating: "0", count: 60_000).joined(separator: ",")
        let r = try CLIRunner.run(["run", "--model", model.path, "--ids", ids], environment: Self.limit)
        // 1 layer, 2 heads, C 8, F 32, V 300, T 60,000. Scores and pattern are packed causal tiles of
        // 64 queries, E(T) elements per head: E(60,000) = 64·64·(1 + … + 937) + 32·60,000 = 1,801,919,488.
        // 16·E(T) + 1,840T = 28,941,111,808 B = 27.0 GiB; it fits in 2³⁰ up to T = 11,439.
        #expect(Self.refusal(r) == "Error: this run needs about 27.0 GiB (60,000 tokens) but 1.0 GiB is available; "
            + "shorten the prompt to at most 11,439 tokens")
        // Recording hooks adds them to the estimate and to the hints.
        let hooks = try CLIRunner.run(["run", "--model", model.path, "--ids", ids, "--hooks", "blocks.0.attn.hook_pattern"], environment: Self.limit)
        // + the packed pattern, 4·2·E(T) = 14,415,355,904 B: 43,356,467,712 B = 40.4 GiB in all.
        // 24·E(T) + 1,840T ≤ 2³⁰ up to T = 9,351 (E = 64·64·(1 + … + 146) + 7·9,351 = 44,019,633
        // gives 1,073,677,032 B; T = 9,352 gives 1,073,903,488 B).
        #expect(Self.refusal(hooks) == "Error: this run needs about 40.4 GiB (60,000 tokens, 1 hook recorded) but 1.0 GiB is available; "
            + "shorten the prompt to at most 9,351 tokens or record fewer hooks with --hooks")
        let short = try CLIRunner.run(["run", "--model", model.path, "--ids", "1,2,3"], environment: Self.limit)
        #expect(short.exitCode == 0, "\(short.stderr)")
    }

    @Test func posencOfAHundredThousandPositionsIsRefusedWithARange() throws {
        let model = try LongContextCheckpoint.write(positions: 100_000)
        defer { try? FileManager.default.removeItem(at: model) }
        let r = try CLIRunner.run(["posenc", "--model", model.path], environment: Self.limit)
        // Tables 8·P·D = 6,400,000 B and the similarity 12·P² = 1.2e11 B: 111.8 GiB; 9,456 positions fit.
        #expect(Self.refusal(r) == "Error: this run needs about 111.8 GiB (100,000 positions × 8 dimensions, a 100,000 × 100,000 similarity) "
            + "but 1.0 GiB is available; draw at most 9,456 positions with --range A:B")
        let part = try CLIRunner.run(["posenc", "--model", model.path, "--range", "99000:99064", "--kind", "similarity", "--out", "s.png"],
                                     environment: Self.limit)
        #expect(part.exitCode == 0, "\(part.stderr)")
        #expect(part.writtenFiles == ["s.png"])
    }

    @Test func reportOfALongContextDrawsItsFirstPositions() throws {
        let model = try LongContextCheckpoint.write(positions: 100_000)
        defer { try? FileManager.default.removeItem(at: model) }
        let r = try CLIRunner.run(["report", "--model", model.path, "--ids", "1,2,3", "--formats", "png", "--out", "report"],
                                  environment: ["GPTSCOPE_MEMORY_LIMIT": "4G"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("The model has 100,000 positions; the position figures show the first 2,048."))
        #expect(r.writtenFiles.contains("report/positions.similarity.png"))
    }

    @Test func trainingABillionSequencesIsRefusedBeforeAnyBatchIsDrawn() throws {
        let folder = try TrainCommandTests.folder(with: ["c.txt": TrainCommandTests.text, "tiny.json": TrainCommandTests.config])
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(["train", "--steps", "2", "--out", "model", "--corpus", "c.txt", "--config", "tiny.json",
                                   "--batch", "1000000000"], in: folder, environment: Self.limit)
        #expect(r.exitCode != 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("model").path))
        // GPT-2's vocabulary, T 16, C 16, 1 layer: P = 807,680; 16P + 16P + 4 · 9,688,256 (activations)
        // + 10⁹ · 176 (windows) + 32 · 176 = 176,064,604,416 B = 164.0 GiB; a batch of 5,733,735 fits.
        #expect(r.stderr.contains("Error: this run needs about 164.0 GiB (model, 807,680 parameters, batch 1,000,000,000 × context 16) "
            + "but 1.0 GiB is available; use --batch 5733735 or less or choose a smaller --preset or --config"), "\(r.stderr)")
    }

    @Test func aContextOfABillionIsRefusedNotOverflowed() throws {
        let folder = try TrainCommandTests.folder(with: ["c.txt": TrainCommandTests.text, "tiny.json": TrainCommandTests.config])
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(["train", "--steps", "2", "--out", "model", "--corpus", "c.txt", "--config", "tiny.json",
                                   "--context", "1000000000"], in: folder, environment: Self.limit)
        #expect(r.exitCode == 1, "\(r.stderr)")
        #expect(r.stderr.contains("this run needs about") && r.stderr.contains("batch 8 × context 1,000,000,000"), "\(r.stderr)")
        #expect(r.stderr.contains("use --context"), "\(r.stderr)")
    }

    @Test func hugeRepeatAndContextOptionsAreReportedNotOverflowed() throws {
        let repeated = try CLIRunner.run(["attention", "--repeat", "4611686018427387904"])
        #expect(repeated.exitCode != 0 && repeated.exitCode != 132 && repeated.exitCode != 133)
        #expect(repeated.stderr.contains("more than the context of"), "\(repeated.stderr)")
        #expect(repeated.writtenFiles.isEmpty)
        let params = try CLIRunner.run(["params", "gpt2", "--context", "9223372036854775807"])
        #expect(params.exitCode == 0, "\(params.stderr)")
        // 2 · 85,056,000 + 2 · 12 · (2⁶³ − 1) · 768 ≈ 1.70e23 FLOPs per token.
        #expect(params.stdout.contains("1.70e23"), "\(params.stdout)")
    }

    @Test func aMalformedLimitIsNamed() throws {
        let r = try CLIRunner.run(["run", "--ids", "1,2"], environment: ["GPTSCOPE_MEMORY_LIMIT": "lots"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("GPTSCOPE_MEMORY_LIMIT must be a byte count such as 8G, 512M or 1000000, got 'lots'"))
    }
}

/// `gptscope tokenize` past one chunk (1 MiB) streams: the same ids and totals as GPT-2's
/// tokenizer gives the whole text, without holding the whole table.
@Suite("tokenize, streamed")
struct TokenizeStreamTests {
    /// 92,000 lines of "Hello world.\n" (1,196,000 bytes): GPT-2 (tiktoken) ids 15496 995 13 198
    /// each, since "\n" before a letter is a piece of its own.
    static func input() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("hello.txt")
        try Data(String(repeating: "Hello world.\n", count: 92_000).utf8).write(to: file)
        return file
    }

    @Test func jsonOfAStreamedInputHasTheWholeTextsIds() throws {
        let file = try Self.input()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let r = try CLIRunner.run(["tokenize", "--file", file.path, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(document["ids"] as? [Int] == Array([[15496, 995, 13, 198]].joined()).repeated(92_000))
        #expect(document["tokenCount"] as? Int == 368_000)
        #expect(document["byteCount"] as? Int == 1_196_000 && document["characters"] as? Int == 1_196_000)
        #expect((document["tokens"] as? [String])?.prefix(4) == ["Hello", "Ġworld", ".", "Ċ"])
        #expect((document["labels"] as? [String])?.suffix(2) == [".", "\\n"])
        let groups = try #require(document["groups"] as? [[String: Any]])
        #expect(groups.count == 368_000 && groups.last?["tokens"] as? [Int] == [367_999, 368_000])
        #expect(document["bytesPerToken"] as? Double == 3.25)
    }

    /// A named pipe is read once: the same 368,000 tokens as the file (an earlier pre-check
    /// opened it a second time and swallowed most of it).
    @Test func aNamedPipeIsReadWhole() throws {
        let file = try Self.input()
        let folder = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let text = try Data(contentsOf: file)
        // The writer blocks until gptscope opens the pipe for reading.
        DispatchQueue.global().async { try? text.write(to: pipe) }
        let r = try CLIRunner.run(["tokenize", "--file", pipe.path, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(document["tokenCount"] as? Int == 368_000)
        #expect(document["byteCount"] as? Int == 1_196_000)
    }

    @Test func badUTF8NearTheEndIsRefusedBeforeAnyRowIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 100,000 lines of 12 bytes, then "x", 0xFF: line 100,001, offset 1,200,001. A character
        // across the 1 MiB read boundary (中 at 1,048,575) is not an error.
        var bytes = Array(String(repeating: "hello world\n", count: 100_000).utf8)
        bytes.replaceSubrange(1_048_575 ..< 1_048_578, with: Array("中".utf8))
        try Data(bytes + [0x78, 0xFF, 0x0A]).write(to: folder.appendingPathComponent("bad.txt"))
        let r = try CLIRunner.run(["tokenize", "--file", folder.appendingPathComponent("bad.txt").path])
        #expect(r.exitCode != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bad.txt is not valid UTF-8 (line 100001, byte offset 1200001: 0xff)"), "\(r.stderr)")
    }

    /// A stream cannot be checked before the table starts (reading it twice would lose it), so
    /// bad UTF-8 late in it ends the table with a row saying it stopped, one error line and
    /// exit 1; no totals, as if it were complete.
    @Test func badUTF8LateInAStreamEndsTheTableWithAStopRow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let text = Data(Array(String(repeating: "hello world\n", count: 100_000).utf8) + [0x78, 0xFF, 0x0A])
        DispatchQueue.global().async { try? text.write(to: pipe) }
        let r = try CLIRunner.run(["tokenize", "--file", pipe.path])
        #expect(r.exitCode == 1)
        #expect(r.stderr.contains("pipe is not valid UTF-8 (line 100001, byte offset 1200001: 0xff)"), "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.last?.contains("not valid UTF-8 from here; the rows above are incomplete") == true)
        #expect(!r.stdout.contains("Tokens:"))
    }

    @Test func tableOfAStreamedInputHasEveryRowAndTheTotals() throws {
        let file = try Self.input()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let r = try CLIRunner.run(["tokenize", "--file", file.path])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let rows = lines.filter { $0.hasPrefix("  ") && $0.contains("  ") && !$0.contains("─") && !$0.contains("id  token") }
        #expect(rows.count == 368_000)
        #expect(rows.last?.split(separator: " ", omittingEmptySubsequences: true).prefix(3) == ["367999", "198", "\\n"])
        #expect(r.stdout.contains("Characters: 1,196,000   Bytes: 1,196,000   Tokens: 368,000   Bytes per token: 3.25"))
    }
}

private extension Array {
    func repeated(_ count: Int) -> [Element] { Array([[Element]](repeating: self, count: count).joined()) }
}
