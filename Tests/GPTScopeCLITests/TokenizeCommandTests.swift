import Foundation
import Testing

/// End-to-end runs of `gptscope tokenize` on the built binary; expected ids come from tiktoken
/// (the TokenizationTests corpus) and transformers (the tiny vocabulary).
@Suite struct TokenizeCommandTests {
    static let tokenizationFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TokenizationTests/Fixtures")

    struct Output: Decodable {
        let ids: [Int]
        let tokens: [String]
        let labels: [String]
        let bytes: [[UInt8]]
        let groups: [Group]
        let characters: Int
        let byteCount: Int
        let tokenCount: Int
        struct Group: Decodable {
            let tokens: [Int]
            let text: String
            let label: String
        }
    }

    struct CorpusCase: Decodable {
        let name: String
        let text: String
        let ids: [Int]
        let hf_tokens: [String]
    }

    static func corpusCase(_ name: String) throws -> CorpusCase {
        struct Corpus: Decodable { let cases: [CorpusCase] }
        let data = try Data(contentsOf: tokenizationFixtures.appendingPathComponent("tokenizer_corpus.json"))
        return try #require(try JSONDecoder().decode(Corpus.self, from: data).cases.first { $0.name == name })
    }

    func decode(_ result: CLIRunner.Result) throws -> Output {
        try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
    }

