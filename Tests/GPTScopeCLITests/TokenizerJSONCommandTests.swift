import Foundation
import Testing

/// `gptscope tokenize --model DIR` on folders that hold only a tokenizer.json (no weights), made by
/// Tests/Scripts/hf_tokenizer_reference.py; the ids are the `tokenizers` library's.
@Suite struct TokenizerJSONCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TokenizationTests/Fixtures/hf")

    struct Expected: Decodable {
        struct Case: Decodable {
            let text: String
            let ids: [String: [Int]]
        }
        let cases: [Case]
    }

    @Test(arguments: ["qwen2", "llama3", "sp_llama2"])
    func tokenizeWithAFolderHoldingOnlyTokenizerJSON(name: String) throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json"))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        let item = try #require(expected.cases.first { $0.text == "Mixed 中文 and English 日本語 with 123 numbers٣٤٥ and emoji 🎉!" })
        let run = try CLIRunner.run(["tokenize", "--json", "--model", Self.fixtures.appendingPathComponent(name).path, item.text])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(output?["ids"] as? [Int] == item.ids[name])
    }

    @Test func unsupportedRegexIsOneLineNamingFileAndConstruct() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-tokjson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var json = try String(contentsOf: Self.fixtures.appendingPathComponent("llama3/tokenizer.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: #""Regex": "(?i:"#, with: #""Regex": "(?<=x)(?i:"#)
        try json.write(to: folder.appendingPathComponent("tokenizer.json"), atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["tokenize", "--model", folder.path, "Hello"])
        #expect(run.exitCode != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("tokenizer.json: regex construct (?<= in Split pre-tokenizer pattern is not supported"))
        #expect(run.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
    }
}
