import Foundation
import Testing
@testable import Tokenization

/// Bad tokenizer.json files: one line naming the file and the construct or problem.
@Suite struct TokenizerJSONErrorTests {
    /// A tokenizer.json with `model` as its model's members and `extra` members at the top level.
    func file(model: String = #""type": "BPE", "vocab": {}, "merges": []"#, extra: String = "") -> [UInt8] {
        Array(#"{"model": {\#(model)}\#(extra.isEmpty ? "" : ", " + extra)}"#.utf8)
    }

    func message(_ data: [UInt8]) -> String {
        do {
            _ = try Tokenizer(tokenizerJSON: data, name: "tokenizer.json")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        (#""type": "WordPiece", "vocab": {}"#, "", "model type WordPiece is not supported"),
        (#""type": "Unigram", "vocab": []"#, "", "model type Unigram is not supported"),
        (#""type": "BPE", "vocab": {}, "merges": [], "continuing_subword_prefix": "@@""#, "", "continuing_subword_prefix \"@@\""),
        (#""type": "BPE", "vocab": {}, "merges": [], "dropout": 0.1"#, "", "BPE dropout is not supported"),
        (#""type": "BPE", "vocab": {}, "merges": []"#, #""normalizer": {"type": "BertNormalizer"}"#, "normalizer BertNormalizer"),
        (#""type": "BPE", "vocab": {}, "merges": []"#, #""pre_tokenizer": {"type": "Whitespace"}"#, "pre-tokenizer Whitespace"),
        (#""type": "BPE", "vocab": {}, "merges": []"#,
         #""pre_tokenizer": {"type": "Split", "pattern": {"Regex": "(?<=x)y"}, "behavior": "Isolated", "invert": false}"#,
         "regex construct (?<= in Split pre-tokenizer pattern is not supported"),
        (#""type": "BPE", "vocab": {}, "merges": []"#, #""decoder": {"type": "WordPiece"}"#, "decoder WordPiece"),
        (#""type": "BPE", "vocab": {"a": 0}, "merges": [["a", "b"]]"#, "", "merge 1 (\"a b\") uses a token that is not in the vocabulary"),
        (#""type": "BPE", "vocab": {"a": 0}, "merges": ["a"]"#, "", "merge 1 \"a\" is not two tokens"),
    ])
    func unsupportedOrMalformedComponentsAreNamed(model: String, extra: String, expected: String) {
        let text = message(file(model: model, extra: extra))
        #expect(text.hasPrefix("tokenizer.json: "))
        #expect(text.contains(expected), "\(text)")
        #expect(!text.contains("\n"))
    }

    @Test func notJSONAndNoModel() {
        #expect(message(Array("{".utf8)) == "tokenizer.json: not valid JSON; expected a Hugging Face tokenizer.json")
        #expect(message(Array("{}".utf8)).hasPrefix("tokenizer.json: no \"model\" object"))
    }

    @Test func byteLevelVocabularyMissingBytesIsNamed() {
        let data = file(extra: #""pre_tokenizer": {"type": "ByteLevel"}"#)
        #expect(message(data).contains("has no token for byte(s) 0x00"))
    }

    @Test func folderWithoutTokenizerFilesSaysWhatItNeeds() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            _ = try Tokenizer(checkpointDirectory: folder)
        } throws: { error in
            (error as? TokenizerError)?.description.contains("needs tokenizer.json, or vocab.json and merges.txt") == true
        }
    }

    @Test func folderWithOnlyTokenizerJSONLoadsIt() throws {
        let tokenizer = try Tokenizer(checkpointDirectory: TokenizerJSONFixtures.folder("qwen2"))
        // Named after its folder, as every checkpoint folder's tokenizer is (figures and tables show it).
        #expect(tokenizer.name == "qwen2")
        #expect(tokenizer.storage.pipeline?.encodesLikeGPT2 == false)
        #expect(try Tokenizer(checkpointDirectory: TokenizerJSONFixtures.folder("gpt2")).storage.pipeline?.encodesLikeGPT2 == true)
    }
}