    /// Runs the binary with `input` on standard input.
    func run(_ arguments: [String], stdin input: Data) throws -> (Int32, String, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-tok-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inURL = folder.appendingPathComponent("in"), outURL = folder.appendingPathComponent("out")
        let errURL = folder.appendingPathComponent("err")
        try input.write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = try CLIRunner.binary()
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
                try String(contentsOf: errURL, encoding: .utf8))
    }

    @Test(arguments: ["english_prose", "chinese", "emoji_zwj", "long_mixed", "contractions_upper"])
    func jsonMatchesTiktoken(_ name: String) throws {
        let c = try Self.corpusCase(name)
        let result = try CLIRunner.run(["tokenize", "--json", "--", c.text])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let output = try decode(result)
        #expect(output.ids == c.ids)
        #expect(output.tokens == c.hf_tokens)
        #expect(output.bytes.joined().elementsEqual(c.text.utf8))
        #expect(output.tokenCount == c.ids.count && output.byteCount == c.text.utf8.count)
    }

    @Test func chineseTableShowsBytesAndCharacters() throws {
        let result = try CLIRunner.run(["tokenize", "中华人民共和国成立于1949年"])
        #expect(result.exitCode == 0)
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        // "#  id  token  bytes  hex…  character (k/n)" for the two tokens of 华 (tiktoken: 39355, 236).
        #expect(lines.contains { $0 == ["1", "39355", "<e5><8d>", "2", "e5", "8d", "华", "(1/2)"] })
        #expect(lines.contains { $0 == ["2", "236", "<8e>", "1", "8e", "华", "(2/2)"] })
        #expect(lines.contains { $0 == ["10", "234", "<8c>", "1", "8c", "和", "(3/3)"] })
        #expect(result.stdout.contains("Characters: 15   Bytes: 37   Tokens: 23   Bytes per token: 1.61"))
    }

    @Test func chineseJSONGroups() throws {
        let output = try decode(try CLIRunner.run(["tokenize", "--json", "中华"]))
        #expect(output.ids == [40792, 39355, 236])
        #expect(output.labels == ["中", "<e5><8d>", "<8e>"])
        #expect(output.groups.map(\.tokens) == [[0, 1], [1, 3]])
        #expect(output.groups.map(\.label) == ["中", "华"])
        #expect(output.characters == 2)
    }

    @Test func standardInput() throws {
        let c = try Self.corpusCase("source_code_python")
        let (status, stdout, stderr) = try run(["tokenize", "--file", "-", "--json"], stdin: Data(c.text.utf8))
        #expect(status == 0, "\(stderr)")
        #expect(try JSONDecoder().decode(Output.self, from: Data(stdout.utf8)).ids == c.ids)
    }

    @Test func fileInputAndSpecialTokens() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("in.txt")
        try Data("a<|endoftext|>b".utf8).write(to: file)
        let plain = try decode(try CLIRunner.run(["tokenize", "--json", "--file", file.path]))
        #expect(plain.ids == [64, 27, 91, 437, 1659, 5239, 91, 29, 65])  // tiktoken, disallowed_special=()
        let special = try decode(try CLIRunner.run(["tokenize", "--json", "--allow-special", "--file", file.path]))
        #expect(special.ids == [64, 50256, 65])
    }

    @Test func nonUTF8FileIsRefusedUnlessBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("latin1.txt")
        let bytes: [UInt8] = Array("ok\ncaf".utf8) + [0xE9, 0x21]  // "café!" in Latin-1
        try Data(bytes).write(to: file)
        let refused = try CLIRunner.run(["tokenize", "--file", file.path])
        #expect(refused.exitCode != 0)
        #expect(refused.stderr.contains("latin1.txt is not valid UTF-8 (line 2, byte offset 6: 0xe9)"))
        #expect(refused.stderr.contains("--bytes"))
        let raw = try decode(try CLIRunner.run(["tokenize", "--json", "--bytes", "--file", file.path]))
        #expect(Array(raw.bytes.joined()) == bytes)
        #expect(raw.labels.contains { $0.contains("<e9>") })
    }

    @Test func missingAndMalformedFiles() throws {
        let missing = try CLIRunner.run(["tokenize", "--file", "/nonexistent/x.txt"])
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.contains("cannot read /nonexistent/x.txt: no such file"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ranks = folder.appendingPathComponent("bad.tiktoken")
        try Data("IQ== 0\nIg== one\n".utf8).write(to: ranks)
        let bad = try CLIRunner.run(["tokenize", "--vocab", ranks.path, "x"])
        #expect(bad.exitCode != 0)
        #expect(bad.stderr.contains("bad.tiktoken:2: rank 'one' is not a non-negative integer"))

        let noMerges = try CLIRunner.run(["tokenize", "--model", folder.path, "x"])
        #expect(noMerges.exitCode != 0)
        #expect(noMerges.stderr.contains("has no vocab.json"))

        let both = try CLIRunner.run(["tokenize", "--file", ranks.path, "x"])
        #expect(both.exitCode != 0)
        #expect(both.stderr.contains("not both"))
    }

    @Test func checkpointVocabularyMatchesTransformers() throws {
        // transformers' GPT2Tokenizer on the tiny vocabulary gave [72, 101, 259, 111, 265].
        let output = try decode(try CLIRunner.run(["tokenize", "--json", "--model",
                                                   Self.tokenizationFixtures.appendingPathComponent("tiny_vocab").path,
                                                   "Hello world"]))
        #expect(output.ids == [72, 101, 259, 111, 265])
        #expect(output.labels == ["H", "e", "ll", "o", "·world"])
    }

    /// Issue 12, item 2: `tokenize` can use the built-in model's vocabulary and names whichever it
    /// used. Reference ids: Hugging Face `tokenizers` on the shipped vocab.json + merges.txt
    /// ([295, 386, 387]); tiktoken's gpt2 encoding ([1870, 1793, 531]).
    @Test func namesTheTokenizerAndOffersTheBuiltInModels() throws {
        let builtIn = try CLIRunner.run(["tokenize", "--tokenizer", "gptscope-default", "And God said"])
        #expect(builtIn.exitCode == 0, "\(builtIn.stderr)")
        #expect(builtIn.stdout.hasPrefix("Tokenizer: the built-in model's own byte-level BPE (gptscope-default, 4,096 tokens)"))
        let json = try decode(try CLIRunner.run(["tokenize", "--tokenizer", "gptscope-default", "--json", "And God said"]))
        #expect(json.ids == [295, 386, 387])

        let plain = try CLIRunner.run(["tokenize", "And God said"])
        #expect(plain.stdout.hasPrefix("Tokenizer: GPT-2's byte-level BPE (gpt2, 50,257 tokens)"))
        #expect(try decode(try CLIRunner.run(["tokenize", "--json", "And God said"])).ids == [1870, 1793, 531])

        let folder = try CLIRunner.run(["tokenize", "--model", Self.tokenizationFixtures.appendingPathComponent("tiny_vocab").path, "Hello"])
        #expect(folder.stdout.hasPrefix("Tokenizer: the byte-level BPE tiny_vocab ("))

        let chart = try CLIRunner.run(["tokenize", "--tokenizer", "gptscope-default", "And God said", "--chart", "t.svg"])
        let svg = try String(contentsOf: chart.directory.appendingPathComponent("t.svg"), encoding: .utf8)
            .replacingOccurrences(of: "<tspan[^>]*>|</tspan>", with: "", options: .regularExpression)
        #expect(svg.contains("gptscope-default, 4,096 tokens") && !svg.contains("GPT-2"))

        let both = try CLIRunner.run(["tokenize", "--tokenizer", "gpt2", "--vocab", "x.tiktoken", "Hi"])
        #expect(both.exitCode != 0 && both.stderr.contains("not several"))
    }

    @Test func chartIsWritten() throws {
        let result = try CLIRunner.run(["tokenize", "中华 is", "--chart", "tokens.svg"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.writtenFiles == ["tokens.svg"])
        // Text may be split into <tspan> runs by font; compare the text content only.
        let svg = try String(contentsOf: result.directory.appendingPathComponent("tokens.svg"), encoding: .utf8)
            .replacingOccurrences(of: "<tspan[^>]*>|</tspan>", with: "", options: .regularExpression)
        #expect(svg.contains(">华</text>") && svg.contains(">39355</text>") && svg.contains(">·is</text>"))

        let png = try CLIRunner.run(["tokenize", "Hello", "--chart", "t.png"])
        #expect(png.exitCode == 0)
        let data = try Data(contentsOf: png.directory.appendingPathComponent("t.png"))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))

        let bad = try CLIRunner.run(["tokenize", "Hello", "--chart", "t.gif"])
        #expect(bad.exitCode != 0 && bad.stderr.contains(".png, .svg or .pdf"))
        #expect(bad.writtenFiles.isEmpty)
    }
}
