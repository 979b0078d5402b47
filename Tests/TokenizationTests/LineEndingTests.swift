import Foundation
import Testing
import Tokenization

/// Files saved with Windows line endings (CRLF) load exactly as their LF originals: the ids
/// asserted are tiktoken's and transformers' (fixtures), never this code's earlier output.
/// Before the fix, a CRLF merges.txt loaded no merges at all and "And God said" became 12 byte
/// tokens.
@Suite struct LineEndingTests {
    /// tiktoken's gpt2 encoding of "And God said" (tiktoken 0.14: `encode("And God said")`).
    static let andGodSaid = [1870, 1793, 531]

    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// GPT-2's files converted to vocab.json + merges.txt, both with CRLF line endings (the
    /// vocabulary one entry per line, as a pretty-printing Windows tool would write it).
    @Test func crlfHuggingFaceFilesGiveTiktokensIDs() throws {
        let (vocabJSON, mergesText) = try GPT2Conversion.huggingFaceFiles(from: try Tokenizer.gpt2())
        // Entries end in a digit followed by `,"`, which never occurs inside an escaped key.
        let prettyVocab = vocabJSON.replacingOccurrences(of: #"(\d),""#, with: "$1,\r\n\"", options: .regularExpression)
        #expect(prettyVocab.contains("\r\n"))
        let merges = Self.crlf(mergesText)
        #expect(merges.count == mergesText.utf8.count + mergesText.filter { $0 == "\n" }.count)

        let tokenizer = try Tokenizer(vocabularyJSON: Array(prettyVocab.utf8), merges: merges)
        #expect(tokenizer.encode("And God said") == Self.andGodSaid)
        for c in Fixtures.cases {
            #expect(tokenizer.encode(c.text, allowedSpecial: Set(c.allowedSpecial)) == c.ids, "\(c.name)")
        }
    }

    /// The tiny fixture vocabulary, CRLF throughout, still gives transformers' ids.
    @Test func crlfTinyVocabularyMatchesTransformers() throws {
        let source = Fixtures.url("tiny_vocab")
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["vocab.json", "merges.txt"] {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try Data(Self.crlf(text)).write(to: folder.appendingPathComponent(name))
        }
        let tokenizer = try Tokenizer(checkpointDirectory: folder)
        struct Expected: Decodable { let text: String; let ids: [Int] }
        let expected = try JSONDecoder().decode([Expected].self, from: Data(contentsOf: source.appendingPathComponent("expected.json")))
        for e in expected { #expect(tokenizer.encode(e.text) == e.ids, "\(e.text)") }
    }

    /// GPT-2's rank file (the one compiled in) with CRLF line endings.
    @Test func crlfTiktokenFileGivesTheSameIDs() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/CEmbeddedData/gpt2.tiktoken")
        let text = try String(contentsOf: file, encoding: .utf8)
        let tokenizer = try Tokenizer(tiktoken: Self.crlf(text), name: "gpt2-crlf.tiktoken")
        #expect(tokenizer.vocabularySize == 50257)
        #expect(tokenizer.encode("And God said") == Self.andGodSaid)
        for c in Fixtures.cases {
            #expect(tokenizer.encode(c.text, allowedSpecial: Set(c.allowedSpecial)) == c.ids, "\(c.name)")
        }
    }

    /// A byte order mark before `#version` (Notepad's "UTF-8 with BOM") is not a merge.
    @Test func byteOrderMarkBeforeVersionLine() throws {
        let source = Fixtures.url("tiny_vocab")
        let vocab = try Data(contentsOf: source.appendingPathComponent("vocab.json"))
        let merges = try Data(contentsOf: source.appendingPathComponent("merges.txt"))
        let plain = try Tokenizer(vocabularyJSON: Array(vocab), merges: Array(merges))
        let marked = try Tokenizer(vocabularyJSON: [0xEF, 0xBB, 0xBF] + Array(vocab), merges: [0xEF, 0xBB, 0xBF] + Array(merges))
        #expect(marked.encode("Hello world") == [72, 101, 259, 111, 265])  // transformers' ids (expected.json)
        #expect(marked.encode("the hello") == plain.encode("the hello"))
    }

    /// Invalid UTF-8 in vocab.json or merges.txt names the line and the byte offset.
    @Test func invalidUTF8NamesLineAndOffset() throws {
        let vocab = try Data(contentsOf: Fixtures.url("tiny_vocab/vocab.json"))
        let merges: [UInt8] = Array("#version: 0.2\r\nh e\r\nl ".utf8) + [0xC0, 0x80] + Array("\r\n".utf8)
        #expect(throws: TokenizerError.malformedLine(file: "merges.txt", line: 3,
                                                     problem: "not valid UTF-8 (byte offset 22: 0xc0); save the file as UTF-8")) {
            try Tokenizer(vocabularyJSON: Array(vocab), merges: merges)
        }
        let badVocab: [UInt8] = Array("{\n \"a\": 1,\n \"".utf8) + [0xED, 0xA0, 0x80] + Array("\": 2\n}".utf8)
        let error = #expect(throws: TokenizerError.self) {
            try Tokenizer(vocabularyJSON: badVocab, merges: Array("#version: 0.2\n".utf8))
        }
        #expect(error?.description == "vocab.json:3: not valid UTF-8 (byte offset 13: 0xed); save the file as UTF-8")
    }

    /// Invalid UTF-8 in a .tiktoken rank file or a tokenizer.json names the line and the byte
    /// offset too (a rank file used to say "'\u{FFFD}' is not valid base64", a tokenizer.json
    /// "not valid JSON").
    @Test func invalidUTF8InRankFileAndTokenizerJSONNamesLineAndOffset() throws {
        let ranks: [UInt8] = Array(LoadingErrorTests.byteRanks().utf8) + [0x59, 0xFF, 0x49, 0x3D] + Array(" 256\n".utf8)
        #expect(throws: TokenizerError.malformedLine(file: "r.tiktoken", line: 257,
                                                     problem: "not valid UTF-8 (byte offset \(ranks.count - 8): 0xff); save the file as UTF-8")) {
            try Tokenizer(tiktoken: ranks, name: "r.tiktoken")
        }
        // Overlong, surrogate and past-U+10FFFF sequences inside a string of an otherwise valid file.
        let json = try Data(contentsOf: Fixtures.url("hf/gpt2/tokenizer.json"))
        let prefix = Array("{\n  \"comment\": \"".utf8)
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let file = prefix + bad + Array("\",".utf8) + Array(json.dropFirst(1))
            #expect(throws: TokenizerError.malformedLine(file: "tokenizer.json", line: 2,
                                                         problem: "not valid UTF-8 (byte offset \(prefix.count): 0x\(String(bad[0], radix: 16))); save the file as UTF-8")) {
                try Tokenizer(tokenizerJSON: file)
            }
        }
    }

    /// A named pipe where vocab.json belongs is refused at once instead of blocking in open().
    @Test func namedPipeVocabularyIsRefused() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let vocab = folder.appendingPathComponent("vocab.json")
        #expect(mkfifo(vocab.path, 0o600) == 0)
        try Data("#version: 0.2\n".utf8).write(to: folder.appendingPathComponent("merges.txt"))
        #expect(throws: TokenizerError.unreadableFile(path: vocab.path, reason: "it is a named pipe, not a regular file")) {
            try Tokenizer(checkpointDirectory: folder)
        }
        #expect(throws: TokenizerError.unreadableFile(path: folder.path, reason: "it is a folder")) {
            try Tokenizer(contentsOf: folder)
        }
    }
}
